/** Reads the committed summaries of earlier releases (data/releases/<YYYY-MM-DD>.json). */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PriorRelease } from '../anonymize/suppress.ts';
import type { ReleaseSummary } from './summary.ts';
import { priorRelease } from './suppression.ts';

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

/** The release before this one, and what its suppression record makes of it (null: none recorded). */
export interface EarlierRelease {
  release: string;
  prior: PriorRelease | null;
}

/**
 * The latest summary released before `asOf` (in `dir`), with its suppression record as the
 * PriorRelease measure protects against; null when there is no earlier release. A summary written
 * before releases recorded their suppression gives `prior: null` and a warning in the build log.
 */
export function earlierRelease(summaries: readonly ReleaseSummary[], asOf: string, dir: string, warn: (msg: string) => void): EarlierRelease | null {
  const latest = summaries.filter((s) => s.release < asOf).sort((a, b) => (a.release < b.release ? -1 : 1)).pop();
  if (!latest) return null;
  if (latest.suppression === undefined) {
    warn(`release ${latest.release} has no suppression record: cells are protected within this release only (${join(dir, `${latest.release}.json`)} was written before releases recorded one)`);
    return { release: latest.release, prior: null };
  }
  return { release: latest.release, prior: priorRelease(latest.suppression, latest.release, join(dir, `${latest.release}.json`)) };
}
