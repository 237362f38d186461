/**
 * Page-weight budgets on the built site: each page's HTML plus the CSS and JavaScript it links
 * (gzip-compressed sizes) stays within the budget. Datasets and the search index are excluded.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface Budgets {
  /** Max gzip bytes of HTML + CSS + JS for one page. */
  pageBytes: number;
  /** Max gzip bytes of JavaScript for one page. */
  scriptBytes: number;
}

export const defaultBudgets: Budgets = { pageBytes: 100 * 1024, scriptBytes: 35 * 1024 };

export interface PageWeight {
  page: string;
  html: number;
  css: number;
  js: number;
}

/** Local asset URLs a page links: stylesheets and scripts (module scripts and their static imports are not followed). */
export function linkedAssets(html: string): { css: string[]; js: string[] } {
  const css = [...html.matchAll(/<link\b[^>]*rel="stylesheet"[^>]*href="(\/[^"]+)"/g)].map((m) => m[1] ?? '');
  const cssAlt = [...html.matchAll(/<link\b[^>]*href="(\/[^"]+\.css)"[^>]*rel="stylesheet"/g)].map((m) => m[1] ?? '');
  const js = [...html.matchAll(/<script\b[^>]*src="(\/[^"]+)"/g)].map((m) => m[1] ?? '');
  return { css: [...new Set([...css, ...cssAlt])].sort(), js: [...new Set(js)].sort() };
}

function* htmlFiles(dir: string, root = dir): Generator<string> {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      if (path !== join(root, 'pagefind')) yield* htmlFiles(path, root);
    } else if (name.endsWith('.html')) yield path;
  }
}

/** Measures every page of `dist`, following module imports of linked scripts one level deep. */
export function measurePages(dist: string): PageWeight[] {
  const cache = new Map<string, number>();
  const gz = (path: string): number => {
    let n = cache.get(path);
    if (n === undefined) {
      n = gzipSync(readFileSync(path)).length;
      cache.set(path, n);
    }
    return n;
  };
  const out: PageWeight[] = [];
  for (const file of htmlFiles(dist)) {
    const html = readFileSync(file, 'utf8');
    const assets = linkedAssets(html);
    const js = new Set(assets.js);
    for (const src of assets.js) {
      const code = readFileSync(join(dist, src), 'utf8');
      for (const m of code.matchAll(/\bimport\s*(?:[^'"()]*?from\s*)?["'](\.\/[^"']+|\/[^"']+)["']/g)) {
        const target = m[1] ?? '';
        js.add(target.startsWith('/') ? target : join(src, '..', target).split(sep).join('/'));
      }
    }
    out.push({
      page: relative(dist, file).split(sep).join('/'),
      html: gz(file),
      css: assets.css.reduce((a, p) => a + gz(join(dist, p)), 0),
      js: [...js].reduce((a, p) => a + gz(join(dist, p)), 0),
    });
  }
  return out;
}

/** Pages over budget, as messages. */
export function checkBudgets(weights: PageWeight[], budgets: Budgets = defaultBudgets): string[] {
  const problems: string[] = [];
  for (const w of weights) {
    const total = w.html + w.css + w.js;
    if (total > budgets.pageBytes) problems.push(`${w.page}: ${(total / 1024).toFixed(1)} KB gzip of HTML+CSS+JS exceeds the ${budgets.pageBytes / 1024} KB page budget`);
    if (w.js > budgets.scriptBytes) problems.push(`${w.page}: ${(w.js / 1024).toFixed(1)} KB gzip of JavaScript exceeds the ${budgets.scriptBytes / 1024} KB budget`);
  }
  return problems;
}
