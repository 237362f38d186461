/**
 * What the service listings show, as plain data: the pages of the services list (grouped by
 * department, a group continued across pages), where each department's services start in it, and
 * the few services a department page shows out of its many (the busiest, and those that miss their
 * promised limit most often).
 */
import { LIST_PAGE_SIZE, paginate } from './paginate.ts';

/** A run of one department's services on one list page. */
export interface ListGroup<T> {
  department: string;
  /** True when the department's services began on an earlier page. */
  continued: boolean;
  items: T[];
}

/** One page of the services list. */
export interface ListPage<T> {
  /** 1-based page number. */
  n: number;
  groups: ListGroup<T>[];
}

/** `items` (already in list order, each department's items together) cut into pages and grouped by department. */
export function groupedPages<T>(items: readonly T[], department: (item: T) => string, size: number = LIST_PAGE_SIZE): ListPage<T>[] {
  const seen = new Set<string>();
  return paginate(items, size).map((rows, i) => {
    const groups: ListGroup<T>[] = [];
    for (const item of rows) {
      const d = department(item);
      const last = groups.at(-1);
      if (last && last.department === d) last.items.push(item);
      else {
        if (groups.some((g) => g.department === d)) throw new Error(`groupedPages: the services of department "${d}" are not together in the list order`);
        groups.push({ department: d, continued: seen.has(d), items: [item] });
        seen.add(d);
      }
    }
    return { n: i + 1, groups };
  });
}

/** The page on which each department's first item appears, with the department's item count. */
export function departmentStarts<T>(pages: readonly ListPage<T>[]): Map<string, { page: number; count: number }> {
  const out = new Map<string, { page: number; count: number }>();
  for (const p of pages) {
    for (const g of p.groups) {
      const s = out.get(g.department);
      if (s) s.count += g.items.length;
      else out.set(g.department, { page: p.n, count: g.items.length });
    }
  }
  return out;
}

/** The figures a department page ranks its services by. */
export interface ServiceFigures {
  id: string;
  /** Requests in the period; null when suppressed. */
  requests: number | null;
  /** Closed cases judged against the promised limit, and how many of them kept it; null when suppressed. */
  promiseN: number | null;
  promiseKept: number | null;
}

/** Services a department page shows from its list. */
export interface DepartmentHighlights<T extends ServiceFigures> {
  /** The `n` services with the most requests (suppressed counts last), or all when there are at most `n`. */
  busiest: T[];
  /** The `n` services with the most cases closed after the promised limit, busier first on ties (none with zero or unknown); empty when `busiest` is the whole list. */
  mostMissed: T[];
  /** Whether the department has more services than `busiest` shows. */
  truncated: boolean;
}

/** Cases closed after the promised limit, or null when a count is suppressed. */
export function missedPromises(r: ServiceFigures): number | null {
  return r.promiseN === null || r.promiseKept === null ? null : r.promiseN - r.promiseKept;
}

/** Services by requests, most first; suppressed counts last; ties by id. */
export function byRequests<T extends ServiceFigures>(rows: readonly T[]): T[] {
  return [...rows].sort((a, b) => (b.requests ?? -1) - (a.requests ?? -1) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The department page's selection from a department's services: the busiest `n` and the `n` that miss their promise most. */
export function departmentHighlights<T extends ServiceFigures>(rows: readonly T[], n = 10): DepartmentHighlights<T> {
  const sorted = byRequests(rows);
  if (sorted.length <= n) return { busiest: sorted, mostMissed: [], truncated: false };
  const mostMissed = sorted
    .filter((r) => (missedPromises(r) ?? 0) > 0)
    // Stable: ties keep the busier service first.
    .sort((a, b) => (missedPromises(b) ?? 0) - (missedPromises(a) ?? 0))
    .slice(0, n);
  return { busiest: sorted.slice(0, n), mostMissed, truncated: true };
}
