/**
 * CLI: keeps this release's guides and rules as the "previous release" for the next build:
 *   node scripts/guides/snapshot.ts [--from public/data] [--to data/history] [--date YYYY-MM-DD]
 * Converts guides-full.jsonl and rules-full.jsonl of the published folder into <to>/<date>/guides.json and rules.json
 * (date: the release's as-of date from meta.json). Commit the folder with the release.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Parses --from, --to and --date; throws on an unknown flag. */
export function parseSnapshotArgs(argv: readonly string[]): { from: string; to: string; date: string } {
  const out = { from: 'public/data', to: 'data/history', date: '' };
  for (let i = 0; i < argv.length; i += 2) {
    const key = argv[i]?.replace(/^--/, '');
    const value = argv[i + 1];
    if ((key !== 'from' && key !== 'to' && key !== 'date') || value === undefined) throw new Error(`usage: node scripts/guides/snapshot.ts [--from public/data] [--to data/history] [--date YYYY-MM-DD]`);
    out[key] = value;
  }
  return out;
}

if (import.meta.main) {
  try {
    const args = parseSnapshotArgs(process.argv.slice(2));
    const date = args.date || (JSON.parse(readFileSync(join(args.from, 'meta.json'), 'utf8')) as { asOf: string }).asOf;
    const dir = join(args.to, date);
    mkdirSync(dir, { recursive: true });
    for (const name of ['guides', 'rules']) {
      const rows = readFileSync(join(args.from, `${name}-full.jsonl`), 'utf8').split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as unknown);
      writeFileSync(join(dir, `${name}.json`), JSON.stringify(rows, null, 2) + '\n');
    }
    console.log(`snapshot: wrote ${dir}/guides.json and rules.json`);
  } catch (error) {
    console.error(`snapshot failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  }
}
