// The services list and department pages at a generated scale: 5,000 made-up services over 14 and
// over 200 departments. Each list page stays within LIST_PAGE_SIZE rows and one row per department
// in its jump links, every service is on exactly one page, and a department page shows at most
// 2 × 10 services however many the department has.
import { describe, expect, it } from 'vitest';
import { LIST_PAGE_SIZE } from '../../src/lib/paginate.ts';
import { byRequests, departmentHighlights, departmentStarts, groupedPages, missedPromises, type ServiceFigures } from '../../src/lib/service-lists.ts';

interface Guide {
  id: string;
  department: string;
}

/** `n` guides spread unevenly over `departments` departments, in list order (department, then id). */
function guides(n: number, departments: number): Guide[] {
  const out: Guide[] = [];
  for (let i = 0; i < n; i++) {
    // Department k gets a share growing with k, so sizes differ (some far above a page).
    const d = Math.floor(Math.sqrt((i / n) * departments * departments));
    out.push({ id: `svc-${String(i).padStart(5, '0')}`, department: `d${String(d).padStart(3, '0')}` });
  }
  return out;
}

describe('groupedPages(items, department, size)', () => {
  for (const departments of [14, 200]) {
    it(`puts 5,000 services over ${departments} departments on pages of at most ${LIST_PAGE_SIZE}, each service once, in order`, () => {
      const list = guides(5_000, departments);
      const pages = groupedPages(list, (g) => g.department);
      expect(pages.length).toBe(Math.ceil(5_000 / LIST_PAGE_SIZE));
      const rows = pages.map((p) => p.groups.reduce((n, g) => n + g.items.length, 0));
      expect(Math.max(...rows)).toBeLessThanOrEqual(LIST_PAGE_SIZE);
      expect(pages.flatMap((p) => p.groups.flatMap((g) => g.items))).toEqual(list);
      expect(pages.map((p) => p.n)).toEqual(pages.map((_, i) => i + 1));
      // A page repeats no department, and a department is "continued" exactly on the pages after its first.
      for (const p of pages) expect(new Set(p.groups.map((g) => g.department)).size).toBe(p.groups.length);
      const firstPage = new Map<string, number>();
      for (const p of pages) for (const g of p.groups) if (!firstPage.has(g.department)) firstPage.set(g.department, p.n);
      for (const p of pages) for (const g of p.groups) expect(g.continued, `${g.department} on page ${p.n}`).toBe(firstPage.get(g.department) !== p.n);
    });
  }
  it('marks the department that runs over a page break as continued on the next page', () => {
    const list = [...['a1', 'a2', 'a3'].map((id) => ({ id, department: 'a' })), { id: 'b1', department: 'b' }];
    const pages = groupedPages(list, (g) => g.department, 2);
    expect(pages.map((p) => p.groups.map((g) => `${g.department}${g.continued ? '+' : ''}:${g.items.map((i) => i.id).join(',')}`))).toEqual([['a:a1,a2'], ['a+:a3', 'b:b1']]);
  });
  it('refuses a list whose departments are not together, naming the department', () => {
    const list = [{ id: 'x', department: 'a' }, { id: 'y', department: 'b' }, { id: 'z', department: 'a' }];
    expect(() => groupedPages(list, (g) => g.department)).toThrow(/department "a" are not together/);
  });
});

describe('departmentStarts(pages)', () => {
  it('gives each department the page where its services begin and its full count', () => {
    const list = guides(5_000, 14);
    const pages = groupedPages(list, (g) => g.department);
    const starts = departmentStarts(pages);
    const counts = new Map<string, number>();
    for (const g of list) counts.set(g.department, (counts.get(g.department) ?? 0) + 1);
    expect([...starts.keys()]).toEqual([...counts.keys()]);
    for (const [d, s] of starts) {
      expect(s.count, d).toBe(counts.get(d));
      expect(s.page, d).toBe(Math.floor(list.findIndex((g) => g.department === d) / LIST_PAGE_SIZE) + 1);
    }
  });
});

describe('departmentHighlights(rows, n)', () => {
  const row = (id: string, requests: number | null, promiseN: number | null, promiseKept: number | null): ServiceFigures => ({ id, requests, promiseN, promiseKept });

  it('shows a small department in full, busiest first, with no separate late list', () => {
    const h = departmentHighlights([row('b', 5, 5, 5), row('a', 20, 10, 2), row('c', null, null, null)], 10);
    expect(h.busiest.map((r) => r.id)).toEqual(['a', 'b', 'c']);
    expect(h.mostMissed).toEqual([]);
    expect(h.truncated).toBe(false);
  });
  it('shows 10 busiest and the 10 with most cases closed late out of 400 services', () => {
    // Requests fall with the index; late cases peak in the middle, where the busiest list does not reach.
    const rows = Array.from({ length: 400 }, (_, i) => row(`s${String(i).padStart(3, '0')}`, 1_000 - i, 100, 100 - Math.max(0, 50 - Math.abs(200 - i))));
    rows.push(row('suppressed', null, null, null));
    const h = departmentHighlights(rows, 10);
    expect(h.truncated).toBe(true);
    expect(h.busiest.map((r) => r.id)).toEqual(Array.from({ length: 10 }, (_, i) => `s${String(i).padStart(3, '0')}`));
    expect(h.mostMissed).toHaveLength(10);
    expect(h.mostMissed[0]?.id).toBe('s200');
    expect(h.mostMissed.map((r) => missedPromises(r))).toEqual([50, 49, 49, 48, 48, 47, 47, 46, 46, 45]);
    // Ties keep the busier service first.
    expect(h.mostMissed.slice(1, 3).map((r) => r.id)).toEqual(['s199', 's201']);
  });
  it('leaves out services with no late case or a suppressed count', () => {
    const rows = [...Array.from({ length: 12 }, (_, i) => row(`k${i}`, 100 + i, 10, 10)), row('late', 1, 3, 1), row('hidden', 50, null, 4)];
    const h = departmentHighlights(rows, 10);
    expect(h.mostMissed.map((r) => r.id)).toEqual(['late']);
  });
});

describe('byRequests(rows)', () => {
  it('sorts by requests, suppressed last, ties by id', () => {
    const rows = [{ id: 'b', requests: 3 }, { id: 'z', requests: null }, { id: 'a', requests: 3 }, { id: 'c', requests: 9 }].map((r) => ({ ...r, promiseN: null, promiseKept: null }));
    expect(byRequests(rows).map((r) => r.id)).toEqual(['c', 'a', 'b', 'z']);
  });
});
