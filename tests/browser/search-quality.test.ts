/**
 * Search quality: each citizen query must find its page in the top 3, through Pagefind's own
 * JavaScript API in the built site, in the index of the query's language.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPage, start, type Harness } from './browser.ts';
import { searchCases } from './search-queries.ts';

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
