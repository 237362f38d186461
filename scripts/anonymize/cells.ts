/**
 * The published aggregate tables as count cells and the totals that tie them together, for
 * complementary suppression (suppress.ts) and the attack tests (bounds.ts). A table added to
 * the aggregates must add its cells and relations here, or its margins go unchecked.
 *
 * The true counts are taken one request at a time (CellCounter, KpiCellCounter,
 * DistributionCellCounter), so measure can stream; cellCounts, kpiCounts and distributionCounts
 * are their array wrappers.
 */
import { Dictionary } from '../lib/dictionary.ts';
import type { Measures } from '../../src/lib/published.ts';
import type { Aggregates } from '../measure/aggregate.ts';
import type { Relation } from './bounds.ts';
import { viaCode, viaServiceCode, type PublicRowKey, type RowKey } from '../measure/row-key.ts';

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

/**
 * Counts per cell id without a string per request: each distinct cell gets a slot the first
 * time it is counted, and finish() lists the cells in that order. The Map it returns is the one
 * counting with Map.set(id, get(id) + 1) gives: same entries, same order, no zero entries
 * (two slots that happen to share an id add up into the first).
 */
class Tally {
  private readonly ids: string[] = [];
  private readonly counts: number[] = [];

  private open(id: string): number {
    this.ids.push(id);
    this.counts.push(0);
    return this.ids.length - 1;
  }

  /** Counts one into the cell of table[i], opening it as name(i) on first use. */
  one(table: number[], i: number, name: (i: number) => string): void {
    let s = table[i];
    if (s === undefined) {
      s = this.open(name(i));
      table[i] = s;
    }
    this.counts[s] = (this.counts[s] ?? 0) + 1;
  }

  /** Counts one into the cell of table[a][b], opening it as name(a, b) on first use. */
  two(table: number[][], a: number, b: number, name: (a: number, b: number) => string): void {
    let row = table[a];
    if (row === undefined) {
      row = [];
      table[a] = row;
    }
    let s = row[b];
    if (s === undefined) {
      s = this.open(name(a, b));
      row[b] = s;
    }
    this.counts[s] = (this.counts[s] ?? 0) + 1;
  }

  toMap(): Map<string, number> {
    const out = new Map<string, number>();
    this.ids.forEach((id, s) => out.set(id, (out.get(id) ?? 0) + (this.counts[s] ?? 0)));
    return out;
  }
}


/** Index of each distinct id of a list (the first of duplicates). */
function indexOf(ids: Iterable<string>): Map<string, number> {
  const out = new Map<string, number>();
  for (const id of ids) if (!out.has(id)) out.set(id, out.size);
  return out;
}

/** What the aggregate cells count of a request. */
export interface CellItem {
  department: string;
  service: string | null;
  month: string;
}

/**
 * cellCounts one request at a time: add() each request of the published months, then
 * finish() gives exactly the Map cellCounts gives for the same requests (entries and order).
 */
export class CellCounter {
  private readonly tally = new Tally();
  private readonly months = new Dictionary<string>();
  /** Per month index: 1 in the period, 2 in the previous period (bit flags). */
  private readonly monthFlags: number[] = [];
  private readonly departments = new Dictionary<string>();
  private readonly services: Map<string, number>;
  private readonly serviceIds: string[];
  private readonly cm: number[] = [];
  private readonly dm: number[][] = [];
  private readonly sm: number[][] = [];
  private readonly ds: number[] = [];
  private readonly ss: number[] = [];
  private readonly dp: number[] = [];
  /** Per RowKey code: this counter's month, department and service codes (-1: service not listed). */
  private readonly monthOf: (number | undefined)[] = [];
  private readonly departmentOf: (number | undefined)[] = [];
  private readonly serviceOf: (number | undefined)[] = [];
  /** What viaCode looks a code's value up with (bound once). */
  private readonly monthCodeOf = (month: string): number => this.monthCode(month);
  private readonly departmentCodeOf = (department: string): number => this.departments.code(department);
  private readonly serviceIndex = (service: string): number => this.services.get(service) ?? -1;
  private readonly period: { from: string; to: string };
  private readonly previousPeriod: { from: string; to: string };
  private readonly names: {
    cm: (m: number) => string;
    dm: (d: number, m: number) => string;
    sm: (s: number, m: number) => string;
    ds: (d: number) => string;
    ss: (s: number) => string;
    dp: (d: number) => string;
  };

