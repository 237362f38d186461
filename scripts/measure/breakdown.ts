/**
 * kpis.csv and client-need.csv: the measures of kpis.ts per dimension, in a fixed key order.
 *
 * KpiBreakdown and ClientNeedAccumulator take one request at a time and keep one cell per
 * published row (looked up by key once per request), never the requests themselves.
 * buildKpis and buildClientNeed are the same over an array.
 */
import type { ClientNeedRow, KpiDimension, KpiRow } from '../../src/lib/published.ts';
import type { Enriched } from './enrich.ts';
import { KpiCell, KpiFacts } from './kpis.ts';
import { inPeriod } from './months.ts';
import { viaCode, viaServiceCode, type PublicRowKey } from './row-key.ts';
import { ratio, ValueCounts } from './stats.ts';

export interface BreakdownOptions {
  departments: readonly string[];
  services: readonly string[];
  months: readonly string[];
  period: { from: string; to: string };
  clientTypes: readonly string[];
  needTypes: readonly string[];
  minCell: number;
}

const channels = ['online', 'mobile', 'phone', 'in_person', 'other'] as const;
const tiers = ['1', '2', '3', '4'] as const;
/** Keys of the channel and tier rows. */
export const kpiChannels: readonly string[] = channels;
export const kpiTiers: readonly string[] = tiers;

/** One cell per distinct key (a key listed twice shares its cell, as both rows showed the same requests). */
function cellsFor<C>(keys: readonly string[], make: () => C): Map<string, C> {
  const m = new Map<string, C>();
  for (const k of keys) if (!m.has(k)) m.set(k, make());
  return m;
}

/** The cells of one month: every request of the month, and split by tier group. */
interface MonthCells {
  all: KpiCell;
  routine: KpiCell;
  priority: KpiCell;
}

/**
 * kpis.csv fed one request at a time: the city and each dimension over the period, and every
 * published month (all requests of the month, routine = tiers I–III, priority = tier IV).
 * finish() equals buildKpis over the requests added, in the same row order.
 */
export class KpiBreakdown {
  private readonly o: BreakdownOptions;
  private readonly city = new KpiCell();
  private readonly department: Map<string, KpiCell>;
  private readonly service: Map<string, KpiCell>;
  private readonly channel: Map<string, KpiCell>;
  private readonly clientType: Map<string, KpiCell>;
  private readonly needType: Map<string, KpiCell>;
  /** Index tier − 1. */
  private readonly tier: KpiCell[];
  private readonly month: Map<string, MonthCells>;
  /** Reused for every request (add reads a request's facts once for all its cells). */
  private readonly facts = new KpiFacts();
  /** Per RowKey code: the month's cells and whether it is in the period, the cell of each key (null: none). */
  private readonly monthOf: (MonthCells | null | undefined)[] = [];
  private readonly inPeriodOf: (boolean | undefined)[] = [];
  private readonly departmentOf: (KpiCell | null | undefined)[] = [];
  private readonly serviceOf: (KpiCell | null | undefined)[] = [];
  private readonly channelOf: (KpiCell | null | undefined)[] = [];
  private readonly clientTypeOf: (KpiCell | null | undefined)[] = [];
  private readonly needTypeOf: (KpiCell | null | undefined)[] = [];
  /** What viaCode looks a code's value up with (bound once; null: no such cell). */
  private readonly monthCells = (month: string): MonthCells | null => this.month.get(month) ?? null;
  private readonly inThePeriod = (month: string): boolean => inPeriod(month, this.o.period);
  private readonly departmentCellOf = (department: string): KpiCell | null => this.department.get(department) ?? null;
  private readonly serviceCell = (service: string): KpiCell | null => this.service.get(service) ?? null;
  private readonly channelCell = (channel: string): KpiCell | null => this.channel.get(channel) ?? null;
  private readonly clientTypeCell = (clientType: string): KpiCell | null => this.clientType.get(clientType) ?? null;
  private readonly needTypeCell = (needType: string): KpiCell | null => this.needType.get(needType) ?? null;

