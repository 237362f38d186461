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

/** Dense group ids of some rows: `ids[j]` (0..size-1) is the group of the j-th row; equal ids ⇔ equal keys. */
export interface Groups {
  ids: Int32Array;
  size: number;
}

/**
 * The ladder over row numbers: `groupsAt(level, open)` groups the rows still open at a level.
 * Rows whose group holds at least k of them are placed at that level; the rest climb.
 * Returns the rung of each row 0..n-1: -1 when withheld at the top or not among `rows`.
 * Order-independent: a row's rung depends only on the keys of the rows, not on their order.
 * `reuseRows`: the rows still open are written over `rows` (the caller is done with them), not into new arrays.
 */
export function assignRungsByGroup(n: number, rows: Int32Array, levels: number, groupsAt: (level: number, open: Int32Array) => Groups, k: number, reuseRows = false): Int16Array {
  const rung = new Int16Array(n).fill(-1);
  let open = rows;
  for (let level = 0; level < levels && open.length > 0; level++) {
    const { ids, size } = groupsAt(level, open);
    const counts = new Int32Array(size);
    for (let j = 0; j < ids.length; j++) {
      const id = ids[j] ?? 0;
      counts[id] = (counts[id] ?? 0) + 1;
    }
    // In place: the m-th row kept is written at m ≤ j, after open[j] is read.
    const next = reuseRows ? open : new Int32Array(open.length);
    let m = 0;
    for (let j = 0; j < open.length; j++) {
      const row = open[j] ?? 0;
      if ((counts[ids[j] ?? 0] ?? 0) >= k) rung[row] = level;
      else next[m++] = row;
    }
    open = next.subarray(0, m);
  }
  return rung;
}

/**
 * assignRungsByGroup when every level's groups are runs of one row order. `sorted` holds the
 * rows (each once) ordered on key columns; split[j] is the first column where row sorted[j]
 * differs from sorted[j - 1] (the column count when none does); level L's key is the first
 * cut[L] columns, so sorted[j] starts a new group at level L iff split[j] < cut[L]. Same rungs
 * as assignRungsByGroup over those groups, with no table of keys: two passes over the rows a level.
 */
export function assignRungsByRuns(n: number, sorted: Int32Array, split: Uint8Array, cut: readonly number[], k: number): Int16Array {
  const rung = new Int16Array(n).fill(-1);
  const count = sorted.length;
  let small = cut.length < 15;
  for (let j = 0; j < count && small; j++) small = (split[j] ?? 0) < 16;
  if (small) return placeInOrder(rung, sorted, split, cut, k);
  for (let level = 0; level < cut.length; level++) {
    const c = cut[level] ?? 0;
    let start = 0;
    let open = 0;
    for (let j = 0; j <= count; j++) {
      if (j === count || (j > start && (split[j] ?? 0) < c)) {
        // The run start..j-1 is one group: its open rows are placed here when there are k of them.
        if (open >= k) {
          for (let i = start; i < j; i++) {
            const row = sorted[i] ?? 0;
            if (rung[row] === -1) rung[row] = level;
          }
        }
        start = j;
        open = 0;
      }
      if (j < count && rung[sorted[j] ?? 0] === -1) open++;
    }
  }
  return rung;
}

/**
 * assignRungsByRuns where split's values and the levels fit in four bits each: the level a
 * position is placed at is kept in split's upper four bits (level + 1; 0 = open), so each level
 * reads the positions in order instead of the rung of each row; the rungs are written once at the
 * end and split is left as it came.
 */
function placeInOrder(rung: Int16Array, sorted: Int32Array, split: Uint8Array, cut: readonly number[], k: number): Int16Array {
  const count = sorted.length;
  for (let level = 0; level < cut.length; level++) {
    const c = cut[level] ?? 0;
    const mark = (level + 1) << 4;
    let start = 0;
    let open = 0;
    for (let j = 0; j <= count; j++) {
      if (j === count || (j > start && ((split[j] ?? 0) & 15) < c)) {
        if (open >= k) {
          for (let i = start; i < j; i++) if ((split[i] ?? 0) < 16) split[i] = (split[i] ?? 0) | mark;
        }
        start = j;
        open = 0;
      }
      if (j < count && (split[j] ?? 0) < 16) open++;
    }
  }
  for (let j = 0; j < count; j++) {
    const s = split[j] ?? 0;
    if (s >= 16) rung[sorted[j] ?? 0] = (s >> 4) - 1;
    split[j] = s & 15;
  }
  return rung;
}

/** Dense ids of keys, in order of first appearance. */
export function groupsOf<K>(keys: Iterable<K>): Groups {
  const index = new Map<K, number>();
  const ids: number[] = [];
  for (const key of keys) {
    let id = index.get(key);
    if (id === undefined) index.set(key, (id = index.size));
    ids.push(id);
  }
  return { ids: Int32Array.from(ids), size: index.size };
}

/** Rung assigned to each row (index into the ladder), or -1 when withheld. Pure; order-independent. */
export function assignRungs<T>(rows: readonly T[], keys: readonly ((row: T) => string)[], k: number): number[] {
  const all = Int32Array.from(rows.keys());
  const groupsAt = (level: number, open: Int32Array): Groups => {
    const key = keys[level] as (row: T) => string;
    return groupsOf(Array.from(open, (i) => key(rows[i] as T)));
  };
  return Array.from(assignRungsByGroup(rows.length, all, keys.length, groupsAt, k));
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
