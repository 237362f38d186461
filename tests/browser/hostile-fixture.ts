/**
 * A hostile copy of the repository for the security test: script-injection payloads appended to
 * every text field of the departments, one guide, one rule and the raw free-text columns, then
 * built once with the real pipeline (sample → data → astro → pagefind → verify).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Papa from 'papaparse';
import { parse, stringify } from 'yaml';
import { serviceGuide } from '../../src/lib/content-schema.ts';

/** The payloads, each of which must stay text wherever it lands. */
export const PAYLOADS = ['<script>alert(1)</script>', '"><img src=x onerror=alert(2)>', 'javascript:alert(3)', '</script><script>alert(4)</script>'] as const;

/** All payloads in one string, appended to every text field. */
export const PAYLOAD = PAYLOADS.join(' ');

/** A `javascript:` URL for the URL fields the schema may accept. */
export const JS_URL = 'javascript:alert(5)';

export const HOSTILE_GUIDE = 'business-licence';
export const HOSTILE_RULE = 'business-environment-regulations';

/** Appends the payload to every string under a `zh` or `en` key (the bilingual text fields), in place. */
export function poisonText(value: unknown, key = ''): unknown {
  if (typeof value === 'string') return key === 'zh' || key === 'en' ? `${value} ${PAYLOAD}` : value;
  if (Array.isArray(value)) return value.map((v) => poisonText(v, key));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = poisonText(v, k);
    return out;
  }
  return value;
}

/** Rewrites a Markdown file's front matter through `edit` and appends `body` to its body. */
function editMarkdown(path: string, edit: (fm: Record<string, unknown>) => Record<string, unknown>, body: string): void {
  const m = /^---\n([\s\S]*?)\n---\n?([\s\S]*)$/.exec(readFileSync(path, 'utf8'));
  if (!m) throw new Error(`${path}: no front matter`);
  const fm = edit(parse(m[1] ?? '') as Record<string, unknown>);
  writeFileSync(path, `---\n${stringify(fm, { lineWidth: 0, defaultStringType: 'QUOTE_DOUBLE', defaultKeyType: 'PLAIN' })}---\n${m[2] ?? ''}${body}`);
}

/** Appends the payload to the given columns of every 25th row of a raw CSV (keeping its BOM). */
function poisonCsv(path: string, columns: readonly string[]): number {
  const text = readFileSync(path, 'utf8');
  const bom = text.startsWith('\uFEFF') ? '\uFEFF' : '';
  const parsed = Papa.parse<Record<string, string>>(text.slice(bom.length), { header: true, skipEmptyLines: true });
  let n = 0;
  parsed.data.forEach((row, i) => {
    if (i % 25 !== 0) return;
    for (const c of columns) {
      if (c in row) {
        row[c] = `${row[c] ?? ''} ${PAYLOAD}`;
        n++;
      }
    }
  });
  writeFileSync(path, bom + Papa.unparse(parsed.data, { columns: parsed.meta.fields ?? [], newline: '\n' }) + '\n');
  return n;
}

export interface HostileSite {
  /** Root of the copy; its dist/ holds the built site. */
  dir: string;
  /** Whether the schema accepted a `javascript:` URL in the guide's URL fields (then the page must not link it). */
  jsUrlAccepted: boolean;
  /** Raw free-text cells poisoned. */
  rawCells: number;
  /** What scripts/verify reported on the hostile dist/ ("file: message"); empty when it passed. */
  verifyProblems: string[];
  remove: () => void;
}

