/** Reads the committed summaries of earlier releases (data/releases/<YYYY-MM-DD>.json). */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ReleaseSummary } from './summary.ts';

/** Every summary in `dir`, in file-name order; none when the folder is missing. */
export function loadReleaseSummaries(dir: string): ReleaseSummary[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => /^\d{4}-\d{2}-\d{2}\.json$/.test(f))
    .sort()
    .map((f) => {
      const s = JSON.parse(readFileSync(join(dir, f), 'utf8')) as ReleaseSummary;
      if (`${s.release}.json` !== f) throw new Error(`${join(dir, f)}: "release" is ${s.release}, expected ${f.slice(0, 10)} (the file name)`);
      return s;
    });
}
