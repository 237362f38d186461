/**
 * Static pagination of long lists (the services list, a department's services): pages of a fixed
 * number of rows, their URLs (page 1 keeps the list's own URL) and the page-number window a
 * navigation shows, so that a list page weighs the same at 60 services as at 5,000.
 */

/** Rows on one list page: the bound that keeps a list page light on a phone (about 15–25 KB of rows). */
export const LIST_PAGE_SIZE = 50;

/** `items` cut into pages of `size` rows, in order; always at least one (possibly empty) page. */
export function paginate<T>(items: readonly T[], size: number = LIST_PAGE_SIZE): T[][] {
  if (!Number.isInteger(size) || size < 1) throw new Error(`paginate: page size must be a positive integer, got ${size}`);
  const pages: T[][] = [];
  for (let i = 0; i < items.length; i += size) pages.push(items.slice(i, i + size));
  return pages.length ? pages : [[]];
}

/** Number of pages `count` rows fill (at least 1). */
export function pageCount(count: number, size: number = LIST_PAGE_SIZE): number {
  return Math.max(1, Math.ceil(count / size));
}

/** The locale-neutral path of page `n` of the list at `base` ("/services/"): `base` itself for page 1, `base`page/n/ after. */
export function pagePath(base: string, n: number): string {
  if (!base.endsWith('/')) throw new Error(`pagePath: base "${base}" must end with "/"`);
  if (!Number.isInteger(n) || n < 1) throw new Error(`pagePath: page must be a positive integer, got ${n}`);
  return n === 1 ? base : `${base}page/${n}/`;
}

/**
 * The page numbers a navigation lists for page `current` of `total`: the first, the last, and
 * `around` pages each side of the current one; null marks a gap ("…"). At most 2·around + 5 entries
 * whatever `total` is.
 */
export function pageWindow(current: number, total: number, around = 2): (number | null)[] {
  if (!Number.isInteger(total) || total < 1) throw new Error(`pageWindow: total must be a positive integer, got ${total}`);
  if (!Number.isInteger(current) || current < 1 || current > total) throw new Error(`pageWindow: page ${current} is not in 1..${total}`);
  const shown = new Set([1, total]);
  for (let n = current - around; n <= current + around; n++) if (n >= 1 && n <= total) shown.add(n);
  const sorted = [...shown].sort((a, b) => a - b);
  const out: (number | null)[] = [];
  for (const n of sorted) {
    const prev = out.at(-1);
    // A gap of exactly one page shows that page rather than "…", which would hide no more than it takes.
    if (typeof prev === 'number' && n - prev === 2) out.push(prev + 1);
    else if (typeof prev === 'number' && n - prev > 2) out.push(null);
    out.push(n);
  }
  return out;
}
