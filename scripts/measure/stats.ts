/** Exact order statistics and fixed rounding used by every published figure. */

/**
 * Median of integers: the middle value of the sorted list, or the mean of the two middle
 * values when the count is even (so it may end in .5). null for an empty list.
 */
export function median(sorted: readonly number[]): number | null {
  const n = sorted.length;
  if (n === 0) return null;
  const mid = Math.floor(n / 2);
  const hi = sorted[mid] ?? 0;
  if (n % 2 === 1) return hi;
  return ((sorted[mid - 1] ?? 0) + hi) / 2;
}

/**
 * Nearest-rank percentile: the value at rank ceil(p/100 × n) (1-based) of the sorted list.
 * p90 of [1..10] is 9; of [1..11] is 10. null for an empty list.
 */
export function nearestRank(sorted: readonly number[], p: number): number | null {
  const n = sorted.length;
  if (n === 0) return null;
  // Integer arithmetic avoids 0.9 × 10 = 9.000000000000002 style surprises.
  const rank = Math.max(1, Math.ceil((p * n) / 100));
  return sorted[Math.min(n, rank) - 1] ?? null;
}

/** num/den rounded half-up to `places` decimals; null when den is 0. */
export function ratio(num: number, den: number, places: number): number | null {
  if (den === 0) return null;
  const scale = 10 ** places;
  return Math.round((num * scale) / den) / scale;
}

/** Ascending numeric sort (copy). */
export function sortNumbers(values: readonly number[]): number[] {
  return [...values].sort((a, b) => a - b);
}

/** Largest dense table of a ValueCounts (entries): values past it go to its map, so a cell's memory stays bounded. */
const DENSE_MAX = 1 << 14;
const NO_COUNTS = new Uint32Array(0);

/**
 * Exact order statistics without keeping every value: counts per distinct value (working days,
 * tenths of hours), so a cell of any size costs memory per distinct value only (plus a dense
 * table of at most 64 KiB). median() and nearestRank() return exactly what
 * median(sortNumbers(values)) and nearestRank(...) return.
 *
 * A value v that is k / scale for a whole k in [0, DENSE_MAX) (k / scale === v exactly, so v
 * comes back bit for bit) is counted in a typed array at k: one array write instead of two map
 * look-ups. Any other value (negative, finer, larger, NaN) is counted in a map, as before.
 */
export class ValueCounts {
  /** Counts of the values k / scale at index k; grows by doubling up to DENSE_MAX. */
  private dense: Uint32Array = NO_COUNTS;
  private readonly scale: number;
  private readonly counts = new Map<number, number>();
  private n = 0;
  /** The map's values in ascending order, kept until the next add or merge. */
  private sorted: number[] | null = null;

  /** `scale`: values are expected to be whole multiples of 1 / scale (1 for whole days, 10 for tenths of hours). */
  constructor(scale = 1) {
    this.scale = scale;
  }

  add(value: number): void {
    this.put(value, 1);
  }

  /** Counts `value` c times. */
  private put(value: number, c: number): void {
    this.n += c;
    const k = Math.round(value * this.scale);
    if (k >= 0 && k < DENSE_MAX && k / this.scale === value) {
      if (k >= this.dense.length) this.grow(k);
      this.dense[k] = (this.dense[k] ?? 0) + c;
      return;
    }
    this.counts.set(value, (this.counts.get(value) ?? 0) + c);
    this.sorted = null;
  }

  /** Makes room for index k. */
  private grow(k: number): void {
    let size = Math.max(64, this.dense.length);
    while (size <= k) size *= 2;
    const next = new Uint32Array(Math.min(size, DENSE_MAX));
    next.set(this.dense);
    this.dense = next;
  }

  /** Adds every value counted by another instance (mergeable: counts add up). */
  merge(other: ValueCounts): void {
    other.dense.forEach((c, k) => {
      if (c > 0) this.put(k / other.scale, c);
    });
    for (const [v, c] of other.counts) this.put(v, c);
  }

  get size(): number {
    return this.n;
  }

  /** The value at 0-based position `pos` of the sorted values (pos < size): the dense values in order, the map's merged in. */
  private at(pos: number): number {
    const extra = this.mapKeys();
    const dense = this.dense;
    let seen = 0;
    let j = 0;
    let top = -1;
    for (let k = 0; k < dense.length; k++) {
      const c = dense[k] ?? 0;
      if (c === 0) continue;
      top = k;
      const v = k / this.scale;
      for (; j < extra.length && (extra[j] ?? 0) < v; j++) {
        const x = extra[j] ?? 0;
        seen += this.counts.get(x) ?? 0;
        if (pos < seen) return x;
      }
      seen += c;
      if (pos < seen) return v;
    }
    for (; j < extra.length; j++) {
      const x = extra[j] ?? 0;
      seen += this.counts.get(x) ?? 0;
      if (pos < seen) return x;
    }
    // Past the end: the largest value (0 when empty), as a search of the sorted values gives.
    const last = extra.at(-1);
    if (top < 0) return last ?? 0;
    return last !== undefined && last > top / this.scale ? last : top / this.scale;
  }

  /** The map's values in ascending order (few or none: most values are dense). */
  private mapKeys(): number[] {
    this.sorted ??= [...this.counts.keys()].sort((a, b) => a - b);
    return this.sorted;
  }

  /** As median(): the middle value, or the mean of the two middle values; null when empty. */
  median(): number | null {
    if (this.n === 0) return null;
    const mid = Math.floor(this.n / 2);
    const hi = this.at(mid);
    if (this.n % 2 === 1) return hi;
    return (this.at(mid - 1) + hi) / 2;
  }

  /** As nearestRank(): the value at rank ceil(p/100 × n); null when empty. */
  nearestRank(p: number): number | null {
    if (this.n === 0) return null;
    const rank = Math.max(1, Math.ceil((p * this.n) / 100));
    return this.at(Math.min(this.n, rank) - 1);
  }
}