  constructor(o: BreakdownOptions) {
    this.o = o;
    const cell = (): KpiCell => new KpiCell();
    this.department = cellsFor(o.departments, cell);
    this.service = cellsFor(o.services, cell);
    this.channel = cellsFor(channels, cell);
    this.clientType = cellsFor(o.clientTypes, cell);
    this.needType = cellsFor(o.needTypes, cell);
    this.tier = tiers.map(cell);
    this.month = cellsFor(o.months, () => ({ all: new KpiCell(), routine: new KpiCell(), priority: new KpiCell() }));
  }

  /** Counts one request into every cell it belongs to; `facts` are its KpiFacts when the caller has read them. */
  add(d: Enriched, facts?: KpiFacts): void {
    const f = facts ?? this.facts.set(d);
    const m = this.month.get(d.month);
    if (m) {
      m.all.addFacts(f);
      (d.tier === 4 ? m.priority : m.routine).addFacts(f);
    }
    if (!inPeriod(d.month, this.o.period)) return;
    const q = d.request;
    this.city.addFacts(f);
    this.department.get(q.department)?.addFacts(f);
    if (q.service !== null) this.service.get(q.service)?.addFacts(f);
    this.channel.get(q.channel)?.addFacts(f);
    this.clientType.get(q.clientType)?.addFacts(f);
    this.needType.get(q.needType)?.addFacts(f);
    this.tier[d.tier - 1]?.addFacts(f);
  }

  /**
   * add(d, facts) with d's keys as codes (row-key.ts, the public's codes set): each code's cell
   * is looked up once.
   */
  addKeyed(d: Enriched, f: KpiFacts, k: PublicRowKey): void {
    const m = viaCode(this.monthOf, k.monthCode, k.month, this.monthCells);
    if (m) {
      m.all.addFacts(f);
      (d.tier === 4 ? m.priority : m.routine).addFacts(f);
    }
    if (!viaCode(this.inPeriodOf, k.monthCode, k.month, this.inThePeriod)) return;
    this.city.addFacts(f);
    viaCode(this.departmentOf, k.departmentCode, k.department, this.departmentCellOf)?.addFacts(f);
    viaServiceCode(this.serviceOf, k, this.serviceCell, null)?.addFacts(f);
    viaCode(this.channelOf, k.channelCode, k.channel, this.channelCell)?.addFacts(f);
    viaCode(this.clientTypeOf, k.clientTypeCode, k.clientType, this.clientTypeCell)?.addFacts(f);
    viaCode(this.needTypeOf, k.needTypeCode, k.needType, this.needTypeCell)?.addFacts(f);
    this.tier[d.tier - 1]?.addFacts(f);
  }

  /** The department's cell over the period (its kpis.csv row before suppression); undefined for a department not listed. Read it, do not add to it. */
  departmentCell(department: string): KpiCell | undefined {
    return this.department.get(department);
  }

  /** Every kpis.csv row and the number of suppressed cells. Does not change the accumulator. */
  finish(): { rows: KpiRow[]; suppressed: number } {
    const o = this.o;
    let suppressed = 0;
    const rows: KpiRow[] = [];
    const empty = new KpiCell();
    const row = (dimension: KpiDimension, key: string, cell: KpiCell | undefined, from: string, to: string): void => {
      const { kpis, suppressed: s } = (cell ?? empty).result(o.minCell);
      if (s) suppressed++;
      rows.push({ dimension, key, period_from: from, period_to: to, ...kpis });
    };
    const { from, to } = o.period;
    row('city', 'all', this.city, from, to);
    const dims: [KpiDimension, readonly string[], (k: string) => KpiCell | undefined][] = [
      ['department', o.departments, (k) => this.department.get(k)],
      ['service', o.services, (k) => this.service.get(k)],
      ['channel', channels, (k) => this.channel.get(k)],
      ['client_type', o.clientTypes, (k) => this.clientType.get(k)],
      ['need_type', o.needTypes, (k) => this.needType.get(k)],
      ['tier', tiers, (k) => this.tier[Number(k) - 1]],
    ];
    for (const [dim, keys, cellOf] of dims) for (const k of keys) row(dim, k, cellOf(k), from, to);
    for (const month of o.months) {
      const m = this.month.get(month);
      row('month', month, m?.all, month, month);
      row('routine_month', month, m?.routine, month, month);
      row('priority_month', month, m?.priority, month, month);
    }
    return { rows, suppressed };
  }
}

