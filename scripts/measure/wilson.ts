/** Wilson score interval for a binomial proportion (Wilson 1927), the interval every published rate carries. */

/** z for a two-sided 95% interval. */
export const Z95 = 1.959963984540054;

/**
 * Wilson 95% interval of `successes` out of `n`, each bound rounded half-up to 4 places;
 * null when n is 0. Unlike the normal approximation it stays inside [0, 1] and is not
 * degenerate at 0 or n successes.
 */
export function wilson(successes: number, n: number, z = Z95): { lo: number; hi: number } | null {
  if (n <= 0) return null;
  if (successes < 0 || successes > n) throw new Error(`wilson: successes ${successes} not in 0..${n}`);
  const p = successes / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  const round = (x: number): number => Math.round(Math.min(1, Math.max(0, x)) * 10_000) / 10_000;
  return { lo: successes === 0 ? 0 : round(centre - half), hi: successes === n ? 1 : round(centre + half) };
}
