/**
 * Search quality: each citizen query must find its page in the top 3, through Pagefind's own
 * JavaScript API in the built site, in the index of the query's language.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPage, start, type Harness } from './browser.ts';
import { filterCases, knownCharacterMatches, searchCases, twoCharacterWords } from './search-queries.ts';

let h: Harness;
beforeAll(async () => {
  h = await start();
});
afterAll(async () => {
  await h?.close();
});

/** Runs queries on the search page of a language and returns the top result paths per query. */
async function topResults(lang: 'zh-CN' | 'en', queries: string[]): Promise<string[][]> {
  const { page, errors } = await openPage(h);
  await page.goto(`${h.base}${lang === 'en' ? '/en' : ''}/search/`);
  // A string, not a function: the test runner would rewrite a dynamic import() inside a function.
  const results = (await page.evaluate(`(async (qs) => {
    const pagefind = await import('/pagefind/pagefind.js');
    await pagefind.init();
    const out = [];
    for (const q of qs) {
      const r = await pagefind.search(q);
      out.push(await Promise.all(r.results.slice(0, 3).map(async (x) => (await x.data()).url)));
    }
    return out;
  })(${JSON.stringify(queries)})`)) as string[][];
  expect(errors).toEqual([]);
  await page.context().close();
  return results;
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

describe('search of two-character Chinese words', () => {
  it('ranks pages with the word itself above pages with only its characters, and puts a page with the word first', async () => {
    const { page, errors } = await openPage(h);
    await page.goto(`${h.base}/search/`);
    const results = (await page.evaluate(`(async (qs) => {
      const pagefind = await import('/pagefind/pagefind.js');
      await pagefind.init();
      const out = [];
      for (const q of qs) {
        const r = await pagefind.search(q);
        out.push(await Promise.all(r.results.slice(0, 10).map(async (x) => { const d = await x.data(); return { url: d.url, content: d.content }; })));
      }
      return out;
    })(${JSON.stringify(twoCharacterWords)})`)) as { url: string; content: string }[][];
    expect(errors).toEqual([]);
    await page.context().close();
    const mixed: string[] = [];
    twoCharacterWords.forEach((w, i) => {
      const top = results[i] ?? [];
      const has = top.map((r) => r.content.includes(w));
      expect(has[0], `${w}: first result ${top[0]?.url}`).toBe(true);
      // Once a result lacks the word, no later result should have it: word matches come first.
      const firstWithout = has.indexOf(false);
      if (firstWithout >= 0 && has.slice(firstWithout).includes(true)) {
        mixed.push(w);
        console.log(`two-character word ${w}: ${top.map((r, j) => `${r.url}${has[j] ? '' : ' (characters only)'}`).join(', ')}`);
      }
    });
    // Known gap, kept visible: Pagefind splits 社保 into 社 + 保 and prefix-matches 社会/保证, so pages with
    // only the characters interleave with real matches below the top 2. When this is fixed, empty the list.
    expect(mixed).toEqual(knownCharacterMatches);
  });
});
