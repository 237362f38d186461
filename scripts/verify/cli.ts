/**
 * The verify stage: `node scripts/verify/cli.ts [dist] [--private private]`.
 * Fails the build when dist/ holds anything that looks like personal data (naming file and kind,
 * never printing a value in full) or when the published data-quality figures do not add up.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { KnownValues, mask } from './detectors.ts';
import { scanDirectory } from './scan.ts';
import { checkQuality } from './quality.ts';
import { checkBudgets, measurePages } from './budgets.ts';

/** Email domains reserved for documentation (RFC 2606); the sample city's contacts use them. */
export const allowedEmailDomains = ['example.org', 'example.com', 'example.net'];

/** Runs every check on `dist`; returns the problems found (empty when all is well). */
export function verify(dist: string, privateDir: string, log: (m: string) => void): string[] {
  const problems: string[] = [];
  const valuesFile = join(privateDir, 'identifier-values.json');
  const values: string[] = existsSync(valuesFile) ? (JSON.parse(readFileSync(valuesFile, 'utf8')) as string[]) : [];
  if (values.length === 0) log(`verify: no ${valuesFile}; scanning for patterns only`);
  const known = new KnownValues(values);
  const scan = scanDirectory(dist, { allowDomains: allowedEmailDomains, known });
  log(`verify: scanned ${scan.files} files (${(scan.bytes / 1e6).toFixed(1)} MB) for personal data; ${known.size} identifier values from ingest`);
  for (const f of scan.findings.slice(0, 50)) problems.push(`${f.file}: ${f.kind} ${mask(f.match)} at offset ${f.index}`);
  if (scan.findings.length > 50) problems.push(`… and ${scan.findings.length - 50} more personal-data findings`);
  const qualityFile = join(dist, 'data', 'quality.json');
  if (existsSync(qualityFile)) problems.push(...checkQuality(JSON.parse(readFileSync(qualityFile, 'utf8')) as unknown));
  else problems.push(`${qualityFile} is missing: the data-quality report must be published`);
  if (existsSync(join(dist, 'index.html'))) {
    const weights = measurePages(dist);
    const heaviest = [...weights].sort((a, b) => b.html + b.css + b.js - (a.html + a.css + a.js))[0];
    if (heaviest) log(`verify: ${weights.length} pages; heaviest ${heaviest.page} at ${((heaviest.html + heaviest.css + heaviest.js) / 1024).toFixed(1)} KB gzip`);
    problems.push(...checkBudgets(weights));
  }
  return problems;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = process.argv.slice(2);
  const at = args.indexOf('--private');
  const privateDir = at >= 0 ? (args[at + 1] ?? 'private') : 'private';
  const dist = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--private') ?? 'dist';
  const problems = verify(dist, privateDir, console.log);
  if (problems.length) {
    console.error(`verify: FAILED — ${problems.length} problem(s) in ${dist}/:`);
    for (const p of problems) console.error(`  ${p}`);
    console.error('Personal data must never be published: fix the scrubbing or suppression that let it through, then rebuild.');
    process.exit(1);
  }
  console.log('verify: no personal data found; data-quality figures add up');
}
