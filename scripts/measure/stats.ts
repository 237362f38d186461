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
