import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPage, start, type Harness } from './browser.ts';

let h: Harness;
beforeAll(async () => {
  h = await start();
});
afterAll(async () => {
  await h?.close();
});

describe('home page', () => {
  it('renders in Chinese and English with headline figures and no console errors', async () => {
    for (const [path, lang] of [['/', 'zh-CN'], ['/en/', 'en']] as const) {
      const { page, errors } = await openPage(h);
      const res = await page.goto(h.base + path);
      expect(res?.status()).toBe(200);
      expect(await page.getAttribute('html', 'lang')).toBe(lang);
      expect(await page.locator('h1').count()).toBeGreaterThan(0);
      expect(await page.locator('figure svg').count()).toBeGreaterThan(0);
      expect(errors).toEqual([]);
      await page.context().close();
    }
  });

  it('switches language and stays on the same page', async () => {
    const { page } = await openPage(h);
    await page.goto(`${h.base}/services/business-licence/`);
    await page.locator('a[hreflang="en"]').first().click();
    await page.waitForURL(/\/en\/services\/business-licence\/$/);
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await page.context().close();
  });
});

describe('department scorecard', () => {
  it('shows its trend charts as SVG with a data table, without JavaScript', async () => {
    const { page, errors } = await openPage(h, { javaScriptEnabled: false });
    const res = await page.goto(`${h.base}/departments/market/`);
    expect(res?.status()).toBe(200);
    const charts = page.locator('figure.chart');
    expect(await charts.count()).toBeGreaterThanOrEqual(2);
    // The monthly on-time trend (the ratings-by-service chart comes first on the page).
    const trend = page.locator('figure.chart[id$="-on-time"]').first();
    expect(await trend.locator('svg path, svg rect').count()).toBeGreaterThan(0);
    expect(await trend.locator('table tbody tr').count()).toBeGreaterThanOrEqual(12);
    expect(await page.locator('body').innerText()).toContain('营业执照');
    expect(errors).toEqual([]);
    await page.context().close();
  });
});

