/**
 * The long lists stay light and complete: the services list and each department's services list are
 * paginated (at most LIST_PAGE_SIZE rows a page, page 1 at the list's own URL), every guide is on
 * exactly one page of each, a department page shows at most 2 × 10 services and links to its full
 * list, and the page-number navigation works by keyboard and without JavaScript in both languages.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIST_PAGE_SIZE } from '../../src/lib/paginate.ts';
import { openPage, start, type Harness } from './browser.ts';

const dist = 'dist';
/** Uncompressed HTML a list page may weigh (the sample's pages are far lighter; 5,000 guides must not push them over). */
const LIST_PAGE_MAX_BYTES = 100 * 1024;

let h: Harness;
beforeAll(async () => {
  h = await start();
});
afterAll(async () => {
  await h?.close();
});

/** The built pages of the list at `dir` (e.g. "services"): page 1, then page/2/, page/3/, … as long as they exist. */
function listPages(dir: string): string[] {
  const out = [join(dir, 'index.html')];
  for (let n = 2; existsSync(join(dist, dir, 'page', String(n), 'index.html')); n++) out.push(join(dir, 'page', String(n), 'index.html'));
  return out;
}
const read = (page: string) => readFileSync(join(dist, page), 'utf8');
/** Service ids linked from the row headers of a page's tables. */
const rowLinks = (html: string) => [...html.matchAll(/<th scope="row"><a href="(?:\/en)?\/services\/([^/"]+)\/"/g)].map((m) => m[1] ?? '');

type Row = Record<string, string>;
const services = Papa.parse<Row>(readFileSync(join(dist, 'data', 'services.csv'), 'utf8'), { header: true, skipEmptyLines: true }).data;
const departments = Papa.parse<Row>(readFileSync(join(dist, 'data', 'departments.csv'), 'utf8'), { header: true, skipEmptyLines: true }).data.map((d) => d['id'] ?? '');

describe('services list pages', () => {
  for (const prefix of ['', 'en']) {
    it(`list every guide exactly once under /${prefix}, at most ${LIST_PAGE_SIZE} a page and under ${LIST_PAGE_MAX_BYTES / 1024} KB`, () => {
      const pages = listPages(join(prefix, 'services'));
      const guides = readdirSync(join(dist, 'services'), { withFileTypes: true }).filter((d) => d.isDirectory() && d.name !== 'page').map((d) => d.name).sort();
      expect(pages.length).toBe(Math.ceil(guides.length / LIST_PAGE_SIZE));
      const seen: string[] = [];
      for (const p of pages) {
        const html = read(p);
        const rows = rowLinks(html);
        expect(rows.length, p).toBeGreaterThan(0);
        expect(rows.length, p).toBeLessThanOrEqual(LIST_PAGE_SIZE);
        expect(Buffer.byteLength(html), p).toBeLessThan(LIST_PAGE_MAX_BYTES);
        seen.push(...rows);
      }
      expect([...seen].sort()).toEqual(guides);
    });
  }

  it('lead each department jump link to the first page holding its heading', () => {
    const pages = listPages('services').map(read);
    /** Index into `pages` of a jump link's path, read from page 2 (index 1): "" is page 2 itself. */
    const indexOf = (path: string) => (path === '' ? 1 : path === '/services/' ? 0 : Number(/^\/services\/page\/(\d+)\/$/.exec(path)?.[1]) - 1);
    const jumps = [...(pages[1] ?? '').matchAll(/<li><a href="([^"#]*)#(dept-[a-z0-9-]+)">/g)];
    expect(jumps.length).toBe(new Set(services.map((s) => s['department'])).size);
    for (const [, path = '', fragment = ''] of jumps) {
      const first = pages.findIndex((html) => html.includes(`<h2 id="${fragment}">`));
      expect(first, fragment).toBeGreaterThanOrEqual(0);
      expect(indexOf(path), `${path}#${fragment}`).toBe(first);
    }
  });
});

describe('department pages and department services lists', () => {
  it('show at most 20 services on a department page and every service of the department, once, on its list', () => {
    for (const id of departments) {
      const own = services.filter((s) => s['department'] === id).map((s) => s['id'] ?? '').sort();
      for (const prefix of ['', 'en']) {
        const deptPage = read(join(prefix, 'departments', id, 'index.html'));
        expect(rowLinks(deptPage.slice(deptPage.indexOf('id="svc-h"'), deptPage.indexOf('id="dl-h"'))).length, `${prefix}/departments/${id}/`).toBeLessThanOrEqual(Math.min(20, own.length));
        expect(deptPage, `${prefix}/departments/${id}/ links its list`).toContain(`href="${prefix ? '/en' : ''}/departments/${id}/services/"`);
        const pages = listPages(join(prefix, 'departments', id, 'services'));
        const seen: string[] = [];
        for (const p of pages) {
          const html = read(p);
          const rows = rowLinks(html);
          expect(rows.length, p).toBeLessThanOrEqual(LIST_PAGE_SIZE);
          expect(Buffer.byteLength(html), p).toBeLessThan(LIST_PAGE_MAX_BYTES);
          seen.push(...rows);
        }
        expect(seen.sort(), `${prefix}/departments/${id}/services/`).toEqual(own);
      }
    }
  });
});

describe('page-number navigation', () => {
  for (const [prefix, next, lang] of [['/', '下一页', 'zh-CN'], ['/en/', 'Next page', 'en']] as const) {
    it(`is reached with Tab and followed with Enter from ${prefix}services/, with no console errors`, async () => {
      const { page, errors } = await openPage(h);
      await page.goto(`${h.base}${prefix}services/`);
      let reached = false;
      for (let i = 0; i < 400 && !reached; i++) {
        await page.keyboard.press('Tab');
        reached = await page.evaluate(() => document.activeElement?.getAttribute('rel') === 'next' && !!document.activeElement.closest('nav.pagination'));
      }
      expect(reached, 'the next-page link is reachable by keyboard').toBe(true);
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(next);
      await page.keyboard.press('Enter');
      await page.waitForURL(new RegExp(`${prefix}services/page/2/$`));
      expect(await page.getAttribute('html', 'lang')).toBe(lang);
      expect(await page.locator('nav.pagination a[aria-current="page"]').textContent()).toBe('2');
      expect(await page.locator('nav.pagination a[rel="prev"]').getAttribute('href')).toBe(`${prefix}services/`);
      expect(errors).toEqual([]);
      await page.context().close();
    });
  }

  it('works without JavaScript: page 2 lists guides and links back to page 1', async () => {
    const { page, errors } = await openPage(h, { javaScriptEnabled: false });
    const res = await page.goto(`${h.base}/en/services/page/2/`);
    expect(res?.status()).toBe(200);
    expect(await page.locator('main table tbody tr').count()).toBeGreaterThan(0);
    await page.locator('nav.pagination a[rel="prev"]').click();
    await page.waitForURL(/\/en\/services\/$/);
    expect(await page.locator('main table tbody tr').count()).toBe(LIST_PAGE_SIZE);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