  constructor(serviceIds: ReadonlySet<string>, period: { from: string; to: string }, previousPeriod: { from: string; to: string }) {
    this.services = indexOf(serviceIds);
    this.serviceIds = [...this.services.keys()];
    this.period = period;
    this.previousPeriod = previousPeriod;
    const month = (m: number): string => this.months.value(m);
    const dept = (d: number): string => this.departments.value(d);
    const svc = (s: number): string => this.serviceIds[s] ?? '';
    this.names = {
      cm: (m) => cellId.cityMonth(month(m)),
      dm: (d, m) => cellId.departmentMonth(dept(d), month(m)),
      sm: (s, m) => cellId.serviceMonth(svc(s), month(m)),
      ds: (d) => cellId.departmentSummary(dept(d)),
      ss: (s) => cellId.serviceSummary(svc(s)),
      dp: (d) => cellId.departmentPrevious(dept(d)),
    };
  }

  add(item: CellItem): void {
    const s = item.service === null ? undefined : this.services.get(item.service);
    this.addAt(this.monthCode(item.month), this.departments.code(item.department), s ?? -1);
  }

  /** add(item), with its keys as codes (measure's row-key.ts): each code's own codes are looked up once. */
  addKeyed(k: RowKey): void {
    const m = viaCode(this.monthOf, k.monthCode, k.month, this.monthCodeOf);
    const d = viaCode(this.departmentOf, k.departmentCode, k.department, this.departmentCodeOf);
    this.addAt(m, d, viaServiceCode(this.serviceOf, k, this.serviceIndex, -1));
  }

  /** The month's code, its period flags noted when new. */
  private monthCode(month: string): number {
    const m = this.months.code(month);
    if (m === this.monthFlags.length) {
      this.monthFlags.push((inRange(month, this.period) ? 1 : 0) | (inRange(month, this.previousPeriod) ? 2 : 0));
    }
    return m;
  }

  /** Counts one request of month m, department d and service s (-1: none listed). */
  private addAt(m: number, d: number, s: number): void {
    const t = this.tally;
    const n = this.names;
    const flags = this.monthFlags[m] ?? 0;
    t.one(this.cm, m, n.cm);
    t.two(this.dm, d, m, n.dm);
    if (s >= 0) t.two(this.sm, s, m, n.sm);
    if (flags & 1) {
      t.one(this.ds, d, n.ds);
      if (s >= 0) t.one(this.ss, s, n.ss);
    }
    if (flags & 2) t.one(this.dp, d, n.dp);
  }

  /** True request counts keyed by cellId, as cellCounts returns them. */
  finish(): Map<string, number> {
    return this.tally.toMap();
  }
}

/** True request counts of every aggregate cell, keyed by cellId, from per-request months. */
export function cellCounts(
  items: Iterable<CellItem>,
  serviceIds: ReadonlySet<string>,
  period: { from: string; to: string },
  previousPeriod: { from: string; to: string },
): Map<string, number> {
  const counter = new CellCounter(serviceIds, period, previousPeriod);
  for (const r of items) counter.add(r);
  return counter.finish();
}

// ---------------------------------------------------------------------------------------------
// The public's tables: kpis.csv, client-need.csv, daily-volume.csv and close-histogram.csv.
// Their cells share ids with the aggregate tables where they publish the same count (a kpis
// department row is department-summary's cell), so one suppression pattern covers both.

/**
 * What a family of tables is built with: `put` records a cell with its true count, `rel` ties a
 * total to its parts (checking that the parts fit in it).
 */
