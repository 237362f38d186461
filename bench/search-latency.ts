/**
 * Pagefind query latency in headless Chromium: on a fresh page that has not loaded Pagefind yet
 * (/about/ in each language, same CSP as /search/), the load and init of Pagefind, the first query
 * (index chunks fetched) and later queries, timed in the page from search() to the top 10 results'
 * data(), in Chinese and English. Several fresh pages; medians reported.
 */
import { startBrowser } from './browser.ts';
import { fx, median, table } from './common.ts';

export const QUERIES: Record<'zh-CN' | 'en', string[]> = {
  'zh-CN': ['营业执照', '社保', '公积金提取', '出生证明', '医保报销', '居住证', '不动产登记', '低保'],
  en: ['business licence', 'social insurance', 'housing fund', 'birth certificate', 'medical insurance', 'residence permit', 'property registration', 'allowance'],
};

export interface LatencyResult {
  locale: string;
  pages: number;
  initMs: number[];
  firstMs: number[];
  laterMs: number[];
  resultsFirst: number[];
}

/** Times Pagefind in the page; `pages` fresh page loads per locale. */
export async function runSearchLatencyBench(dist = 'dist', pages = 5): Promise<LatencyResult[]> {
  const b = await startBrowser(dist);
  const out: LatencyResult[] = [];
  try {
    for (const locale of ['zh-CN', 'en'] as const) {
      const r: LatencyResult = { locale, pages, initMs: [], firstMs: [], laterMs: [], resultsFirst: [] };
      for (let i = 0; i < pages; i++) {
        const ctx = await b.browser.newContext();
        const page = await ctx.newPage();
        await page.goto(`${b.base}${locale === 'en' ? '/en' : ''}/about/`, { waitUntil: 'networkidle' });
        // Rotate the query list so each fresh page starts with a different first query.
        const qs = [...QUERIES[locale].slice(i), ...QUERIES[locale].slice(0, i)];
        const t = await page.evaluate(async (queries: string[]) => {
          interface Pf {
            init: () => Promise<void>;
            options: (o: object) => Promise<void>;
            search: (q: string) => Promise<{ results: { data: () => Promise<unknown> }[] }>;
          }
          const t0 = performance.now();
          const pf = (await import('/pagefind/pagefind.js' as string)) as Pf;
          await pf.options({ excerptLength: 24 });
          await pf.init();
          const init = performance.now() - t0;
          const times: number[] = [];
          const counts: number[] = [];
          for (const q of queries) {
            const s = performance.now();
            const res = await pf.search(q);
            await Promise.all(res.results.slice(0, 10).map((x) => x.data()));
            times.push(performance.now() - s);
            counts.push(res.results.length);
          }
          return { init, times, counts };
        }, qs);
        r.initMs.push(t.init);
        r.firstMs.push(t.times[0] ?? NaN);
        r.laterMs.push(...t.times.slice(1));
        r.resultsFirst.push(t.counts[0] ?? 0);
        await ctx.close();
      }
      out.push(r);
    }
  } finally {
    await b.close();
  }
  return out;
}

/** The markdown table of latencies (medians, ms). */
export function latencyMarkdown(rs: readonly LatencyResult[]): string {
  return table(
    ['locale', 'fresh pages', 'init (load pagefind.js + init) ms', 'first query ms (median / max)', 'later queries ms (median / p90 of all)', 'hits for first query (min)'],
    rs.map((r) => {
      const later = [...r.laterMs].sort((a, b) => a - b);
      return [r.locale, r.pages, fx(median(r.initMs)), `${fx(median(r.firstMs))} / ${fx(Math.max(...r.firstMs))}`, `${fx(median(r.laterMs))} / ${fx(later[Math.floor(later.length * 0.9)] ?? NaN)}`, Math.min(...r.resultsFirst)];
    }),
  );
}
