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
  for (const d of input.departments) {
    out.set(`${API_BASE}/departments/${d.id}.json`, {
      release: input.release,
      department: d,
      summary: input.departmentSummary.find((r) => r.department === d.id) ?? null,
      score: input.scores.find((r) => r.department === d.id) ?? null,
      months: input.departmentMonth.filter((r) => r.department === d.id),
      services: input.services.filter((s) => s.department === d.id).map((s) => s.id),
    });
  }
  for (const s of input.services) {
    out.set(`${API_BASE}/services/${s.id}.json`, {
      release: input.release,
      service: s,
      summary: input.serviceSummary.find((r) => r.service === s.id) ?? null,
      months: input.serviceMonth.filter((r) => r.service === s.id),
    });
  }
  for (const m of months) {
    out.set(`${API_BASE}/months/${m}.json`, {
      release: input.release,
      month: m,
      city: input.cityMonth.find((r) => r.month === m) ?? null,
      departments: input.departmentMonth.filter((r) => r.month === m),
    });
  }
  return out;
}