function familyBuilder(counts: ReadonlyMap<string, number>): {
  values: Map<string, number>;
  relations: Relation[];
  put: (id: string) => string;
  rel: (total: string, parts: readonly string[]) => void;
} {
  const values = new Map<string, number>();
  const relations: Relation[] = [];
  const put = (id: string): string => {
    values.set(id, counts.get(id) ?? 0);
    return id;
  };
  const rel = (total: string, parts: readonly string[]): void => {
    relations.push(tie(counts, put(total), parts.map(put)));
  };
  return { values, relations, put, rel };
}

/** A relation whose kind follows the true counts: eq when the parts add up to the total, else le. */
function tie(counts: ReadonlyMap<string, number>, total: string, parts: readonly string[]): Relation {
  const t = counts.get(total) ?? 0;
  const sum = parts.reduce((n, id) => n + (counts.get(id) ?? 0), 0);
  if (sum > t) throw new Error(`cells: ${total} (${t}) is smaller than the sum of its parts (${sum})`);
  return { kind: sum === t ? 'eq' : 'le', total, parts };
}

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

/**
 * kpiCounts one request at a time: add() each request (any month; those outside t.months are
 * skipped), then finish() gives exactly the Map kpiCounts gives (entries and order).
 */
export class KpiCellCounter {
  private readonly tally = new Tally();
  private readonly months: Map<string, number>;
  private readonly monthIds: string[];
  /** Per month index: in t.period. */
  private readonly monthInPeriod: boolean[];
  private readonly services: Map<string, number>;
  private readonly serviceIds: string[];
  private readonly departments = new Dictionary<string>();
  private readonly channels = new Dictionary<string>();
  private readonly clientTypes = new Dictionary<string>();
  private readonly needTypes = new Dictionary<string>();
  private readonly tiers = new Dictionary<number>();
  private readonly cm: number[] = [];
  private readonly priority: number[] = [];
  private readonly routine: number[] = [];
  private readonly pc: number[] = [];
  private readonly ds: number[] = [];
  private readonly ss: number[] = [];
  private readonly channel: number[] = [];
  private readonly clientType: number[] = [];
  private readonly needType: number[] = [];
  private readonly tier: number[] = [];
  private readonly cn: number[][] = [];
  /** Per RowKey code (tier: per tier): this counter's codes (month -1: not published; service -1: not listed). */
  private readonly monthOf: (number | undefined)[] = [];
  private readonly departmentOf: (number | undefined)[] = [];
  private readonly serviceOf: (number | undefined)[] = [];
  private readonly channelOf: (number | undefined)[] = [];
  private readonly clientTypeOf: (number | undefined)[] = [];
  private readonly needTypeOf: (number | undefined)[] = [];
  private readonly tierOf: (number | undefined)[] = [];
  /** What viaCode looks a code's value up with (bound once). */
  private readonly monthIndex = (month: string): number => this.months.get(month) ?? -1;
  private readonly departmentCodeOf = (department: string): number => this.departments.code(department);
  private readonly serviceIndex = (service: string): number => this.services.get(service) ?? -1;
  private readonly channelCodeOf = (channel: string): number => this.channels.code(channel);
  private readonly clientTypeCodeOf = (clientType: string): number => this.clientTypes.code(clientType);
  private readonly needTypeCodeOf = (needType: string): number => this.needTypes.code(needType);
  private readonly tierCodeOf = (tier: number): number => this.tiers.code(tier);
  private readonly names: {
    cm: (m: number) => string;
    priority: (m: number) => string;
    routine: (m: number) => string;
    pc: () => string;
    ds: (d: number) => string;
    ss: (s: number) => string;
    channel: (c: number) => string;
    clientType: (c: number) => string;
    needType: (n: number) => string;
    tier: (t: number) => string;
    cn: (c: number, n: number) => string;
  };