/** Every kpis.csv row and the number of suppressed cells. */
export function buildKpis(items: readonly Enriched[], o: BreakdownOptions): { rows: KpiRow[]; suppressed: number } {
  const acc = new KpiBreakdown(o);
  for (const d of items) acc.add(d);
  return acc.finish();
}

/** One client type × need type cell: requests, working days to close, ratings. */
interface ClientNeedCell {
  n: number;
  days: ValueCounts;
  rated: number;
  satisfied: number;
}

/**
 * client-need.csv fed one request at a time: the client type × need type matrix over the
 * period. finish() equals buildClientNeed over the requests added.
 */
export class ClientNeedAccumulator {
  private readonly o: BreakdownOptions;
  /** Need cells per client type. */
  private readonly cells: Map<string, Map<string, ClientNeedCell>>;
  /** Per RowKey code: the month in the period, the cell per client type × need type code (null: none). */
  private readonly inPeriodOf: (boolean | undefined)[] = [];
  private readonly cellOf: (ClientNeedCell | null | undefined)[][] = [];
  /** What viaCode looks a code's value up with (bound once; null: no such cell). */
  private readonly inThePeriod = (month: string): boolean => inPeriod(month, this.o.period);
  private readonly cellOfKey = (k: PublicRowKey): ClientNeedCell | null => this.cells.get(k.clientType)?.get(k.needType) ?? null;

  constructor(o: BreakdownOptions) {
    this.o = o;
    this.cells = cellsFor(o.clientTypes, () => cellsFor(o.needTypes, () => ({ n: 0, days: new ValueCounts(), rated: 0, satisfied: 0 })));
  }

  /** Counts one request into its cell, if it is in the period and both its types are published. */
  add(d: Enriched): void {
    if (!inPeriod(d.month, this.o.period)) return;
    const q = d.request;
    const c = this.cells.get(q.clientType)?.get(q.needType);
    if (!c) return;
    c.n++;
    if (d.closed && d.workingDays !== null) c.days.add(d.workingDays);
    if (q.rating !== null) {
      c.rated++;
      if (q.rating >= 4) c.satisfied++;
    }
  }

  /** add(d) with d's keys as codes (row-key.ts, the public's codes set): each pair's cell is looked up once. */
  addKeyed(d: Enriched, k: PublicRowKey): void {
    if (!viaCode(this.inPeriodOf, k.monthCode, k.month, this.inThePeriod)) return;
    const c = viaCode((this.cellOf[k.clientTypeCode] ??= []), k.needTypeCode, k, this.cellOfKey);
    if (!c) return;
    c.n++;
    if (d.closed && d.workingDays !== null) c.days.add(d.workingDays);
    const rating = d.request.rating;
    if (rating !== null) {
      c.rated++;
      if (rating >= 4) c.satisfied++;
    }
  }

  /** The matrix rows, client types outer, need types inner; a cell of 1..minCell-1 requests is null. */
  finish(): ClientNeedRow[] {
    const { minCell } = this.o;
    const rows: ClientNeedRow[] = [];
    for (const client_type of this.o.clientTypes) {
      for (const need_type of this.o.needTypes) {
        const c = this.cells.get(client_type)?.get(need_type);
        const n = c?.n ?? 0;
        if (n > 0 && n < minCell) {
          rows.push({ client_type, need_type, requests: null, median_wd: null, satisfaction_rate: null });
          continue;
        }
        const days = c?.days.size ?? 0;
        const rated = c?.rated ?? 0;
        rows.push({
          client_type,
          need_type,
          requests: n,
          median_wd: c && days >= minCell && days > 0 ? c.days.median() : null,
          satisfaction_rate: c && rated >= minCell && rated > 0 ? ratio(c.satisfied, rated, 4) : null,
        });
      }
    }
    return rows;
  }
}

/** The client type × need type matrix over the period (suppressed like any cell). */
export function buildClientNeed(items: readonly Enriched[], o: BreakdownOptions): ClientNeedRow[] {
  const acc = new ClientNeedAccumulator(o);
  for (const d of items) acc.add(d);
  return acc.finish();
}