/** Runs scripts/verify on the copy's dist/ and returns its problems instead of throwing: the browser checks run either way. */
function verify(dir: string, log: (m: string) => void): string[] {
  log('hostile build: node scripts/verify/cli.ts dist');
  const r = spawnSync(join(dir, 'node_modules/.bin/node'), ['scripts/verify/cli.ts', 'dist'], { cwd: dir, encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.status === 0) return [];
  const tail = (r.stdout + r.stderr).split('verify: FAILED')[1] ?? '';
  const problems = [...tail.matchAll(/^\s+(\S+?):\d+:\d+ (.*)$/gm)].map((m) => `${m[1] ?? ''}: ${m[2] ?? ''}`);
  if (problems.length === 0) throw new Error(`verify failed without listing problems:\n${(r.stdout + r.stderr).slice(-3000)}`);
  return problems;
}

/** Copies the working tree (tracked and untracked files git does not ignore; node_modules hard-linked), poisons it and builds it once. */
export function buildHostileSite(repo = process.cwd(), log: (m: string) => void = () => {}): HostileSite {
  const dir = mkdtempSync(join(tmpdir(), 'glassbox-hostile-'));
  const remove = (): void => rmSync(dir, { recursive: true, force: true });
  try {
    execFileSync('bash', ['-c', `git ls-files -z --cached --others --exclude-standard | tar --null --ignore-failed-read -T - -cf - 2>/dev/null | tar -xf - -C "${dir}" && cp -al node_modules "${dir}/node_modules"`], { cwd: resolve(repo), stdio: 'pipe' });
    const run = (cmd: string, args: string[]): void => {
      log(`hostile build: ${cmd} ${args.join(' ')}`);
      execFileSync(join(dir, 'node_modules/.bin', cmd), args, { cwd: dir, stdio: 'pipe', maxBuffer: 64 << 20 });
    };

    // Departments: every name.
    const deptPath = join(dir, 'data/departments.yaml');
    writeFileSync(deptPath, stringify(poisonText(parse(readFileSync(deptPath, 'utf8'))), { lineWidth: 0, defaultStringType: 'QUOTE_DOUBLE', defaultKeyType: 'PLAIN' }));

    // One guide: all bilingual text, its free-text fields, and its URL fields if the schema lets a javascript: URL in.
    const jsUrlAccepted = serviceGuide.shape.onlineUrl.safeParse(JS_URL).success;
    editMarkdown(join(dir, 'data/services', `${HOSTILE_GUIDE}.md`), (fm) => {
      const g = poisonText(fm) as Record<string, unknown>;
      g['version'] = `${String(g['version'])} ${PAYLOAD}`;
      g['feesText'] = PAYLOAD;
      const contacts = g['contacts'] as Record<string, unknown>;
      contacts['text'] = PAYLOAD;
      const materials = g['materials'] as Record<string, unknown>[];
      for (const m of materials) {
        m['text'] = PAYLOAD;
        if (jsUrlAccepted) m['blankForm'] = JS_URL;
      }
      if (jsUrlAccepted) g['onlineUrl'] = JS_URL;
      return g;
    }, `\n\n${PAYLOAD}\n`);

    // One rule: every bilingual field including its text.
    editMarkdown(join(dir, 'data/rules', `${HOSTILE_RULE}.md`), (fm) => poisonText(fm) as Record<string, unknown>, `\n\n${PAYLOAD}\n`);

    // Raw exports: the free-text columns (descriptions, remarks, rating comments).
    run('node', ['scripts/sample/generate.ts']);
    const raw = join(dir, 'data/raw');
    let rawCells = 0;
    for (const f of readdirSync(raw).filter((n) => n.endsWith('.csv'))) rawCells += poisonCsv(join(raw, f), ['诉求内容', '备注', '评价内容']);

    run('node', ['scripts/build-data.ts']);
    run('astro', ['build']);
    run('node', ['scripts/build-search.ts']);
    return { dir, jsUrlAccepted, rawCells, verifyProblems: verify(dir, log), remove };
  } catch (err) {
    const e = err as { stdout?: Buffer; stderr?: Buffer; message: string };
    const out = `${e.stdout?.toString() ?? ''}\n${e.stderr?.toString() ?? ''}`.split('\n').slice(-40).join('\n');
    remove();
    throw new Error(`the hostile fixture did not build: ${e.message}\n${out}`, { cause: err });
  }
}