  constructor(t: KpiTables) {
    this.months = indexOf(t.months);
    this.monthIds = [...this.months.keys()];
    this.monthInPeriod = this.monthIds.map((m) => inRange(m, t.period));
    this.services = indexOf(t.services.map((s) => s.id));
    this.serviceIds = [...this.services.keys()];
    const month = (m: number): string => this.monthIds[m] ?? '';
    this.names = {
      cm: (m) => cellId.cityMonth(month(m)),
      priority: (m) => cellId.kpi('priority_month', month(m)),
      routine: (m) => cellId.kpi('routine_month', month(m)),
      pc: () => cellId.cityPeriod(),
      ds: (d) => cellId.departmentSummary(this.departments.value(d)),
      ss: (s) => cellId.serviceSummary(this.serviceIds[s] ?? ''),
      channel: (c) => cellId.kpi('channel', this.channels.value(c)),
      clientType: (c) => cellId.kpi('client_type', this.clientTypes.value(c)),
      needType: (n) => cellId.kpi('need_type', this.needTypes.value(n)),
      tier: (i) => cellId.kpi('tier', String(this.tiers.value(i))),
      cn: (c, n) => cellId.clientNeed(this.clientTypes.value(c), this.needTypes.value(n)),
    };
  }

  add(r: KpiItem): void {
    const m = this.months.get(r.month);
    if (m === undefined) return;
    if (!this.addMonth(m, r.tier)) return;
    const s = r.service === null ? undefined : this.services.get(r.service);
    this.addPeriod(this.departments.code(r.department), s ?? -1, this.channels.code(r.channel), this.clientTypes.code(r.clientType), this.needTypes.code(r.needType), this.tiers.code(r.tier));
  }

  /**
   * add(item) with its keys as codes (measure's row-key.ts; channel, client and need type codes
   * set): each code's own code is looked up once, at the point add() would first code it.
   */
  addKeyed(k: PublicRowKey, tier: number): void {
    const m = viaCode(this.monthOf, k.monthCode, k.month, this.monthIndex);
    if (m < 0 || !this.addMonth(m, tier)) return;
    // Each code's own code, made the first time (in the order add() would first code them).
    const d = viaCode(this.departmentOf, k.departmentCode, k.department, this.departmentCodeOf);
    const s = viaServiceCode(this.serviceOf, k, this.serviceIndex, -1);
    const ch = viaCode(this.channelOf, k.channelCode, k.channel, this.channelCodeOf);
    const c = viaCode(this.clientTypeOf, k.clientTypeCode, k.clientType, this.clientTypeCodeOf);
    const need = viaCode(this.needTypeOf, k.needTypeCode, k.needType, this.needTypeCodeOf);
    this.addPeriod(d, s, ch, c, need, viaCode(this.tierOf, tier, tier, this.tierCodeOf));
  }

  /** Counts the month cells of month index m; true when m is in the period (the rest is to count). */
  private addMonth(m: number, tier: number): boolean {
    const t = this.tally;
    const n = this.names;
    t.one(this.cm, m, n.cm);
    if (tier === 4) t.one(this.priority, m, n.priority);
    else t.one(this.routine, m, n.routine);
    return this.monthInPeriod[m] === true;
  }

  /** Counts the period cells by this counter's codes (s -1: service not listed). */
  private addPeriod(d: number, s: number, ch: number, c: number, need: number, ti: number): void {
    const t = this.tally;
    const n = this.names;
    t.one(this.pc, 0, n.pc);
    t.one(this.ds, d, n.ds);
    if (s >= 0) t.one(this.ss, s, n.ss);
    t.one(this.channel, ch, n.channel);
    t.one(this.clientType, c, n.clientType);
    t.one(this.needType, need, n.needType);
    t.one(this.tier, ti, n.tier);
    t.two(this.cn, c, need, n.cn);
  }

  /** True counts keyed by cellId, as kpiCounts returns them. */
  finish(): Map<string, number> {
    return this.tally.toMap();
  }
}

/** True counts of every kpis / client-need cell (and the aggregate cells they share). */
export function kpiCounts(items: Iterable<KpiItem>, t: KpiTables): Map<string, number> {
  const counter = new KpiCellCounter(t);
  for (const r of items) counter.add(r);
  return counter.finish();
}

/**
 * Cells and relations of kpis.csv and client-need.csv: every dimension over the period adds up
 * to the city (and departments to it, services within their department), routine + priority
 * months to the city month, priority months to tier IV, and the client × need matrix to its
 * client-type and need-type margins.
 */
