/**
 * `npm run data:check -- data/sources/<file>.yaml [...]`: validates source descriptions and
 * prints each one's ingest report (rows read, published, quarantined by reason, warnings)
 * without building the site. Exit code 1 on any error or when a row is lost.
 * With no argument, checks every source in data/sources.
 */
import { existsSync, readdirSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { loadDepartments } from './config/departments.ts';
import { loadSite } from './config/site.ts';
import { loadGuideStage } from './guides/index.ts';
import { loadSourceFile } from './ingest/config.ts';
import { ingestAll, reasonText, type IngestResult } from './ingest/index.ts';

/** The report lines for one ingest run. */
export function reportLines(r: IngestResult): string[] {
  const out: string[] = [];
  for (const s of r.sources) {
    out.push(`${s.source} (${s.file}): ${s.rowsIn} rows read = ${s.published} published + ${s.quarantined} quarantined`);
    for (const [reason, n] of Object.entries(s.byReason)) out.push(`  ${reason}: ${n} — ${reasonText[reason]?.en ?? ''}`);
  }
  const shown = new Map<string, number>();
  for (const q of r.quarantined) {
    const k = `${q.source}:${q.reason}`;
    const n = shown.get(k) ?? 0;
    shown.set(k, n + 1);
    if (n < 3) out.push(`  e.g. ${q.file} row ${q.row}${q.column ? `, column "${q.column}"` : ''}: ${q.reason}`);
  }
  for (const d of r.created?.departments ?? []) out.push(`created department ${d.id} ← "${d.raw}"`);
  for (const v of r.created?.services ?? []) out.push(`created service ${v.id} ← "${v.raw}"`);
  for (const w of r.warnings) out.push(`warning: ${w}`);
  return out;
}

async function main(args: readonly string[]): Promise<number> {
  const files = args.length ? args : readdirSync('data/sources').filter((n) => /\.ya?ml$/.test(n)).map((n) => join('data/sources', n));
  let failed = false;
  for (const file of files) {
    try {
      const config = loadSourceFile(resolve(file));
      const dataDir = dirname(dirname(resolve(file)));
      if (basename(dirname(resolve(file))) !== 'sources') throw new Error(`${file}: source descriptions live in <data>/sources/ (hint: data/sources/${basename(file)})`);
      const site = loadSite(join(dataDir, 'site.yaml'));
      const departments = existsSync(join(dataDir, 'departments.yaml')) ? loadDepartments(join(dataDir, 'departments.yaml')) : [];
      const guides = existsSync(join(dataDir, 'services')) ? (await loadGuideStage({ dataDir, asOf: site.asOf, departments })).guides : [];
      // Ratings and feedback are checked against the request sources they refer to.
      const only = [config.name, ...(config.targets ?? [])];
      const result = await ingestAll({ dataDir, asOf: site.asOf, timezone: site.timezone, departments, guides, only });
      const lines = reportLines({ ...result, sources: result.sources.filter((s) => s.source === config.name), quarantined: result.quarantined.filter((q) => q.source === config.name) });
      console.log(`${file}: OK\n${lines.map((l) => `  ${l}`).join('\n')}`);
    } catch (e) {
      failed = true;
      console.error(`${file}: FAILED\n  ${(e as Error).message.split('\n').join('\n  ')}`);
    }
  }
  return failed ? 1 : 0;
}

if (import.meta.main) process.exitCode = await main(process.argv.slice(2).filter((a) => a !== '--'));
