/**
 * Files of a large table (the request-level records): CSV, its gzip and gzipped JSON lines,
 * from one pass over the rows. Columns are picked while formatting (no copy of any row) and
 * the text is encoded ~1 MiB at a time into buffers grown in place (growing-bytes.ts), so
 * neither an array of row copies, nor a string as big as a file, nor a second copy of a file is
 * ever built. The bytes are exactly those of the small-table path:
 * toCsv(columns, pickColumns(columns, rows)) and one JSON.stringify(picked row) per line.
 */
import { FLUSH_AT, GrowingBytes, freeNow } from './growing-bytes.ts';
import { csvHeader, csvLiner, type Cell } from './csv.ts';
import { gzipDeterministic } from './gzip.ts';
import { pickColumns } from './json.ts';
import { ParquetTable } from './parquet.ts';

export interface LargeTableFiles {
  /** `<dataset>.csv`. */
  csv: Buffer;
  /** `<dataset>.csv.gz`: the CSV gzipped. */
  csvGz: Buffer;
  /** `<dataset>.jsonl.gz`: one compact JSON object per row and line, gzipped. */
  jsonlGz: Buffer;
  /** `<dataset>.parquet` (parquet.ts), when the columns' types are given. */
  parquet?: Buffer;
}

/** Distinct text values whose JSON a line formatter remembers. */
const MEMO_MAX = 1 << 16;

/**
 * A formatter of JSON.stringify(pickColumns(columns, [row])[0]) + '\n' that builds no picked
 * object: each value is written as JSON.stringify writes it inside the object, after the key
 * prefix, with text values quoted once per distinct value.
 */
export function jsonLiner(columns: readonly string[]): (row: object) => string {
  // The picked object's own key order (integer-like keys first, repeats once), which JSON.stringify follows.
  const keys = Object.keys(pickColumns(columns, [{}])[0] ?? {});
  const prefixes = keys.map((k, j) => (j === 0 ? '{' : ',') + JSON.stringify(k) + ':');
  const memo = new Map<string, string>();
  return (row) => {
    if (keys.length === 0) return '{}\n';
    const r = row as Record<string, unknown>;
    let line = '';
    for (let j = 0; j < keys.length; j++) {
      const v = r[keys[j] as string] ?? null;
      let text: string;
      if (v === null) text = 'null';
      else if (typeof v === 'string') {
        const known = memo.get(v);
        text = known ?? JSON.stringify(v);
        if (known === undefined && memo.size < MEMO_MAX) memo.set(v, text);
      } else if (typeof v === 'number') text = Number.isFinite(v) ? String(v) : 'null';
      else if (typeof v === 'boolean') text = v ? 'true' : 'false';
      // Anything else (objects: toJSON gets the key there) as JSON.stringify writes the picked row itself.
      else return JSON.stringify(pickColumns(columns, [row])[0]) + '\n';
      line += (prefixes[j] as string) + text;
    }
    return line + '}\n';
  };
}

/**
 * The CSV, CSV gzip and JSON-lines gzip of `rows` over `columns`, and with `parquet` (the
 * dataset's name and typed columns) its Parquet file, in one pass (rows are read once, in order).
 */
export function largeTableFiles(
  columns: readonly string[],
  rows: Iterable<object>,
  flushAt = FLUSH_AT,
  parquet?: { name: string; columns: ConstructorParameters<typeof ParquetTable>[1] },
): LargeTableFiles {
  const csv = new GrowingBytes({ flushAt });
  const jsonl = new GrowingBytes({ flushAt });
  const csvLine = csvLiner(columns);
  const jsonLine = jsonLiner(columns);
  const parquetParts: Buffer[] = [];
  const table = parquet ? new ParquetTable(parquet.name, parquet.columns, (b) => parquetParts.push(b)) : null;
  csv.append(csvHeader(columns));
  for (const row of rows) {
    csv.append(csvLine(row as Readonly<Record<string, Cell>>));
    jsonl.append(jsonLine(row));
    table?.add(row);
  }
  table?.end();
  const jsonlBytes = jsonl.toBuffer();
  const jsonlGz = gzipDeterministic(jsonlBytes);
  freeNow(jsonlBytes);
  const csvBytes = csv.toBuffer();
  return { csv: csvBytes, csvGz: gzipDeterministic(csvBytes), jsonlGz, ...(table ? { parquet: Buffer.concat(parquetParts) } : {}) };
}