export function kpiFamily(counts: ReadonlyMap<string, number>, t: KpiTables): CellFamily {
  const { values, relations, rel } = familyBuilder(counts);
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

/** Whole working days below this get their bin from a table filled on first use. */
const BIN_MEMO = 1024;

/**
 * distributionCounts one request at a time: add() every request (those outside t.period are
 * skipped), then finish() gives exactly the Map distributionCounts gives (entries and order).
 * t.binOf must be pure: its value for each whole number of days is remembered.
 */
export class DistributionCellCounter {
  private readonly tally = new Tally();
  private readonly binOf: (workingDays: number) => number;
  private readonly period: { from: string; to: string };
  private readonly months = new Dictionary<string>();
  private readonly monthInPeriod: boolean[] = [];
  private readonly departments = new Dictionary<string>();
  private readonly dates = new Dictionary<string>();
  private readonly bins = new Dictionary<number>();
  /** Interned bin index per whole number of working days 0..BIN_MEMO-1. */
  private readonly binMemo: number[] = [];
  private readonly services: Map<string, number>;
  private readonly serviceIds: string[];
  private readonly cm: number[] = [];
  private readonly dm: number[][] = [];
  private readonly pc: number[] = [];
  private readonly ds: number[] = [];
  private readonly ss: number[] = [];
  private readonly dayAll: number[] = [];
  private readonly dayDept: number[][] = [];
  private readonly closedAll: number[] = [];
  private readonly closedDept: number[] = [];
  private readonly closedSvc: number[] = [];
  private readonly binAll: number[] = [];
  private readonly binDept: number[][] = [];
  private readonly binSvc: number[][] = [];
  /** Per RowKey code: this counter's month, department, service (-1: not listed) and date codes. */
  private readonly monthOf: (number | undefined)[] = [];
  private readonly departmentOf: (number | undefined)[] = [];
  private readonly serviceOf: (number | undefined)[] = [];
  private readonly dateOf: (number | undefined)[] = [];
  /** What viaCode looks a code's value up with (bound once). */
  private readonly monthCodeOf = (month: string): number => this.monthCode(month);
  private readonly departmentCodeOf = (department: string): number => this.departments.code(department);
  private readonly serviceIndex = (service: string): number => this.services.get(service) ?? -1;
  private readonly dateCodeOf = (date: string): number => this.dates.code(date);
  private readonly names: {
    cm: (m: number) => string;
    dm: (d: number, m: number) => string;
    pc: () => string;
    ds: (d: number) => string;
    ss: (s: number) => string;
    dayAll: (t: number) => string;
    dayDept: (d: number, t: number) => string;
    closedAll: () => string;
    closedDept: (d: number) => string;
    closedSvc: (s: number) => string;
    binAll: (b: number) => string;
    binDept: (d: number, b: number) => string;
    binSvc: (s: number, b: number) => string;
  };

  constructor(t: DistributionTables) {
    this.binOf = t.binOf;
    this.period = t.period;
    this.services = indexOf(t.services.map((s) => s.id));
    this.serviceIds = [...this.services.keys()];
    const month = (m: number): string => this.months.value(m);
    const dept = (d: number): string => this.departments.value(d);
    const svc = (s: number): string => this.serviceIds[s] ?? '';
    const date = (i: number): string => this.dates.value(i);
    const bin = (b: number): number => this.bins.value(b);
    this.names = {
      cm: (m) => cellId.cityMonth(month(m)),
      dm: (d, m) => cellId.departmentMonth(dept(d), month(m)),
      pc: () => cellId.cityPeriod(),
      ds: (d) => cellId.departmentSummary(dept(d)),
      ss: (s) => cellId.serviceSummary(svc(s)),
      dayAll: (i) => cellId.daily('all', date(i)),
      dayDept: (d, i) => cellId.daily(dept(d), date(i)),
      closedAll: () => cellId.closed('city', 'all'),
      closedDept: (d) => cellId.closed('department', dept(d)),
      closedSvc: (s) => cellId.closed('service', svc(s)),
      binAll: (b) => cellId.closeBin('city', 'all', bin(b)),
      binDept: (d, b) => cellId.closeBin('department', dept(d), bin(b)),
      binSvc: (s, b) => cellId.closeBin('service', svc(s), bin(b)),
    };
  }

  /** Interned index of t.binOf(days). */
  private binIndex(days: number): number {
    const whole = Number.isInteger(days) && days >= 0 && days < BIN_MEMO;
    const known = whole ? this.binMemo[days] : undefined;
    if (known !== undefined) return known;
    const b = this.bins.code(this.binOf(days));
    if (whole) this.binMemo[days] = b;
    return b;
  }

  add(r: DistributionItem): void {
    const m = this.monthCode(r.month);
    if (this.monthInPeriod[m] !== true) return;
    const s = r.service === null ? undefined : this.services.get(r.service);
    this.addAt(m, this.departments.code(r.department), s ?? -1, this.dates.code(r.date), r.closed, r.workingDays);
  }

  /** add(r), with its keys as codes (measure's row-key.ts): each code's own codes are looked up once. */
  addKeyed(k: RowKey, closed: boolean, workingDays: number | null): void {
    const m = viaCode(this.monthOf, k.monthCode, k.month, this.monthCodeOf);
    if (this.monthInPeriod[m] !== true) return;
    const d = viaCode(this.departmentOf, k.departmentCode, k.department, this.departmentCodeOf);
    const s = viaServiceCode(this.serviceOf, k, this.serviceIndex, -1);
    this.addAt(m, d, s, viaCode(this.dateOf, k.dateCode, k.date, this.dateCodeOf), closed, workingDays);
  }

  /** The month's code, whether it is in the period noted when new. */
  private monthCode(month: string): number {
    const m = this.months.code(month);
    if (m === this.monthInPeriod.length) this.monthInPeriod.push(inRange(month, this.period));
    return m;
  }

  /** Counts one request of the period: month m, department d, service s (-1: none listed), date code day. */
  private addAt(m: number, d: number, s: number, day: number, closed: boolean, workingDays: number | null): void {
    const t = this.tally;
    const n = this.names;
    t.one(this.cm, m, n.cm);
    t.two(this.dm, d, m, n.dm);
    t.one(this.pc, 0, n.pc);
    t.one(this.ds, d, n.ds);
    if (s >= 0) t.one(this.ss, s, n.ss);
    t.one(this.dayAll, day, n.dayAll);
    t.two(this.dayDept, d, day, n.dayDept);
    if (!closed) return;
    t.one(this.closedAll, 0, n.closedAll);
    t.one(this.closedDept, d, n.closedDept);
    if (s >= 0) t.one(this.closedSvc, s, n.closedSvc);
    if (workingDays === null) return;
    const b = this.binIndex(workingDays);
    t.one(this.binAll, b, n.binAll);
    t.two(this.binDept, d, b, n.binDept);
    if (s >= 0) t.two(this.binSvc, s, b, n.binSvc);
  }

  /** True counts keyed by cellId, as distributionCounts returns them. */
  finish(): Map<string, number> {
    return this.tally.toMap();
  }
}

/** True counts of every daily-volume / close-histogram cell, with the totals they add up to. */
export function distributionCounts(items: Iterable<DistributionItem>, t: DistributionTables): Map<string, number> {
  const counter = new DistributionCellCounter(t);
  for (const r of items) counter.add(r);
  return counter.finish();
}

/**
 * Cells and relations of daily-volume.csv and close-histogram.csv: a day's departments add up
 * to the city's day, a month's days to the department-month and city-month cells; a bin's
 * departments add up to the city's bin and hold their services' bins; a scope's bins add up to
 * its closed requests, which its summary row publishes (a follower of that row's cell).
 */
export function distributionFamily(counts: ReadonlyMap<string, number>, t: DistributionTables): CellFamily {
  const { values, relations, rel } = familyBuilder(counts);
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
    for (const r of f.relations) relations.push(r);
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
