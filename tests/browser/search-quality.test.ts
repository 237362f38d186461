/**
 * Search quality: each citizen query must find its page in the top 3 of the list the search page
 * shows (Pagefind plus the site's phrase pass for split Chinese words, src/lib/search-words.ts), in
 * the index of the query's language. The filter checks use Pagefind's own JavaScript API.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPage, start, type Harness } from './browser.ts';
import { filterCases, searchCases, twoCharacterWords } from './search-queries.ts';

let h: Harness;
beforeAll(async () => {
  h = await start();
});
afterAll(async () => {
  await h?.close();
});

/**
 * Types each query into the search page of a language, as a citizen does, and returns the first
 * `n` result paths the page lists for each.
 */
async function topResults(lang: 'zh-CN' | 'en', queries: string[], n = 3): Promise<string[][]> {
  const { page, errors } = await openPage(h);
  await page.goto(`${h.base}${lang === 'en' ? '/en' : ''}/search/`);
  await page.locator('#search .search-filters').waitFor(); // Pagefind is loaded and the input listens
  const out: string[][] = [];
  for (const q of queries) {
    await page.locator('#search-q').fill(q);
    // The status line names the query once its results are listed (“{query}” in both locales).
    await page.locator('#search [role="status"]', { hasText: `“${q}”` }).waitFor();
    out.push((await page.locator('#search .search-results > li > a').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''))).slice(0, n));
  }
  expect(errors).toEqual([]);
  await page.context().close();
  return out;
}

describe('search quality (Pagefind, both languages)', () => {
  it(`finds the expected page in the top 3 for each of ${searchCases.length} citizen queries`, async () => {
    const misses: string[] = [];
    let top1 = 0;
    let top3 = 0;
    for (const lang of ['zh-CN', 'en'] as const) {
      const cases = searchCases.filter((c) => c.lang === lang);
      const results = await topResults(lang, cases.map((c) => c.query));
      cases.forEach((c, i) => {
        const want = (lang === 'en' ? '/en' : '') + c.expect;
        const got = results[i] ?? [];
        if (got[0] === want) top1++;
        if (got.includes(want)) top3++;
        else misses.push(`${c.query} → ${got.join(', ') || '(nothing)'} (wanted ${want})`);
      });
    }
    console.log(`search quality: top-1 ${top1}/${searchCases.length}, top-3 ${top3}/${searchCases.length}`);
    expect(misses).toEqual([]);
  });
});

/** Runs one query with Pagefind filters; returns the result URLs and each result's filter values. */
async function filtered(lang: 'zh-CN' | 'en', query: string, filters: Record<string, string>): Promise<{ url: string; filters: Record<string, string[]> }[]> {
  const { page, errors } = await openPage(h);
  await page.goto(`${h.base}${lang === 'en' ? '/en' : ''}/search/`);
  const out = (await page.evaluate(`(async (q, f) => {
    const pagefind = await import('/pagefind/pagefind.js');
    await pagefind.init();
    const r = await pagefind.search(q, { filters: f });
    return Promise.all(r.results.slice(0, 10).map(async (x) => { const d = await x.data(); return { url: d.url, filters: d.filters }; }));
  })(${JSON.stringify(query)}, ${JSON.stringify(filters)})`)) as { url: string; filters: Record<string, string[]> }[];
  expect(errors).toEqual([]);
  await page.context().close();
  return out;
}

describe('search filters (kind, department, who it serves)', () => {
  for (const c of filterCases) {
    it(`"${c.query}" with ${JSON.stringify(c.filter)} returns only matching pages and finds ${c.expect}`, async () => {
      const results = await filtered(c.lang, c.query, c.filter);
      expect(results.length).toBeGreaterThan(0);
      for (const r of results) for (const [k, v] of Object.entries(c.filter)) expect(r.filters[k], r.url).toContain(v);
      expect(results.slice(0, 3).map((r) => r.url)).toContain((c.lang === 'en' ? '/en' : '') + c.expect);
    });
  }
});

/** Pagefind's indexed text of every page that matches `query` on the search page of `lang`, by path. */
async function indexedText(lang: 'zh-CN' | 'en', query: string): Promise<Map<string, string>> {
  const { page, errors } = await openPage(h);
  await page.goto(`${h.base}${lang === 'en' ? '/en' : ''}/search/`);
  // A string, not a function: the test runner would rewrite a dynamic import() inside a function.
  const pages = (await page.evaluate(`(async (q) => {
    const pagefind = await import('/pagefind/pagefind.js');
    await pagefind.init();
    const r = await pagefind.search(q);
    return Promise.all(r.results.map(async (x) => { const d = await x.data(); return [d.url, d.content]; }));
  })(${JSON.stringify(query)})`)) as [string, string][];
  expect(errors).toEqual([]);
  await page.context().close();
  return new Map(pages);
}

describe('search of two-character Chinese words', () => {
  it('lists pages with the word itself above pages with only its characters, and a page with the word first', async () => {
    const results = await topResults('zh-CN', twoCharacterWords, 10);
    const mixed: string[] = [];
    for (const [i, w] of twoCharacterWords.entries()) {
      const top = results[i] ?? [];
      const text = await indexedText('zh-CN', w);
      const has = top.map((url) => (text.get(url) ?? '').includes(w));
      expect(has[0], `${w}: first result ${top[0]}`).toBe(true);
      // Once a result lacks the word, no later result may have it: word matches come first.
      const firstWithout = has.indexOf(false);
      if (firstWithout >= 0 && has.slice(firstWithout).includes(true)) {
        mixed.push(w);
        console.log(`two-character word ${w}: ${top.map((url, j) => `${url}${has[j] ? '' : ' (characters only)'}`).join(', ')}`);
      }
    }
    expect(mixed).toEqual([]);
  });
});
