/**
 * k-anonymity by generalization, then suppression. Rows are tried against a ladder of ever
 * coarser keys: the rows whose key is shared by at least k of the rows still unplaced are
 * published at that rung; the rest climb to the next rung; rows left at the top are withheld.
 * Each rung's published values are distinguishable by form (a date, a week, a month), so
 * every published combination of quasi-identifiers is shared by at least k published rows.
 */

/** The quasi-identifiers a publisher can declare (site.yaml `records.quasiIdentifiers`). */
export const QUASI_IDENTIFIERS = ['district', 'date', 'clientType', 'service', 'channel'] as const;
export type QuasiIdentifier = (typeof QUASI_IDENTIFIERS)[number];

/** Generalization levels of the hierarchies: date → week → month; district → city; service → category. */
export interface Levels {
  date: 'day' | 'week' | 'month';
  district: 'district' | 'city';
  service: 'service' | 'category';
}

/** The ladder, finest first. Channel and client type have no hierarchy: they are kept or the row is withheld. */
export const LADDER: readonly Levels[] = [
  { date: 'day', district: 'district', service: 'service' },
  { date: 'week', district: 'district', service: 'service' },
  { date: 'month', district: 'district', service: 'service' },
  { date: 'month', district: 'city', service: 'service' },
  { date: 'month', district: 'city', service: 'category' },
];

/** Rung assigned to each row (index into the ladder), or -1 when withheld. Pure; order-independent. */
export function assignRungs<T>(rows: readonly T[], keys: readonly ((row: T) => string)[], k: number): number[] {
  const rung = rows.map(() => -1);
  let open = rows.map((_, i) => i);
  for (let level = 0; level < keys.length && open.length > 0; level++) {
    const key = keys[level] as (row: T) => string;
    const groups = new Map<string, number[]>();
    for (const i of open) {
      const g = key(rows[i] as T);
      const list = groups.get(g);
      if (list) list.push(i);
      else groups.set(g, [i]);
    }
    const next: number[] = [];
    for (const list of groups.values()) {
      if (list.length >= k) for (const i of list) rung[i] = level;
      else next.push(...list);
    }
    open = next.sort((a, b) => a - b);
  }
  return rung;
}

/** ISO 8601 week of a 'YYYY-MM-DD' date, as 'YYYY-Www' (calendar arithmetic in UTC: no time zone). */
export function isoWeek(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const t = Date.UTC(y, m - 1, d);
  const dow = (new Date(t).getUTCDay() + 6) % 7; // Monday = 0
  const thursday = new Date(t + (3 - dow) * 86_400_000);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * 86_400_000)) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** The date at a level: the day itself, its ISO week, or its month. */
export function generalizeDate(date: string, level: Levels['date']): string {
  if (level === 'day') return date;
  if (level === 'week') return isoWeek(date);
  return date.slice(0, 7);
}
