// Static pagination of the long lists: pages, their URLs and the page-number window, and the
// Pagination component rendered through Astro's container API.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIST_PAGE_SIZE, pageCount, pagePath, pageWindow, paginate } from '../../src/lib/paginate.ts';
import { startChartRenderer, type ChartRenderer } from './chart-renderer.ts';

describe('paginate(items, size)', () => {
  it('cuts 5,000 items into full pages of LIST_PAGE_SIZE and a last partial page, in order, each item once', () => {
    const items = Array.from({ length: 5_000 + 7 }, (_, i) => i);
    const pages = paginate(items);
    expect(pages.length).toBe(Math.ceil(5_007 / LIST_PAGE_SIZE));
    expect(pages.length).toBe(pageCount(items.length));
    expect(pages.every((p) => p.length <= LIST_PAGE_SIZE)).toBe(true);
    expect(pages.slice(0, -1).every((p) => p.length === LIST_PAGE_SIZE)).toBe(true);
    expect(pages.at(-1)).toEqual([5_000, 5_001, 5_002, 5_003, 5_004, 5_005, 5_006].slice(-(5_007 % LIST_PAGE_SIZE)));
    expect(pages.flat()).toEqual(items);
  });
  it('gives one empty page for an empty list, so the list URL always exists', () => {
    expect(paginate([])).toEqual([[]]);
    expect(pageCount(0)).toBe(1);
  });
  it('rejects a page size that is not a positive integer', () => {
    expect(() => paginate([1], 0)).toThrow(/positive integer, got 0/);
    expect(() => paginate([1], 2.5)).toThrow(/positive integer/);
  });
});

describe('pagePath(base, n)', () => {
  it('keeps the list URL for page 1 and puts later pages under page/<n>/', () => {
    expect(pagePath('/services/', 1)).toBe('/services/');
    expect(pagePath('/services/', 2)).toBe('/services/page/2/');
    expect(pagePath('/departments/market/services/', 12)).toBe('/departments/market/services/page/12/');
  });
  it('rejects a base without its trailing slash and page 0', () => {
    expect(() => pagePath('/services', 2)).toThrow(/must end with "\/"/);
    expect(() => pagePath('/services/', 0)).toThrow(/positive integer, got 0/);
  });
});

describe('pageWindow(current, total, around)', () => {
  it('lists every page when there are few', () => {
    expect(pageWindow(1, 1)).toEqual([1]);
    expect(pageWindow(2, 5)).toEqual([1, 2, 3, 4, 5]);
  });
  it('shows first, last and two pages each side of the current one, with gaps', () => {
    expect(pageWindow(50, 101)).toEqual([1, null, 48, 49, 50, 51, 52, null, 101]);
    expect(pageWindow(1, 101)).toEqual([1, 2, 3, null, 101]);
    expect(pageWindow(101, 101)).toEqual([1, null, 99, 100, 101]);
  });
  it('shows a single hidden page instead of a gap', () => {
    expect(pageWindow(5, 101)).toEqual([1, 2, 3, 4, 5, 6, 7, null, 101]);
  });
  it('never lists more than 2·around + 5 entries, for any page of 1 to 400', () => {
    const bad: string[] = [];
    for (let total = 1; total <= 400; total += 13) {
      for (let current = 1; current <= total; current++) {
        const w = pageWindow(current, total);
        const numbers = w.filter((n) => n !== null);
        const ascending = numbers.every((n, i) => i === 0 || n > (numbers[i - 1] ?? 0));
        if (w.length > 9 || !w.includes(current) || w[0] !== 1 || w.at(-1) !== total || !ascending) bad.push(`${current}/${total}: ${w.join(',')}`);
      }
    }
    expect(bad).toEqual([]);
  });
  it('rejects a page outside 1..total', () => {
    expect(() => pageWindow(0, 3)).toThrow(/page 0 is not in 1..3/);
    expect(() => pageWindow(4, 3)).toThrow(/page 4 is not in 1..3/);
  });
});

describe('Pagination.astro', () => {
  let renderer: ChartRenderer;
  beforeAll(async () => {
    renderer = await startChartRenderer();
  });
  afterAll(async () => {
    await renderer?.close();
  });
  const render = (props: Record<string, unknown>) => renderer.renderFile('/src/components/Pagination.astro', props);
  const hrefs = (html: string) => [...html.matchAll(/href="([^"]+)"/g)].map((m) => m[1]);

  it('renders page 50 of 100 as a labelled nav with rel prev/next, the current page marked, and at most 9 numbers', async () => {
    const html = await render({ locale: 'en', base: '/services/', page: 50, pages: 100 });
    expect(html).toMatch(/^<nav class="pagination" aria-label="Pages">/);
    expect(html).toContain('<a href="/en/services/page/49/" rel="prev">Previous page</a>');
    expect(html).toContain('<a href="/en/services/page/51/" rel="next">Next page</a>');
    expect(html).toContain('<a href="/en/services/page/50/" aria-label="Page 50" aria-current="page">50</a>');
    expect(html.match(/aria-current/g)).toHaveLength(1);
    expect(hrefs(html)).toEqual(['/en/services/page/49/', '/en/services/', '/en/services/page/48/', '/en/services/page/49/', '/en/services/page/50/', '/en/services/page/51/', '/en/services/page/52/', '/en/services/page/100/', '/en/services/page/51/']);
    expect(html.match(/aria-hidden="true">…</g)).toHaveLength(2);
    expect(html.length).toBeLessThan(2_000);
  });
  it('links page 1 to the list URL in Chinese, with no previous link on page 1 and no next link on the last page', async () => {
    const first = await render({ locale: 'zh-CN', base: '/departments/market/services/', page: 1, pages: 3 });
    expect(first).not.toContain('rel="prev"');
    expect(first).toContain('<a href="/departments/market/services/" aria-label="第 1 页" aria-current="page">1</a>');
    expect(first).toContain('<a href="/departments/market/services/page/2/" rel="next">下一页</a>');
    const last = await render({ locale: 'zh-CN', base: '/departments/market/services/', page: 3, pages: 3 });
    expect(last).not.toContain('rel="next"');
    expect(last).toContain('<a href="/departments/market/services/page/2/" rel="prev">上一页</a>');
  });
  it('prints nothing for a list that fits on one page', async () => {
    expect((await render({ locale: 'en', base: '/services/', page: 1, pages: 1 })).trim()).toBe('');
  });
});
