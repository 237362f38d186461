/**
 * The previous release of guides and rules: committed snapshots in data/history/<YYYY-MM-DD>/
 * (guides.json, rules.json), written by scripts/guides/snapshot.ts after a release.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { rule, serviceGuide, type Rule, type ServiceGuide } from '../../src/lib/content-schema.ts';

export interface Snapshot {
  /** Release date of the snapshot (its folder name). */
  date: string;
  guides: ServiceGuide[];
  rules: Rule[];
}

/** The latest snapshot dated before `asOf`, or null when there is none. Throws naming a bad file. */
export function loadPreviousSnapshot(historyDir: string, asOf: string): Snapshot | null {
  if (!existsSync(historyDir)) return null;
  const dates = readdirSync(historyDir).filter((d) => /^\d{4}-\d{2}-\d{2}$/.test(d) && d < asOf).sort();
  const date = dates[dates.length - 1];
  if (date === undefined) return null;
  const read = <T,>(name: string, schema: z.ZodType<T>): T[] => {
    const path = join(historyDir, date, name);
    if (!existsSync(path)) return [];
    const parsed = z.array(schema).safeParse(JSON.parse(readFileSync(path, 'utf8')));
    if (!parsed.success) {
      const i = parsed.error.issues[0];
      throw new Error(`${path}: entry ${String(i?.path[0] ?? '?')} field "${i?.path.slice(1).join('.') ?? ''}": ${i?.message ?? 'invalid'}`);
    }
    return parsed.data;
  };
  return { date, guides: read('guides.json', serviceGuide), rules: read('rules.json', rule) };
}
