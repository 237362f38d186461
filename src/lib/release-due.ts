/** When the next monthly release is due: the as-of date plus a grace period, as YYYY-MM-DD (pure, UTC arithmetic). */

/** Days after the as-of date by which the next monthly release should be out. */
export const RELEASE_GRACE_DAYS = 45;

/** The date `days` after `date` (YYYY-MM-DD). */
export function addDays(date: string, days: number): string {
  const [y = 0, m = 1, d = 1] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** The date by which the release after `asOf` is due. */
export function nextReleaseDue(asOf: string): string {
  return addDays(asOf, RELEASE_GRACE_DAYS);
}
