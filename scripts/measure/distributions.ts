/**
 * Distributions behind two charts: requests per day (calendar heatmap) and closed requests per
 * working-day bin (histogram of time to close), for the city, each department and each service,
 * over the summary period. Counts of 1..minCell-1 are suppressed to null; 0 stays 0. Pure.
 * DistributionAccumulator counts one request at a time; dailyVolume and closeHistogram wrap it.
 */
import type { CloseHistogramRow, DailyVolumeRow } from '../../src/lib/published.ts';
import { inPeriod } from './months.ts';
import { viaCode, viaServiceCode, type RowKey } from './row-key.ts';

/** Whole-day bins of working days to close: [from, to] inclusive; the last is open ("61 or more"). */
export const CLOSE_BINS: readonly (readonly [number, number | null])[] = [
  [0, 0], [1, 1], [2, 2], [3, 3], [4, 4], [5, 5], [6, 7], [8, 10], [11, 15], [16, 20], [21, 30], [31, 45], [46, 60], [61, null],
];

/** What a distribution needs of a derived request. */
export interface DistributionInput {
  request: { department: string; service: string | null };
  month: string;
  submittedDate: string;
  closed: boolean;
  workingDays: number | null;
}

export interface DistributionOptions {
  period: { from: string; to: string };
  departments: readonly string[];
  services: readonly string[];
  minCell: number;
}

/** A count with the small-cell rule applied: 1..minCell-1 → null. */
export function suppressSmall(n: number, minCell: number): number | null {
  return n > 0 && n < minCell ? null : n;
}

/** Every date 'YYYY-MM-DD' from the first day of `from` to the last day of `to` (months 'YYYY-MM'). */
export function datesOfPeriod(period: { from: string; to: string }): string[] {
  const out: string[] = [];
  const [fy, fm] = period.from.split('-').map(Number) as [number, number];
  const [ty, tm] = period.to.split('-').map(Number) as [number, number];
  const end = Date.UTC(ty, tm, 1);
  for (let t = Date.UTC(fy, fm - 1, 1); t < end; t += 86_400_000) out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}

/** Index of the CLOSE_BINS bin holding `days`, by search. */
function searchBin(days: number): number {
  const i = CLOSE_BINS.findIndex(([from, to]) => days >= from && (to === null || days <= to));
  return i < 0 ? 0 : i;
}

/** searchBin of every whole number of days below its length, computed once. */
const BIN_OF_DAY = Uint8Array.from({ length: 1024 }, (_, days) => searchBin(days));

/** Index of the CLOSE_BINS bin holding `days`. */
export function binOf(days: number): number {
  return Number.isInteger(days) && days >= 0 && days < BIN_OF_DAY.length ? (BIN_OF_DAY[days] ?? 0) : searchBin(days);
}

type Scope = 'city' | 'department' | 'service';

/** Index of each distinct id of a list (the first of duplicates). */
function indexOf(ids: Iterable<string>): Map<string, number> {
  const out = new Map<string, number>();
  for (const id of ids) if (!out.has(id)) out.set(id, out.size);
  return out;
}

/**
 * Both distributions in one pass: add() each derived request (any month), then read
 * dailyVolume() and closeHistogram(), equal to the array functions of the same names. Counts
 * live in two flat tables: days × (city, departments) and bins × (city, departments, services).
 */
export class DistributionAccumulator {
  private readonly opts: DistributionOptions;
  private readonly dates: string[];
  private readonly dateIndex: Map<string, number>;
  private readonly departments: Map<string, number>;
  private readonly services: Map<string, number>;
  /** Row 0 the city, row 1 + i department i; one column per date. */
  private readonly daily: Float64Array;
  /** Row 0 the city, 1 + i department i, 1 + departments + j service j; one column per bin. */
  private readonly bins: Float64Array;
  /** Per RowKey code: the month in the period, the department's, date's and service's index (-1: none). */
  private readonly inPeriodOf: (boolean | undefined)[] = [];
  private readonly departmentOf: (number | undefined)[] = [];
  private readonly dateOf: (number | undefined)[] = [];
  private readonly serviceOf: (number | undefined)[] = [];
  /** What viaCode looks a code's value up with (bound once). */
  private readonly inThePeriod = (month: string): boolean => inPeriod(month, this.opts.period);
  private readonly departmentIndex = (department: string): number => this.departments.get(department) ?? -1;
  private readonly dateIndexOf = (date: string): number => this.dateIndex.get(date) ?? -1;
  private readonly serviceIndex = (service: string): number => this.services.get(service) ?? -1;

