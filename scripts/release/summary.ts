/**
 * A release's fingerprint: rows, columns and sha256 per dataset, plus short hashes of the rows of
 * small tables that can be revised. Committed under data/releases/<date>.json so that the next
 * release can say what changed.
 */
import { createHash } from 'node:crypto';
import { tableKeys } from '../publish/keys.ts';
import { sha256 } from '../publish/hash.ts';
import { bytesOf, type PublishedFile } from '../publish/stored-file.ts';
import type { Dictionary } from '../../src/lib/published.ts';
import type { SuppressionRecord } from './suppression.ts';

export interface DatasetSummary {
  rows: number;
  columns: string[];
  sha256: string;
  /** Primary key ("a|b") -> first 12 hex digits of the row's sha256, for revisable small tables. */
  rowHashes?: Record<string, string>;
}

export interface ReleaseSummary {
  release: string;
  methodologyVersion: string;
  datasets: Record<string, DatasetSummary>;
  /** What the next release needs to stay consistent with this one's suppression (suppression.ts); absent in summaries written before it. */
  suppression?: SuppressionRecord;
}

/** Tables whose past rows may be revised (late closures, corrected guides); the others roll with the period. */
export const REVISABLE = ['departments', 'services', 'guides', 'city-month', 'department-month'];

/** Tables with more rows than this keep no row hashes (keeps the committed summary small). */
export const MAX_HASHED_ROWS = 1000;

/** Records in an RFC 4180 document (CRLF outside quotes), less the header. */
export function csvRecords(bytes: Uint8Array): number {
  let quoted = false;
  let lines = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b === 0x22) quoted = !quoted;
    else if (b === 0x0a && !quoted) lines++;
  }
  return Math.max(0, lines - 1);
}

/** csvRecords of a published CSV (a file written while it was made counted its records then). */
function recordsOf(name: string, csv: PublishedFile): number {
  if (csv instanceof Uint8Array) return csvRecords(csv);
  if (csv.csvRecords === undefined) throw new Error(`${name} was written beforehand without its record count`);
  return csv.csvRecords;
}

/** Summarizes the CSV datasets of a publication (JSON twins give the row hashes), with its suppression record when given. */
export function summarize(
  files: ReadonlyMap<string, PublishedFile>,
  dictionary: Dictionary,
  release: string,
  methodologyVersion: string,
  suppression?: SuppressionRecord,
): ReleaseSummary {
  const datasets: Record<string, DatasetSummary> = {};
  for (const name of Object.keys(dictionary).sort()) {
    const csv = files.get(`${name}.csv`);
    if (!csv) continue;
    const entry: DatasetSummary = { rows: recordsOf(`${name}.csv`, csv), columns: (dictionary[name]?.columns ?? []).map((c) => c.name), sha256: sha256(csv) };
    const json = files.get(`${name}.json`);
    const pk = tableKeys[name]?.primaryKey;
    if (json && pk && REVISABLE.includes(name) && entry.rows <= MAX_HASHED_ROWS) {
      const rows = JSON.parse(Buffer.from(bytesOf(json)).toString('utf8')) as Record<string, unknown>[];
      entry.rowHashes = Object.fromEntries(
        rows.map((r) => [pk.map((k) => String(r[k])).join('|'), createHash('sha256').update(JSON.stringify(r)).digest('hex').slice(0, 12)]),
      );
    }
    datasets[name] = entry;
  }
  return { release, methodologyVersion, datasets, ...(suppression ? { suppression } : {}) };
}
