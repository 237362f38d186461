/**
 * Distributions behind two charts: requests per day (calendar heatmap) and closed requests per
 * working-day bin (histogram of time to close), for the city, each department and each service,
 * over the summary period. Counts of 1..minCell-1 are suppressed to null; 0 stays 0. Pure.
 */
import type { CloseHistogramRow, DailyVolumeRow } from '../../src/lib/published.ts';
import { inPeriod } from './months.ts';

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

/** Index of the CLOSE_BINS bin holding `days`. */
export function binOf(days: number): number {
  const i = CLOSE_BINS.findIndex(([from, to]) => days >= from && (to === null || days <= to));
  return i < 0 ? 0 : i;
}

type Scope = 'city' | 'department' | 'service';

/** Requests per day for the city and each department, every day of the period (0 kept, small counts null). */
export function dailyVolume(derived: readonly DistributionInput[], opts: DistributionOptions): DailyVolumeRow[] {
  const dates = datesOfPeriod(opts.period);
  const counts = new Map<string, number>();
  const bump = (k: string) => counts.set(k, (counts.get(k) ?? 0) + 1);
  for (const d of derived) {
    if (!inPeriod(d.month, opts.period)) continue;
    bump(`all|${d.submittedDate}`);
    bump(`${d.request.department}|${d.submittedDate}`);
  }
  const scopes: [DailyVolumeRow['scope'], string][] = [['city', 'all'], ...[...opts.departments].sort().map((id): [DailyVolumeRow['scope'], string] => ['department', id])];
  return scopes.flatMap(([scope, key]) =>
    dates.map((date) => ({ scope, key, date, requests: suppressSmall(counts.get(`${key}|${date}`) ?? 0, opts.minCell) })),
  );
}

/** Closed requests per working-day bin for the city, each department and each service (small counts null). */
export function closeHistogram(derived: readonly DistributionInput[], opts: DistributionOptions): CloseHistogramRow[] {
  const counts = new Map<string, number[]>();
  const bump = (k: string, bin: number) => {
    const row = counts.get(k) ?? CLOSE_BINS.map(() => 0);
    row[bin] = (row[bin] ?? 0) + 1;
    counts.set(k, row);
  };
  for (const d of derived) {
    if (!d.closed || d.workingDays === null || !inPeriod(d.month, opts.period)) continue;
    const bin = binOf(d.workingDays);
    bump('city|all', bin);
    bump(`department|${d.request.department}`, bin);
    if (d.request.service !== null) bump(`service|${d.request.service}`, bin);
  }
  const scopes: [Scope, string][] = [
    ['city', 'all'],
    ...[...opts.departments].sort().map((id): [Scope, string] => ['department', id]),
    ...[...opts.services].sort().map((id): [Scope, string] => ['service', id]),
  ];
  return scopes.flatMap(([scope, key]) => {
    const row = counts.get(`${scope}|${key}`) ?? CLOSE_BINS.map(() => 0);
    return CLOSE_BINS.map(([from, to], i) => ({ scope, key, bin_from: from, bin_to: to, requests: suppressSmall(row[i] ?? 0, opts.minCell) }));
  });
}