  constructor(opts: DistributionOptions) {
    this.opts = opts;
    this.dates = datesOfPeriod(opts.period);
    this.dateIndex = indexOf(this.dates);
    this.departments = indexOf(opts.departments);
    this.services = indexOf(opts.services);
    this.daily = new Float64Array((1 + this.departments.size) * this.dates.length);
    this.bins = new Float64Array((1 + this.departments.size + this.services.size) * CLOSE_BINS.length);
  }

  add(d: DistributionInput): void {
    if (!inPeriod(d.month, this.opts.period)) return;
    const department = d.request.department;
    const service = d.request.service;
    const si = service === null ? undefined : this.services.get(service);
    this.addAt(d, department, this.departments.get(department) ?? -1, this.dateIndex.get(d.submittedDate) ?? -1, si ?? -1);
  }

  /** add(d), with d's keys as codes (row-key.ts): each code's indices are looked up once. */
  addKeyed(d: DistributionInput, k: RowKey): void {
    if (!viaCode(this.inPeriodOf, k.monthCode, k.month, this.inThePeriod)) return;
    const di = viaCode(this.departmentOf, k.departmentCode, k.department, this.departmentIndex);
    const t = viaCode(this.dateOf, k.dateCode, k.date, this.dateIndexOf);
    this.addAt(d, k.department, di, t, viaServiceCode(this.serviceOf, k, this.serviceIndex, -1));
  }

  /** Counts d (in the period) by its department, its indices (-1: none) and date index t. */
  private addAt(d: DistributionInput, department: string, di: number, t: number, si: number): void {
    if (t >= 0) {
      bump(this.daily, t);
      // dailyVolume keyed its counts "<key>|<date>": a department "all" counted into the city's key.
      if (department === ALL) bump(this.daily, t);
      else if (di >= 0) bump(this.daily, (1 + di) * this.dates.length + t);
    }
    if (!d.closed || d.workingDays === null) return;
    const bin = binOf(d.workingDays);
    const width = CLOSE_BINS.length;
    bump(this.bins, bin);
    if (di >= 0) bump(this.bins, (1 + di) * width + bin);
    if (si >= 0) bump(this.bins, (1 + this.departments.size + si) * width + bin);
  }

  /** Requests per day for the city and each department, every day of the period (0 kept, small counts null). */
  dailyVolume(): DailyVolumeRow[] {
    const n = this.dates.length;
    const scopes: [DailyVolumeRow['scope'], string][] = [['city', ALL], ...[...this.opts.departments].sort().map((id): [DailyVolumeRow['scope'], string] => ['department', id])];
    return scopes.flatMap(([scope, key]) => {
      const di = scope === 'city' || key === ALL ? undefined : this.departments.get(key);
      const row = di === undefined ? 0 : (1 + di) * n;
      return this.dates.map((date, t) => ({ scope, key, date, requests: suppressSmall(this.daily[row + t] ?? 0, this.opts.minCell) }));
    });
  }

  /** Closed requests per working-day bin for the city, each department and each service (small counts null). */
  closeHistogram(): CloseHistogramRow[] {
    const width = CLOSE_BINS.length;
    const d = this.departments.size;
    const scopes: [Scope, string, number][] = [
      ['city', ALL, 0],
      ...[...this.opts.departments].sort().map((id): [Scope, string, number] => ['department', id, 1 + (this.departments.get(id) ?? 0)]),
      ...[...this.opts.services].sort().map((id): [Scope, string, number] => ['service', id, 1 + d + (this.services.get(id) ?? 0)]),
    ];
    return scopes.flatMap(([scope, key, row]) =>
      CLOSE_BINS.map(([from, to], b) => ({ scope, key, bin_from: from, bin_to: to, requests: suppressSmall(this.bins[row * width + b] ?? 0, this.opts.minCell) })),
    );
  }
}

/** The city's key in both distributions. */
const ALL = 'all';

function bump(counts: Float64Array, i: number): void {
  counts[i] = (counts[i] ?? 0) + 1;
}

/** Requests per day for the city and each department, every day of the period (0 kept, small counts null). */
export function dailyVolume(derived: readonly DistributionInput[], opts: DistributionOptions): DailyVolumeRow[] {
  const acc = new DistributionAccumulator(opts);
  for (const d of derived) acc.add(d);
  return acc.dailyVolume();
}

/** Closed requests per working-day bin for the city, each department and each service (small counts null). */
export function closeHistogram(derived: readonly DistributionInput[], opts: DistributionOptions): CloseHistogramRow[] {
  const acc = new DistributionAccumulator(opts);
  for (const d of derived) acc.add(d);
  return acc.closeHistogram();
}
