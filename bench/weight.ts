/**
 * Page weight per template, as Chromium loads it: every response of the page (HTML, CSS, JS,
 * fonts, images, Pagefind files fetched at load), raw bytes and gzip -9 bytes, split by type.
 */
import { existsSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { startBrowser } from './browser.ts';
import { table } from './common.ts';

export interface PageWeight {
  path: string;
  requests: number;
  bytes: number;
  gzipBytes: number;
  byType: Record<string, number>;
}

/** One page per template in both languages (the first rule from the built rules index; page 2 of the services list when the site has one). */
export function templatePaths(dist: string): string[] {
  const rule = /href="\/rules\/([a-z0-9-]+)\/"/.exec(readFileSync(`${dist}/rules/index.html`, 'utf8'));
  const page2 = existsSync(`${dist}/services/page/2/index.html`) ? ['services/page/2/'] : [];
  const paths = ['', 'departments/', 'departments/market/', 'departments/market/services/', 'services/', ...page2, 'services/business-licence/', 'rules/', ...(rule ? [`rules/${rule[1]}/`] : []), 'data/', 'methodology/', 'search/', 'quality/', 'about/'];
  return ['/', '/en/'].flatMap((p) => paths.map((x) => p + x));
}

/** Classifies a response by its URL. */
function kind(url: string): string {
  const p = new URL(url).pathname;
  if (p.endsWith('/') || p.endsWith('.html')) return 'html';
  const ext = /\.([a-z0-9]+)$/.exec(p)?.[1] ?? 'other';
  if (p.startsWith('/pagefind/')) return 'pagefind';
  return ext === 'mjs' ? 'js' : ext;
}

/** Loads each template page in a fresh context and sums what it fetched. */
export async function runWeightBench(dist = 'dist'): Promise<PageWeight[]> {
  const b = await startBrowser(dist);
  const out: PageWeight[] = [];
  try {
    for (const path of templatePaths(dist)) {
      const ctx = await b.browser.newContext();
      const page = await ctx.newPage();
      const bodies: Promise<{ url: string; body: Buffer }>[] = [];
      page.on('response', (r) => {
        bodies.push(r.body().then((body) => ({ url: r.url(), body })).catch(() => ({ url: r.url(), body: Buffer.alloc(0) })));
      });
      await page.goto(b.base + path, { waitUntil: 'networkidle' });
      const got = await Promise.all(bodies);
      const w: PageWeight = { path, requests: got.length, bytes: 0, gzipBytes: 0, byType: {} };
      for (const { url, body } of got) {
        w.bytes += body.length;
        w.gzipBytes += gzipSync(body, { level: 9 }).length;
        const k = kind(url);
        w.byType[k] = (w.byType[k] ?? 0) + body.length;
      }
      out.push(w);
      await ctx.close();
    }
  } finally {
    await b.close();
  }
  return out;
}

/** The markdown table of page weights (KiB). */
export function weightMarkdown(ws: readonly PageWeight[]): string {
  const types = [...new Set(ws.flatMap((w) => Object.keys(w.byType)))].sort();
  const k = (n: number): string => (n / 1024).toFixed(1);
  return table(['page', 'requests', 'KiB', 'KiB gzip', ...types.map((t) => `${t} KiB`)], ws.map((w) => [w.path, w.requests, k(w.bytes), k(w.gzipBytes), ...types.map((t) => k(w.byType[t] ?? 0))]));
}