describe('service guide', () => {
  it('shows the business licence guide with materials, steps, limits and measured performance', async () => {
    const { page, errors } = await openPage(h);
    await page.goto(`${h.base}/en/services/business-licence/`);
    const text = await page.locator('main').innerText();
    expect(text).toMatch(/Business licence/i);
    expect(await page.locator('main ol li').count()).toBeGreaterThanOrEqual(3);
    expect(await page.locator('main table').count()).toBeGreaterThanOrEqual(1);
    expect(text).toMatch(/working days/i);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});

describe('search', () => {
  for (const [path, query] of [['/search/', '营业执照'], ['/en/search/', 'business licence']] as const) {
    it(`finds the business licence guide for "${query}"`, async () => {
      const { page, errors } = await openPage(h);
      await page.goto(h.base + path);
      const input = page.locator('#search-q');
      await input.waitFor({ state: 'visible' });
      await input.fill(query);
      const hit = page.locator('#search a[href*="/services/business-licence/"]').first();
      await hit.waitFor({ state: 'visible', timeout: 15_000 });
      expect(await hit.getAttribute('href')).toContain('/services/business-licence/');
      expect(errors).toEqual([]);
      await page.context().close();
    });
  }
});

describe('every route exists in both languages', () => {
  it('answers 200 for each template under / and /en/', async () => {
    const paths = ['', 'departments/', 'departments/market/', 'departments/market/services/', 'clients/', 'services/', 'services/page/2/', 'services/business-licence/', 'rules/', 'data/', 'methodology/', 'search/', 'quality/', 'embed/city-on-time/'];
    const { page } = await openPage(h);
    for (const prefix of ['/', '/en/']) {
      for (const p of paths) {
        const res = await page.request.get(h.base + prefix + p);
        expect(res.status(), prefix + p).toBe(200);
      }
    }
    const missing = await page.request.get(`${h.base}/no-such-page/`);
    expect(missing.status()).toBe(404);
    await page.context().close();
  });
});

/** One page per template (the first rule is read from the built rules index). */
function templatePaths(): string[] {
  const rule = /href="\/rules\/([a-z0-9-]+)\/"/.exec(readFileSync('dist/rules/index.html', 'utf8'));
  const paths = ['', 'departments/', 'departments/market/', 'departments/market/services/', 'clients/', 'services/', 'services/page/2/', 'services/business-licence/', 'rules/', 'data/', 'methodology/', 'search/', 'quality/', 'about/', 'embed/city-on-time/'];
  return rule ? [...paths, `rules/${rule[1]}/`] : paths;
}

describe('every template in both languages', () => {
  for (const prefix of ['/', '/en/']) {
    it(`loads each template under ${prefix} with JavaScript on and no console errors or page errors`, async () => {
      const found: string[] = [];
      for (const p of templatePaths()) {
        const { page, errors } = await openPage(h);
        const res = await page.goto(h.base + prefix + p, { waitUntil: 'networkidle' });
        expect(res?.status(), prefix + p).toBe(200);
        expect(await page.getAttribute('html', 'lang'), prefix + p).toBe(prefix === '/' ? 'zh-CN' : 'en');
        found.push(...errors.map((e) => `${prefix}${p}: ${e}`));
        await page.context().close();
      }
      expect(found).toEqual([]);
    });

    it(`moves focus with Tab to the skip link first, and the skip link to <main>, on each template under ${prefix}`, async () => {
      const { page } = await openPage(h);
      for (const p of templatePaths()) {
        await page.goto(h.base + prefix + p);
        await page.keyboard.press('Tab');
        const first = await page.evaluate(() => ({ cls: document.activeElement?.className ?? '', href: document.activeElement?.getAttribute('href') ?? '' }));
        expect(first, prefix + p).toEqual({ cls: 'skip-link', href: '#main' });
        await page.keyboard.press('Enter');
        await page.waitForFunction(() => document.activeElement?.id === 'main', undefined, { timeout: 5_000 });
        // The next Tab continues from inside <main> (or after it), never back at the top.
        await page.keyboard.press('Tab');
        const inHeader = await page.evaluate(() => !!document.activeElement?.closest('header.site-header'));
        expect(inHeader, prefix + p).toBe(false);
      }
      await page.context().close();
    });
  }

  it('shows charts on the home page and department scorecards in both languages', async () => {
    const { page } = await openPage(h);
    for (const p of ['/', '/en/', '/departments/market/', '/en/departments/market/']) {
      await page.goto(h.base + p);
      expect(await page.locator('figure svg').count(), p).toBeGreaterThan(0);
    }
    await page.context().close();
  });

  it('links each chart to its CSV and JSON data, and enables SVG/PNG downloads with JavaScript', async () => {
    const { page } = await openPage(h);
    await page.goto(`${h.base}/en/departments/market/`);
    const csv = await page.locator('figure.chart a[href$=".csv"]').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
    expect(csv).toContain('/charts/dept-market-close.csv');
    for (const href of ['/charts/dept-market-close.csv', '/charts/dept-market-close.json', '/charts/city-on-time.csv']) {
      const res = await page.request.get(h.base + href);
      expect(res.status(), href).toBe(200);
      expect((await res.body()).length, href).toBeGreaterThan(20);
    }
    const svgButton = page.locator('button[data-download="svg"][data-target="dept-market-close"]');
    expect(await svgButton.isVisible()).toBe(true);
    const [download] = await Promise.all([page.waitForEvent('download'), svgButton.click()]);
    expect(download.suggestedFilename()).toBe('dept-market-close.svg');
    await page.context().close();
  });

  it('sorts the departments table from its header buttons and sets aria-sort', async () => {
    const { page } = await openPage(h);
    await page.goto(`${h.base}/en/departments/`);
    const table = page.locator('table[data-sortable]');
    const th = table.locator('thead th').nth(4);
    await th.locator('button').click();
    expect(await th.getAttribute('aria-sort')).toBe('ascending');
    await th.locator('button').click();
    expect(await th.getAttribute('aria-sort')).toBe('descending');
    const values = await table.locator('tbody tr td:nth-child(5)').evaluateAll((tds) => tds.map((td) => td.getAttribute('data-value') ?? ''));
    const nums = values.filter((v) => v !== '').map(Number);
    expect(nums).toEqual([...nums].sort((a, b) => b - a));
    await page.context().close();
  });

  it('switches language from English back to Chinese on the same page', async () => {
    const { page } = await openPage(h);
    await page.goto(`${h.base}/en/departments/market/`);
    await page.locator('a[hreflang="zh-CN"].lang-switch').first().click();
    await page.waitForURL(/\/departments\/market\/$/);
    expect(new URL(page.url()).pathname).toBe('/departments/market/');
    expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
    await page.context().close();
  });
});

describe('downloads', () => {
  for (const prefix of ['/', '/en/']) {
    it(`resolves every download linked from ${prefix}data/ with 200 and a non-empty body`, async () => {
      const { page } = await openPage(h);
      await page.goto(`${h.base}${prefix}data/`);
      const hrefs = await page.locator('main a[href]').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
      const files = [...new Set(hrefs.filter((href) => /^\/data\/[^/]+\.[a-z0-9.]+$|^\/data\/SHA256SUMS$/i.test(href)))];
      expect(files.length).toBeGreaterThanOrEqual(10);
      const bad: string[] = [];
      for (const href of files) {
        const res = await page.request.get(h.base + href);
        const body = await res.body();
        if (res.status() !== 200 || body.length === 0) bad.push(`${href}: ${res.status()} (${body.length} bytes)`);
      }
      expect(bad).toEqual([]);
      await page.context().close();
    });
  }
});
