/**
 * The published aggregate tables as count cells and the totals that tie them together, for
 * complementary suppression (suppress.ts) and the attack tests (bounds.ts). A table added to
 * the aggregates must add its cells and relations here, or its margins go unchecked.
 */
import type { Measures } from '../../src/lib/published.ts';
import type { Aggregates } from '../measure/aggregate.ts';
import type { Relation } from './bounds.ts';

/** Cell ids: table prefix, then keys. */
export const cellId = {
  departmentMonth: (department: string, month: string): string => `dm|${department}|${month}`,
  serviceMonth: (service: string, month: string): string => `sm|${service}|${month}`,
  cityMonth: (month: string): string => `cm|${month}`,
  departmentSummary: (department: string): string => `ds|${department}`,
  departmentPrevious: (department: string): string => `dp|${department}`,
  serviceSummary: (service: string): string => `ss|${service}`,
};

/** Requests per cell (true counts, before suppression) and the relations between cells. */
export interface CellFamily {
  values: Map<string, number>;
  relations: Relation[];
}

function inRange(month: string, p: { from: string; to: string }): boolean {
  return month >= p.from && month <= p.to;
}

/**
 * Cells and relations of the aggregate tables. `counts` gives the true request count of every
 * cell (suppressed ones included), keyed by cellId; measure computes it before suppressing.
 */
export function aggregateFamily(
  a: Pick<Aggregates, 'departmentMonth' | 'serviceMonth' | 'cityMonth' | 'departmentSummary' | 'serviceSummary'>,
  counts: ReadonlyMap<string, number>,
  period: { from: string; to: string },
  previousPeriod: { from: string; to: string },
): CellFamily {
  const values = new Map<string, number>();
  const put = (id: string): void => {
    values.set(id, counts.get(id) ?? 0);
  };
  const relations: Relation[] = [];
  const months = a.cityMonth.map((r) => r.month);
  const departments = a.departmentSummary.map((r) => r.department);
  for (const m of months) put(cellId.cityMonth(m));
  for (const r of a.departmentMonth) put(cellId.departmentMonth(r.department, r.month));
  for (const r of a.serviceMonth) put(cellId.serviceMonth(r.service, r.month));
  for (const d of departments) {
    put(cellId.departmentSummary(d));
    put(cellId.departmentPrevious(d));
  }
  for (const r of a.serviceSummary) put(cellId.serviceSummary(r.service));
  // Month totals: the city = the sum of its departments.
  for (const m of months) {
    relations.push({ kind: 'eq', total: cellId.cityMonth(m), parts: departments.map((d) => cellId.departmentMonth(d, m)) });
  }
  // Department totals over the period and the previous period.
  const all = new Set(months);
  for (const d of departments) {
    relations.push({ kind: 'eq', total: cellId.departmentSummary(d), parts: months.filter((m) => inRange(m, period)).map((m) => cellId.departmentMonth(d, m)) });
    const prev = months.filter((m) => inRange(m, previousPeriod));
    // Only a relation when every month of the previous period is published.
    if (prev.length > 0 && [...monthsOf(previousPeriod)].every((m) => all.has(m))) {
      relations.push({ kind: 'eq', total: cellId.departmentPrevious(d), parts: prev.map((m) => cellId.departmentMonth(d, m)) });
    }
  }
  // Services: their period totals, and a department's month holds at least its services' months.
  const servicesOf = new Map<string, string[]>();
  for (const s of a.serviceSummary) {
    relations.push({ kind: 'eq', total: cellId.serviceSummary(s.service), parts: months.filter((m) => inRange(m, period)).map((m) => cellId.serviceMonth(s.service, m)) });
    servicesOf.set(s.department, [...(servicesOf.get(s.department) ?? []), s.service]);
  }
  for (const [d, services] of servicesOf) {
    for (const m of months) relations.push({ kind: 'le', total: cellId.departmentMonth(d, m), parts: services.map((s) => cellId.serviceMonth(s, m)) });
  }
  return { values, relations };
}

/** Months from..to inclusive (YYYY-MM). */
function* monthsOf(p: { from: string; to: string }): Generator<string> {
  let [y, m] = p.from.split('-').map(Number) as [number, number];
  for (let i = 0; i < 1200; i++) {
    const s = `${y}-${String(m).padStart(2, '0')}`;
    if (s > p.to) return;
    yield s;
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
}

/** Every Measures column null: how a suppressed cell is published. */
export function nullMeasures(): Measures {
  return {
    requests: null, ch_online: null, ch_mobile: null, ch_phone: null, ch_in_person: null, ch_other: null, closed: null,
    median_wd: null, p90_wd: null, due_n: null, on_time: null, on_time_rate: null, rated: null, satisfied: null,
    satisfaction_rate: null, mean_rating: null,
  };
}

/** The aggregates with every cell in `suppressed` nulled (all measures, or the prev_* columns). */
export function applySuppression<A extends Pick<Aggregates, 'departmentMonth' | 'serviceMonth' | 'cityMonth' | 'departmentSummary' | 'serviceSummary'>>(
  a: A,
  suppressed: ReadonlySet<string>,
): A {
  const hide = <R extends Measures>(row: R, id: string): R => (suppressed.has(id) ? { ...row, ...nullMeasures() } : row);
  return {
    ...a,
    departmentMonth: a.departmentMonth.map((r) => hide(r, cellId.departmentMonth(r.department, r.month))),
    serviceMonth: a.serviceMonth.map((r) => hide(r, cellId.serviceMonth(r.service, r.month))),
    cityMonth: a.cityMonth.map((r) => hide(r, cellId.cityMonth(r.month))),
    departmentSummary: a.departmentSummary.map((r) => {
      const row = hide(r, cellId.departmentSummary(r.department));
      return suppressed.has(cellId.departmentPrevious(r.department)) ? { ...row, prev_requests: null, prev_on_time_rate: null, prev_satisfaction_rate: null } : row;
    }),
    serviceSummary: a.serviceSummary.map((r) => hide(r, cellId.serviceSummary(r.service))),
  };
}

/** True request counts of every aggregate cell, keyed by cellId, from per-request months. */
export function cellCounts(
  items: Iterable<{ department: string; service: string | null; month: string }>,
  serviceIds: ReadonlySet<string>,
  period: { from: string; to: string },
  previousPeriod: { from: string; to: string },
): Map<string, number> {
  const counts = new Map<string, number>();
  const add = (id: string): void => {
    counts.set(id, (counts.get(id) ?? 0) + 1);
  };
  for (const r of items) {
    add(cellId.cityMonth(r.month));
    add(cellId.departmentMonth(r.department, r.month));
    const svc = r.service !== null && serviceIds.has(r.service) ? r.service : null;
    if (svc !== null) add(cellId.serviceMonth(svc, r.month));
    if (inRange(r.month, period)) {
      add(cellId.departmentSummary(r.department));
      if (svc !== null) add(cellId.serviceSummary(svc));
    }
    if (inRange(r.month, previousPeriod)) add(cellId.departmentPrevious(r.department));
  }
  return counts;
}
