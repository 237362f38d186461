/**
 * Reads back the full raw rows of quarantined input rows, for the data steward's private
 * quarantine file only (ingest keeps just the fields at fault). Uses ingest's own source
 * descriptions and CSV reader, so encodings and delimiters match.
 */
import { join } from 'node:path';
import { loadSources } from '../ingest/config.ts';
import { openCsv } from '../ingest/csv.ts';
import type { Quarantined } from '../ingest/canonical.ts';
import { rawRowKey } from './index.ts';

/** Full raw rows ("column=value; …") of the quarantined rows, keyed by rawRowKey. */
export async function readRawRows(dataDir: string, quarantined: readonly Quarantined[]): Promise<Map<string, string>> {
  const wanted = new Map<string, Set<number>>();
  for (const q of quarantined) {
    const set = wanted.get(q.source) ?? new Set<number>();
    set.add(q.row);
    wanted.set(q.source, set);
  }
  const out = new Map<string, string>();
  if (wanted.size === 0) return out;
  for (const s of loadSources(join(dataDir, 'sources'))) {
    const rows = wanted.get(s.name);
    if (!rows) continue;
    const csv = await openCsv(join(dataDir, s.path), { encoding: s.encoding, delimiter: s.delimiter });
    for await (const batch of csv.batches) {
      for (const r of batch) {
        if (!rows.has(r.row)) continue;
        const width = Math.max(csv.header.length, r.fields.length);
        const parts: string[] = [];
        for (let i = 0; i < width; i++) parts.push(`${csv.header[i] ?? `#${i + 1}`}=${r.fields[i] ?? ''}`);
        out.set(rawRowKey(s.name, r.row), parts.join('; '));
      }
    }
  }
  return out;
}
