/** The static JSON API: one file per department, service and month under api/v1/, plus an index. */
import type {
  CityMonthRow,
  DepartmentMonthRow,
  DepartmentRow,
  DepartmentSummaryRow,
  ScoreRow,
  ServiceMonthRow,
  ServiceRow,
  ServiceSummaryRow,
} from '../../src/lib/published.ts';

export interface ApiInput {
  release: string;
  departments: DepartmentRow[];
  services: ServiceRow[];
  departmentMonth: DepartmentMonthRow[];
  serviceMonth: ServiceMonthRow[];
  cityMonth: CityMonthRow[];
  departmentSummary: DepartmentSummaryRow[];
  serviceSummary: ServiceSummaryRow[];
  scores: ScoreRow[];
}

/** Folder of the API, relative to the data folder. */
export const API_BASE = 'api/v1';

/** API documents: path under the data folder -> JSON value. Pure. */
export function buildApi(input: ApiInput): Map<string, unknown> {
  const out = new Map<string, unknown>();
  const months = input.cityMonth.map((r) => r.month);
  out.set(`${API_BASE}/index.json`, {
    release: input.release,
    departments: input.departments.map((d) => ({ id: d.id, name_zh: d.name_zh, name_en: d.name_en, href: `departments/${d.id}.json` })),
    services: input.services.map((s) => ({ id: s.id, department: s.department, name_zh: s.name_zh, name_en: s.name_en, href: `services/${s.id}.json` })),
    months: months.map((m) => ({ month: m, href: `months/${m}.json` })),
  });
  // Rows grouped once (in input order), not filtered per document: a catalogue of thousands of
  // services made this quadratic (5,000 services × 24 months: 20 s).
  const firstBy = <T, K>(rows: readonly T[], key: (r: T) => K): Map<K, T> => {
    const m = new Map<K, T>();
    for (const r of rows) if (!m.has(key(r))) m.set(key(r), r);
    return m;
  };
  const allBy = <T, K>(rows: readonly T[], key: (r: T) => K): Map<K, T[]> => {
    const m = new Map<K, T[]>();
    for (const r of rows) {
      const list = m.get(key(r));
      if (list) list.push(r);
      else m.set(key(r), [r]);
    }
    return m;
  };
  const departmentSummary = firstBy(input.departmentSummary, (r) => r.department);
  const score = firstBy(input.scores, (r) => r.department);
  const departmentMonths = allBy(input.departmentMonth, (r) => r.department);
  const departmentServices = allBy(input.services, (s) => s.department);
  for (const d of input.departments) {
    out.set(`${API_BASE}/departments/${d.id}.json`, {
      release: input.release,
      department: d,
      summary: departmentSummary.get(d.id) ?? null,
      score: score.get(d.id) ?? null,
      months: departmentMonths.get(d.id) ?? [],
      services: (departmentServices.get(d.id) ?? []).map((s) => s.id),
    });
  }
  const serviceSummary = firstBy(input.serviceSummary, (r) => r.service);
  const serviceMonths = allBy(input.serviceMonth, (r) => r.service);
  for (const s of input.services) {
    out.set(`${API_BASE}/services/${s.id}.json`, {
      release: input.release,
      service: s,
      summary: serviceSummary.get(s.id) ?? null,
      months: serviceMonths.get(s.id) ?? [],
    });
  }
  const city = firstBy(input.cityMonth, (r) => r.month);
  const monthDepartments = allBy(input.departmentMonth, (r) => r.month);
  for (const m of months) {
    out.set(`${API_BASE}/months/${m}.json`, {
      release: input.release,
      month: m,
      city: city.get(m) ?? null,
      departments: monthDepartments.get(m) ?? [],
    });
  }
  return out;
}
