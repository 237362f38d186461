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
  /** The city over the period (kpis.csv city row). */
  cityPeriod: (): string => 'pc',
  /** A kpis.csv row of a dimension without a cell of its own elsewhere (channel, client_type, need_type, tier, routine_month, priority_month). */
  kpi: (dimension: string, key: string): string => `k|${dimension}|${key}`,
  clientNeed: (clientType: string, needType: string): string => `cn|${clientType}|${needType}`,
  /** daily-volume.csv: key "all" for the city, else a department. */
  daily: (key: string, date: string): string => `dv|${key}|${date}`,
  /** close-histogram.csv: bin = index into CLOSE_BINS. */
  closeBin: (scope: string, key: string, bin: number): string => `cb|${scope}|${key}|${bin}`,
  /** Closed requests of a scope over the period: a sub-count published in that scope's summary row. */
  closed: (scope: string, key: string): string => `cl|${scope}|${key}`,
};

/** Requests per cell (true counts, before suppression) and the relations between cells. */
export interface CellFamily {
  values: Map<string, number>;
  relations: Relation[];
  /** Sub-count cells → the cell whose row publishes them (see SuppressOptions.followers). */
  followers?: Map<string, string>;
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

// ---------------------------------------------------------------------------------------------
// The public's tables: kpis.csv, client-need.csv, daily-volume.csv and close-histogram.csv.
// Their cells share ids with the aggregate tables where they publish the same count (a kpis
// department row is department-summary's cell), so one suppression pattern covers both.

/** A relation whose kind follows the true counts: eq when the parts add up to the total, else le. */
function tie(counts: ReadonlyMap<string, number>, total: string, parts: readonly string[]): Relation {
  const t = counts.get(total) ?? 0;
  const sum = parts.reduce((n, id) => n + (counts.get(id) ?? 0), 0);
  if (sum > t) throw new Error(`cells: ${total} (${t}) is smaller than the sum of its parts (${sum})`);
  return { kind: sum === t ? 'eq' : 'le', total, parts };
}

const bump = (counts: Map<string, number>, id: string): void => {
  counts.set(id, (counts.get(id) ?? 0) + 1);
};

/** The kpis.csv cell of a row: shared with the aggregate tables for city, department, service and month. */
export function kpiCellId(dimension: string, key: string): string {
  if (dimension === 'city') return cellId.cityPeriod();
  if (dimension === 'department') return cellId.departmentSummary(key);
  if (dimension === 'service') return cellId.serviceSummary(key);
  if (dimension === 'month') return cellId.cityMonth(key);
  return cellId.kpi(dimension, key);
}

/** What kpis.csv and client-need.csv count of a request. */
export interface KpiItem {
  department: string;
  service: string | null;
  month: string;
  channel: string;
  clientType: string;
  needType: string;
  tier: number;
}

/** The dimensions and keys kpis.csv and client-need.csv publish. */
export interface KpiTables {
  departments: readonly string[];
  services: readonly { id: string; department: string }[];
  /** Every published month (routine_month, priority_month, month rows). */
  months: readonly string[];
  period: { from: string; to: string };
  channels: readonly string[];
  clientTypes: readonly string[];
  needTypes: readonly string[];
  tiers: readonly string[];
}

/** True counts of every kpis / client-need cell (and the aggregate cells they share). */
export function kpiCounts(items: Iterable<KpiItem>, t: KpiTables): Map<string, number> {
  const counts = new Map<string, number>();
  const months = new Set(t.months);
  const services = new Set(t.services.map((s) => s.id));
  for (const r of items) {
    if (!months.has(r.month)) continue;
    bump(counts, cellId.cityMonth(r.month));
    bump(counts, cellId.kpi(r.tier === 4 ? 'priority_month' : 'routine_month', r.month));
    if (!inRange(r.month, t.period)) continue;
    bump(counts, cellId.cityPeriod());
    bump(counts, cellId.departmentSummary(r.department));
    if (r.service !== null && services.has(r.service)) bump(counts, cellId.serviceSummary(r.service));
    bump(counts, cellId.kpi('channel', r.channel));
    bump(counts, cellId.kpi('client_type', r.clientType));
    bump(counts, cellId.kpi('need_type', r.needType));
    bump(counts, cellId.kpi('tier', String(r.tier)));
    bump(counts, cellId.clientNeed(r.clientType, r.needType));
  }
  return counts;
}

/**
 * Cells and relations of kpis.csv and client-need.csv: every dimension over the period adds up
 * to the city (and departments to it, services within their department), routine + priority
 * months to the city month, priority months to tier IV, and the client × need matrix to its
 * client-type and need-type margins.
 */
export function kpiFamily(counts: ReadonlyMap<string, number>, t: KpiTables): CellFamily {
  const values = new Map<string, number>();
  const put = (id: string): string => {
    values.set(id, counts.get(id) ?? 0);
    return id;
  };
  const relations: Relation[] = [];
  const rel = (total: string, parts: readonly string[]): void => {
    relations.push(tie(counts, put(total), parts.map(put)));
  };
  const pc = cellId.cityPeriod();
  const inPeriodMonths = t.months.filter((m) => inRange(m, t.period));
  rel(pc, inPeriodMonths.map(cellId.cityMonth));
  rel(pc, t.departments.map(cellId.departmentSummary));
  for (const d of t.departments) rel(cellId.departmentSummary(d), t.services.filter((s) => s.department === d).map((s) => cellId.serviceSummary(s.id)));
  for (const [dim, keys] of [['channel', t.channels], ['client_type', t.clientTypes], ['need_type', t.needTypes], ['tier', t.tiers]] as const) {
    rel(pc, keys.map((k) => cellId.kpi(dim, k)));
  }
  for (const m of t.months) rel(cellId.cityMonth(m), [cellId.kpi('routine_month', m), cellId.kpi('priority_month', m)]);
  rel(cellId.kpi('tier', '4'), inPeriodMonths.map((m) => cellId.kpi('priority_month', m)));
  rel(pc, [cellId.kpi('tier', '4'), ...inPeriodMonths.map((m) => cellId.kpi('routine_month', m))]);
  for (const c of t.clientTypes) rel(cellId.kpi('client_type', c), t.needTypes.map((n) => cellId.clientNeed(c, n)));
  for (const n of t.needTypes) rel(cellId.kpi('need_type', n), t.clientTypes.map((c) => cellId.clientNeed(c, n)));
  return { values, relations };
}

/** What daily-volume.csv and close-histogram.csv count of a request. */
export interface DistributionItem {
  department: string;
  service: string | null;
  month: string;
  /** Submission date YYYY-MM-DD (city time zone). */
  date: string;
  closed: boolean;
  workingDays: number | null;
}

export interface DistributionTables {
  departments: readonly string[];
  services: readonly { id: string; department: string }[];
  period: { from: string; to: string };
  /** Every date of the period. */
  dates: readonly string[];
  /** Bin index of a number of working days, and how many bins there are. */
  binOf: (workingDays: number) => number;
  bins: number;
}

/** True counts of every daily-volume / close-histogram cell, with the totals they add up to. */
export function distributionCounts(items: Iterable<DistributionItem>, t: DistributionTables): Map<string, number> {
  const counts = new Map<string, number>();
  const services = new Set(t.services.map((s) => s.id));
  for (const r of items) {
    if (!inRange(r.month, t.period)) continue;
    const svc = r.service !== null && services.has(r.service) ? r.service : null;
    bump(counts, cellId.cityMonth(r.month));
    bump(counts, cellId.departmentMonth(r.department, r.month));
    bump(counts, cellId.cityPeriod());
    bump(counts, cellId.departmentSummary(r.department));
    if (svc !== null) bump(counts, cellId.serviceSummary(svc));
    bump(counts, cellId.daily('all', r.date));
    bump(counts, cellId.daily(r.department, r.date));
    if (!r.closed) continue;
    bump(counts, cellId.closed('city', 'all'));
    bump(counts, cellId.closed('department', r.department));
    if (svc !== null) bump(counts, cellId.closed('service', svc));
    if (r.workingDays === null) continue;
    const b = t.binOf(r.workingDays);
    bump(counts, cellId.closeBin('city', 'all', b));
    bump(counts, cellId.closeBin('department', r.department, b));
    if (svc !== null) bump(counts, cellId.closeBin('service', svc, b));
  }
  return counts;
}

/**
 * Cells and relations of daily-volume.csv and close-histogram.csv: a day's departments add up
 * to the city's day, a month's days to the department-month and city-month cells; a bin's
 * departments add up to the city's bin and hold their services' bins; a scope's bins add up to
 * its closed requests, which its summary row publishes (a follower of that row's cell).
 */
export function distributionFamily(counts: ReadonlyMap<string, number>, t: DistributionTables): CellFamily {
  const values = new Map<string, number>();
  const put = (id: string): string => {
    values.set(id, counts.get(id) ?? 0);
    return id;
  };
  const relations: Relation[] = [];
  const rel = (total: string, parts: readonly string[]): void => {
    relations.push(tie(counts, put(total), parts.map(put)));
  };
  const months = [...new Set(t.dates.map((d) => d.slice(0, 7)))];
  const datesOf = (m: string): string[] => t.dates.filter((d) => d.slice(0, 7) === m);
  for (const date of t.dates) rel(cellId.daily('all', date), t.departments.map((d) => cellId.daily(d, date)));
  for (const m of months) {
    rel(cellId.cityMonth(m), datesOf(m).map((date) => cellId.daily('all', date)));
    for (const d of t.departments) rel(cellId.departmentMonth(d, m), datesOf(m).map((date) => cellId.daily(d, date)));
  }
  const bins = Array.from({ length: t.bins }, (_, i) => i);
  const servicesOf = (d: string): string[] => t.services.filter((s) => s.department === d).map((s) => s.id);
  for (const b of bins) {
    rel(cellId.closeBin('city', 'all', b), t.departments.map((d) => cellId.closeBin('department', d, b)));
    for (const d of t.departments) rel(cellId.closeBin('department', d, b), servicesOf(d).map((s) => cellId.closeBin('service', s, b)));
  }
  const followers = new Map<string, string>();
  const scopes: [string, string, string][] = [
    ['city', 'all', cellId.cityPeriod()],
    ...t.departments.map((d): [string, string, string] => ['department', d, cellId.departmentSummary(d)]),
    ...t.services.map((s): [string, string, string] => ['service', s.id, cellId.serviceSummary(s.id)]),
  ];
  for (const [scope, key, parent] of scopes) {
    const cl = cellId.closed(scope, key);
    followers.set(cl, parent);
    rel(cl, bins.map((b) => cellId.closeBin(scope, key, b)));
    rel(parent, [cl]);
  }
  rel(cellId.closed('city', 'all'), t.departments.map((d) => cellId.closed('department', d)));
  for (const d of t.departments) rel(cellId.closed('department', d), servicesOf(d).map((s) => cellId.closed('service', s)));
  return { values, relations, followers };
}

/** Several families as one: values and followers merged (a shared cell must have one value), relations concatenated. */
export function mergeFamilies(...families: readonly CellFamily[]): CellFamily & { followers: Map<string, string> } {
  const values = new Map<string, number>();
  const relations: Relation[] = [];
  const followers = new Map<string, string>();
  for (const f of families) {
    for (const [id, v] of f.values) {
      const had = values.get(id);
      if (had !== undefined && had !== v) throw new Error(`cells: ${id} counted ${had} and ${v} by two tables`);
      values.set(id, v);
    }
    relations.push(...f.relations);
    for (const [id, p] of f.followers ?? []) followers.set(id, p);
  }
  return { values, relations, followers };
}

/** Table family of a cell id, for reports: aggregates, kpis, client-need, daily-volume, close-histogram. */
export function familyOf(id: string): 'aggregates' | 'kpis' | 'client-need' | 'daily-volume' | 'close-histogram' {
  const p = id.slice(0, id.indexOf('|') < 0 ? id.length : id.indexOf('|'));
  if (p === 'k' || p === 'pc') return 'kpis';
  if (p === 'cn') return 'client-need';
  if (p === 'dv') return 'daily-volume';
  if (p === 'cb' || p === 'cl') return 'close-histogram';
  return 'aggregates';
}

/** kpis.csv rows with every measure of a suppressed cell null. */
export function suppressKpis<R extends { dimension: string; key: string }>(rows: readonly R[], suppressed: ReadonlySet<string>, columns: readonly (keyof R)[]): R[] {
  return rows.map((r) => {
    if (!suppressed.has(kpiCellId(r.dimension, r.key))) return r;
    const out = { ...r };
    for (const c of columns) (out as Record<keyof R, unknown>)[c] = null;
    return out;
  });
}

/** client-need.csv rows of suppressed cells: count, median and rate null. */
export function suppressClientNeed<R extends { client_type: string; need_type: string; requests: number | null; median_wd: number | null; satisfaction_rate: number | null }>(
  rows: readonly R[],
  suppressed: ReadonlySet<string>,
): R[] {
  return rows.map((r) => (suppressed.has(cellId.clientNeed(r.client_type, r.need_type)) ? { ...r, requests: null, median_wd: null, satisfaction_rate: null } : r));
}

/** daily-volume.csv rows of suppressed cells: null. */
export function suppressDaily<R extends { scope: string; key: string; date: string; requests: number | null }>(rows: readonly R[], suppressed: ReadonlySet<string>): R[] {
  return rows.map((r) => (suppressed.has(cellId.daily(r.scope === 'city' ? 'all' : r.key, r.date)) ? { ...r, requests: null } : r));
}

/** close-histogram.csv rows of suppressed cells: null (`binIndex` maps bin_from to its CLOSE_BINS index). */
export function suppressCloseHistogram<R extends { scope: string; key: string; bin_from: number; requests: number | null }>(
  rows: readonly R[],
  suppressed: ReadonlySet<string>,
  binIndex: (binFrom: number) => number,
): R[] {
  return rows.map((r) => (suppressed.has(cellId.closeBin(r.scope, r.key, binIndex(r.bin_from))) ? { ...r, requests: null } : r));
}
