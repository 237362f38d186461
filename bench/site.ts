/**
 * Site benchmark: build time and Pagefind index size against the number of service pages. A copy
 * of the working tree gets N generated guides (copies of the sample's guides under new ids), then
 * pipeline, astro build and Pagefind are timed once per size. In a git worktree whose node_modules
 * is a symlink (untracked, so copied with the tree), the copy keeps the symlink.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { parse, stringify } from 'yaml';
import { fx, NODE, ROOT, table, timed } from './common.ts';

export interface SiteSize {
  guides: number;
  htmlPages: number;
  dataSeconds: number;
  astroSeconds: number;
  pagefindSeconds: number;
  pagefindFiles: number;
  pagefindMiB: number;
  distMiB: number;
  /** Heaviest HTML (raw bytes) of each kind of listing page, and of any page. */
  listings?: ListingWeights;
  error?: string;
}

/** One page's raw HTML bytes. */
export interface HtmlWeight {
  page: string;
  bytes: number;
}

/** The heaviest page of each listing kind (null when the build has none). */
export interface ListingWeights {
  servicesList: HtmlWeight | null;
  department: HtmlWeight | null;
  departmentList: HtmlWeight | null;
  any: HtmlWeight | null;
}

/** The heaviest HTML pages of `dist` by kind: services list pages, department pages, department service lists, any page. */
export function listingWeights(dist: string): ListingWeights {
  const pages = readdirSync(dist, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.html') && !f.startsWith('pagefind'))
    .map((f) => ({ page: f.split(sep).join('/'), bytes: statSync(join(dist, f)).size }))
    .sort((a, b) => b.bytes - a.bytes || (a.page < b.page ? -1 : 1));
  const top = (re: RegExp): HtmlWeight | null => pages.find((p) => re.test(p.page)) ?? null;
  return {
    servicesList: top(/^(en\/)?services\/(page\/\d+\/)?index\.html$/),
    department: top(/^(en\/)?departments\/[^/]+\/index\.html$/),
    departmentList: top(/^(en\/)?departments\/[^/]+\/services\/(page\/\d+\/)?index\.html$/),
    any: pages[0] ?? null,
  };
}

/** Total bytes and file count under a folder. */
export function folderSize(dir: string): { files: number; bytes: number } {
  let files = 0;
  let bytes = 0;
  for (const f of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    const s = statSync(join(dir, f));
    if (s.isFile()) {
      files++;
      bytes += s.size;
    }
  }
  return { files, bytes };
}

/** Adds generated guides to `dir/data/services` until there are `total`. */
export function addGuides(dir: string, total: number): void {
  const services = join(dir, 'data/services');
  const originals = readdirSync(services).filter((f) => f.endsWith('.md')).sort();
  for (let i = 0; originals.length + i < total; i++) {
    const src = originals[i % originals.length] ?? '';
    const m = /^---\n([\s\S]*?)\n---\n?([\s\S]*)$/.exec(readFileSync(join(services, src), 'utf8'));
    if (!m) throw new Error(`${src}: no front matter`);
    const fm = parse(m[1] ?? '') as Record<string, unknown> & { id: string; code: string; name: { zh: string; en: string } };
    const n = i + 1;
    fm.id = `${fm.id}-b${n}`;
    fm.code = `${fm.code}-B${n}`;
    fm.name = { zh: `${fm.name.zh}（第${n}号）`, en: `${fm.name.en} (no. ${n})` };
    writeFileSync(join(services, `${fm.id}.md`), `---\n${stringify(fm, { lineWidth: 0, defaultStringType: 'QUOTE_DOUBLE', defaultKeyType: 'PLAIN' })}---\n${m[2] ?? ''}`);
  }
}

/** Builds a copy of the site with `guides` service guides; one run. */
export async function benchSiteSize(guides: number, log: (m: string) => void, onBuilt?: (dist: string) => Promise<void>): Promise<SiteSize> {
  const dir = mkdtempSync(join(tmpdir(), 'glassbox-bench-site-'));
  const res: SiteSize = { guides, htmlPages: 0, dataSeconds: NaN, astroSeconds: NaN, pagefindSeconds: NaN, pagefindFiles: 0, pagefindMiB: NaN, distMiB: NaN };
  try {
    execFileSync('bash', ['-c', `git ls-files -z --cached --others --exclude-standard | tar --null --ignore-failed-read -T - -cf - 2>/dev/null | tar -xf - -C "${dir}" && { [ -e "${dir}/node_modules" ] || cp -al node_modules "${dir}/node_modules"; }`], { cwd: ROOT, stdio: 'pipe' });
    addGuides(dir, guides);
    const env = { ...process.env, CI: 'true' };
    timed(NODE, ['scripts/sample/generate.ts'], { cwd: dir, env });
    res.dataSeconds = timed(NODE, ['--max-semi-space-size=4', 'scripts/build-data.ts'], { cwd: dir, env }).seconds;
    log(`site ${guides} guides: data ${fx(res.dataSeconds)} s`);
    res.astroSeconds = timed(join(dir, 'node_modules/.bin/astro'), ['build'], { cwd: dir, env }).seconds;
    log(`site ${guides} guides: astro build ${fx(res.astroSeconds)} s`);
    res.pagefindSeconds = timed(NODE, ['scripts/build-search.ts'], { cwd: dir, env }).seconds;
    const pf = folderSize(join(dir, 'dist/pagefind'));
    res.pagefindFiles = pf.files;
    res.pagefindMiB = pf.bytes / 2 ** 20;
    res.distMiB = folderSize(join(dir, 'dist')).bytes / 2 ** 20;
    res.htmlPages = readdirSync(join(dir, 'dist'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.html')).length;
    res.listings = listingWeights(join(dir, 'dist'));
    log(`site ${guides} guides: heaviest HTML — services list ${kib(res.listings.servicesList)}, department ${kib(res.listings.department)}, department services list ${kib(res.listings.departmentList)}, any page ${kib(res.listings.any)}`);
    log(`site ${guides} guides: pagefind ${fx(res.pagefindSeconds)} s, ${res.htmlPages} pages, index ${fx(res.pagefindMiB)} MiB`);
    if (onBuilt) await onBuilt(join(dir, 'dist'));
  } catch (err) {
    res.error = (err instanceof Error ? err.message : String(err)).slice(0, 2000);
    log(`site ${guides} guides: FAILED ${res.error.split('\n').slice(0, 4).join(' ')}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return res;
}

/** "123.4 KiB (path)", or "—". */
function kib(w: HtmlWeight | null | undefined): string {
  return w ? `${fx(w.bytes / 1024)} KiB (${w.page})` : '—';
}

/** The markdown table of site sizes. */
export function siteMarkdown(sizes: readonly SiteSize[]): string {
  return table(
    ['service guides', 'HTML pages', 'pipeline s', 'astro build s', 'Pagefind s', 'Pagefind index (files / MiB)', 'dist MiB', 'heaviest services list / department / department list HTML KiB', 'status'],
    sizes.map((s) => [
      s.guides.toLocaleString('en'),
      s.htmlPages.toLocaleString('en'),
      fx(s.dataSeconds),
      fx(s.astroSeconds),
      fx(s.pagefindSeconds),
      `${s.pagefindFiles} / ${fx(s.pagefindMiB, 2)}`,
      fx(s.distMiB),
      s.listings ? [s.listings.servicesList, s.listings.department, s.listings.departmentList].map((w) => (w ? fx(w.bytes / 1024) : '—')).join(' / ') : '—',
      s.error ? `FAILED: ${s.error.split('\n')[0] ?? ''}` : 'ok',
    ]),
  );
}

/** The number of guides the sample ships. */
export function sampleGuideCount(): number {
  return readdirSync(join(ROOT, 'data/services')).filter((f) => f.endsWith('.md')).length;
}
