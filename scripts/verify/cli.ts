/**
 * The verify stage: `node scripts/verify/cli.ts [dist] [--private private]`.
 * Fails the build when dist/ holds anything that looks like personal data (naming file and kind,
 * never printing a value in full), when the published data-quality figures do not add up, or when
 * a page gate fails: page budgets, internal links, titles, HTML validity, Content-Security-Policy.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { KnownValues, mask } from './detectors.ts';
import { scanDirectory } from './scan.ts';
import { readStringArray } from './string-array.ts';
import { checkQuality } from './quality.ts';
import { checkBudgets, measurePages } from './budgets.ts';
import { listFiles, readPages } from './pages.ts';
import { checkLinks, siteOrigin } from './links.ts';
import { checkTitles } from './titles.ts';
import { checkHtml } from './html.ts';
import { checkCsp } from './csp.ts';

/** Email domains reserved for documentation (RFC 2606); the sample city's contacts use them. */
export const allowedEmailDomains = ['example.org', 'example.com', 'example.net'];

const projectDist = fileURLToPath(new URL('../../dist', import.meta.url));
/** html-validate results of the project's own dist/, cached by page hash between builds. */
const htmlCacheFile = fileURLToPath(new URL('../../node_modules/.cache/glassbox/html-validate.json', import.meta.url));

/** At most `max` problems of one gate, then a count of the rest. */
function capped(gate: string, problems: string[], max = 100): string[] {
  return problems.length > max ? [...problems.slice(0, max), `… and ${problems.length - max} more ${gate} problems`] : problems;
}

/** The page gates (links, titles, HTML validity, CSP) over every HTML page; one log line each. */
export function verifyPages(dist: string, log: (m: string) => void, htmlCache?: string): string[] {
  const pages = readPages(dist);
  const links = checkLinks({ pages, files: new Set(listFiles(dist)) }, siteOrigin(pages));
  log(`verify: links — ${links.length ? `${links.length} broken` : 'every internal link and #fragment resolves'} on ${pages.length} pages`);
  const titles = checkTitles(pages);
  log(`verify: titles — ${titles.length ? 'problems found' : `${pages.length} pages, each with its own <title>`}`);
  const html = checkHtml(pages, htmlCache);
  log(`verify: html — ${html.problems.length ? `${html.problems.length} html-validate problems` : `${pages.length} pages valid`} (${html.validated} validated, ${pages.length - html.validated} cached)`);
  const csp = checkCsp(pages);
  log(`verify: csp — ${csp.length ? `${csp.length} problems` : `every page has the policy; no inline scripts, handlers or javascript: URLs`}`);
  return [...capped('link', links), ...capped('title', titles), ...capped('html', html.problems), ...capped('csp', csp)];
}

/**
 * The identifier values of private/identifier-values.json (read a value at a time: ~20M at 10M
 * requests) and how many the file listed; none when it is missing.
 */
export function knownValuesFrom(valuesFile: string): { known: KnownValues; listed: number } {
  if (!existsSync(valuesFile)) return { known: new KnownValues([]), listed: 0 };
  let listed = 0;
  const counted = function* (): Generator<string> {
    for (const v of readStringArray(valuesFile)) {
      listed++;
      yield v;
    }
  };
  // The file's size bounds the values' characters and, at six bytes a line at least, their number.
  const size = statSync(valuesFile).size;
  const known = new KnownValues(counted(), 3, { chars: size, values: Math.ceil(size / 6) });
  return { known, listed };
}

/** Personal-data findings listed one by one; the rest are counted by kind (a broken site can hold millions). */
const shownFindings = 50;
/** Counts with thousands separators, the same on every machine. */
const count = new Intl.NumberFormat('en-US');

/**
 * The personal-data scan of `dist` against patterns and the identifier values in `privateDir`. A
 * function of its own so that the values (~600 MB at 10M requests) can be freed before the page gates.
 */
async function personalData(dist: string, privateDir: string, log: (m: string) => void): Promise<string[]> {
  const problems: string[] = [];
  const valuesFile = join(privateDir, 'identifier-values.json');
  const { known, listed } = knownValuesFrom(valuesFile);
  if (listed === 0) log(`verify: no ${valuesFile}; scanning for patterns only`);
  const scan = await scanDirectory(dist, { allowDomains: allowedEmailDomains, known, limit: shownFindings });
  log(`verify: scanned ${scan.files} files (${(scan.bytes / 1e6).toFixed(1)} MB) for personal data; ${known.size} identifier values from ingest`);
  for (const f of scan.findings) problems.push(`${f.file}: ${f.kind} ${mask(f.match)} at offset ${f.index}`);
  if (scan.found > scan.findings.length) {
    const byKind = Object.entries(scan.foundByKind)
      .sort(([a, m], [b, n]) => n - m || (a < b ? -1 : 1))
      .map(([kind, n]) => `${kind} ${count.format(n)}`)
      .join('; ');
    const files = scan.foundByFile.size;
    problems.push(`… and ${count.format(scan.found - scan.findings.length)} more personal-data findings (${count.format(scan.found)} in ${count.format(files)} file${files === 1 ? '' : 's'}: ${byKind})`);
  }
  return problems;
}

/** Runs every check on `dist`; returns the problems found (empty when all is well). */
export async function verify(dist: string, privateDir: string, log: (m: string) => void): Promise<string[]> {
  const problems = await personalData(dist, privateDir, log);
  const qualityFile = join(dist, 'data', 'quality.json');
  if (existsSync(qualityFile)) problems.push(...checkQuality(JSON.parse(readFileSync(qualityFile, 'utf8')) as unknown));
  else problems.push(`${qualityFile} is missing: the data-quality report must be published`);
  if (existsSync(join(dist, 'index.html'))) {
    const weights = measurePages(dist);
    const heaviest = [...weights].sort((a, b) => b.html + b.css + b.js - (a.html + a.css + a.js))[0];
    if (heaviest) log(`verify: ${weights.length} pages; heaviest ${heaviest.page} at ${((heaviest.html + heaviest.css + heaviest.js) / 1024).toFixed(1)} KB gzip`);
    problems.push(...checkBudgets(weights));
    problems.push(...verifyPages(dist, log, resolve(dist) === projectDist ? htmlCacheFile : undefined));
  }
  return problems;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = process.argv.slice(2);
  const at = args.indexOf('--private');
  const privateDir = at >= 0 ? (args[at + 1] ?? 'private') : 'private';
  const dist = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--private') ?? 'dist';
  const problems = await verify(dist, privateDir, console.log);
  if (problems.length) {
    console.error(`verify: FAILED — ${problems.length} problem(s) in ${dist}/:`);
    for (const p of problems) console.error(`  ${p}`);
    console.error('Each problem names its fix. Personal data must never be published: fix the scrubbing or suppression that let it through, then rebuild.');
    process.exit(1);
  }
  console.log('verify: no personal data found; data-quality figures add up; page gates pass');
}
