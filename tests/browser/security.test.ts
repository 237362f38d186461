/**
 * Security: script-injection payloads in every text field of a fixture (department names, one
 * guide, one rule, raw free text) never execute. One hostile build (tests/browser/hostile-fixture.ts),
 * then each affected page in Chromium under its own CSP: no dialog, no page error, no console error
 * (a CSP violation is one), no element created from a payload, and the payload shown as text.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPage, start, type Harness } from './browser.ts';
import { buildHostileSite, HOSTILE_GUIDE, HOSTILE_RULE, PAYLOAD, type HostileSite } from './hostile-fixture.ts';

let site: HostileSite;
let h: Harness;
beforeAll(async () => {
  site = buildHostileSite(process.cwd(), (m) => console.log(m));
  h = await start(`${site.dir}/dist`);
}, 600_000);
afterAll(async () => {
  await h?.close();
  site?.remove();
});

/** What a page shows of the payloads: elements they could have created, and whether the text is visible. */
interface Probe {
  imgX: number;
  alertScripts: number;
  jsLinks: string[];
  onAttrs: number;
  textVisible: boolean;
}

const PAGES = [
  '/',
  '/en/',
  '/departments/',
  '/en/departments/',
  '/departments/market/',
  '/en/departments/market/',
  '/services/',
  '/en/services/',
  `/services/${HOSTILE_GUIDE}/`,
  `/en/services/${HOSTILE_GUIDE}/`,
  '/rules/',
  `/rules/${HOSTILE_RULE}/`,
  `/en/rules/${HOSTILE_RULE}/`,
  '/data/',
];

describe('hostile fixture', () => {
  it('poisoned the raw free text and built', () => {
    expect(site.rawCells).toBeGreaterThan(100);
  });

  it('fails verify only for over-long titles and, when the schema accepts a javascript: URL, for the link it makes', () => {
    const unexpected = site.verifyProblems.filter((p) => !/: long-title /.test(p) && !/: <a href="javascript:/.test(p));
    expect(unexpected).toEqual([]);
    const jsPages = site.verifyProblems.filter((p) => p.includes('<a href="javascript:')).map((p) => p.split(':')[0]).sort();
    expect(jsPages).toEqual(site.jsUrlAccepted ? [`en/services/${HOSTILE_GUIDE}/index.html`, `services/${HOSTILE_GUIDE}/index.html`] : []);
  });

  for (const path of PAGES) {
    it(`${path} shows the payloads as text and runs none of them`, async () => {
      const { page, errors } = await openPage(h);
      const res = await page.goto(h.base + path, { waitUntil: 'networkidle' });
      expect(res?.status()).toBe(200);
      const probe: Probe = await page.evaluate(() => ({
        imgX: document.querySelectorAll('img[src="x"]').length,
        alertScripts: [...document.scripts].filter((s) => /alert\(/.test(s.textContent ?? '')).length,
        jsLinks: [...document.querySelectorAll('a[href], area[href], iframe[src], form[action]')]
          .map((e) => e.getAttribute('href') ?? e.getAttribute('src') ?? e.getAttribute('action') ?? '')
          .filter((u) => /^\s*javascript:/i.test(u)),
        onAttrs: [...document.querySelectorAll('*')].filter((e) => [...e.attributes].some((a) => /^on/i.test(a.name))).length,
        textVisible: document.body.innerText.includes('"><img src=x onerror=alert(2)>'),
      }));
      expect(errors).toEqual([]);
      // A javascript: link is tolerated only where verify caught it (the build then fails); see the test below.
      const flagged = site.verifyProblems.some((p) => p.startsWith(path.slice(1) + 'index.html: <a href="javascript:'));
      expect({ ...probe, jsLinks: flagged ? [] : probe.jsLinks }).toEqual({ imgX: 0, alertScripts: 0, jsLinks: [], onAttrs: 0, textVisible: path === '/data/' ? probe.textVisible : true });
      await page.context().close();
    });
  }

  for (const [path, query] of [['/search/', '营业执照'], ['/en/search/', 'business licence'], ['/search/', PAYLOAD]] as const) {
    it(`search ${path} for ${query === PAYLOAD ? 'the payload itself' : `"${query}"`} renders results as text only`, async () => {
      const { page, errors } = await openPage(h);
      await page.goto(`${h.base}${path}?q=${encodeURIComponent(query)}`, { waitUntil: 'networkidle' });
      await page.locator('#search [role="status"]').filter({ hasText: /\S/ }).waitFor({ timeout: 15_000 });
      if (query !== PAYLOAD) await page.locator(`#search a[href*="/services/${HOSTILE_GUIDE}/"]`).first().waitFor({ timeout: 15_000 });
      const created = await page.evaluate(() => document.querySelectorAll('#search img, #search script, #search [onerror]').length);
      expect(created).toBe(0);
      if (query !== PAYLOAD) expect(await page.locator('#search').innerText()).toContain('<script>alert(1)</script>');
      expect(errors).toEqual([]);
      await page.context().close();
    });
  }
});
