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
    expect(await charts.first().locator('svg path, svg rect').count()).toBeGreaterThan(0);
    expect(await charts.first().locator('table tbody tr').count()).toBeGreaterThanOrEqual(12);
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
    const paths = ['', 'departments/', 'departments/market/', 'services/', 'services/business-licence/', 'rules/', 'data/', 'methodology/', 'search/', 'quality/'];
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
