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

/**
 * Exact order statistics without keeping every value: counts per distinct value (working days,
 * tenths of hours), so a cell of any size costs memory per distinct value only. median() and
 * nearestRank() return exactly what median(sortNumbers(values)) and nearestRank(...) return.
 */
export class ValueCounts {
  private readonly counts = new Map<number, number>();
  private n = 0;
  /** Distinct values in ascending order, kept until the next add or merge. */
  private sorted: number[] | null = null;

  add(value: number): void {
    this.counts.set(value, (this.counts.get(value) ?? 0) + 1);
    this.n++;
    this.sorted = null;
  }

  /** Adds every value counted by another instance (mergeable: counts add up). */
  merge(other: ValueCounts): void {
    for (const [v, c] of other.counts) this.counts.set(v, (this.counts.get(v) ?? 0) + c);
    this.n += other.n;
    this.sorted = null;
  }

  get size(): number {
    return this.n;
  }

  /** The value at 0-based position `pos` of the sorted values (pos < size). */
  private at(sortedKeys: readonly number[], pos: number): number {
    let seen = 0;
    for (const v of sortedKeys) {
      seen += this.counts.get(v) ?? 0;
      if (pos < seen) return v;
    }
    return sortedKeys.at(-1) ?? 0;
  }

  private keys(): number[] {
    this.sorted ??= [...this.counts.keys()].sort((a, b) => a - b);
    return this.sorted;
  }

  /** As median(): the middle value, or the mean of the two middle values; null when empty. */
  median(): number | null {
    if (this.n === 0) return null;
    const keys = this.keys();
    const mid = Math.floor(this.n / 2);
    const hi = this.at(keys, mid);
    if (this.n % 2 === 1) return hi;
    return (this.at(keys, mid - 1) + hi) / 2;
  }

  /** As nearestRank(): the value at rank ceil(p/100 × n); null when empty. */
  nearestRank(p: number): number | null {
    if (this.n === 0) return null;
    const rank = Math.max(1, Math.ceil((p * this.n) / 100));
    return this.at(this.keys(), Math.min(this.n, rank) - 1);
  }
}
