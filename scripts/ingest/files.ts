/**
 * Opens a source's export(s) whatever the format: CSV (streamed), JSON, Open311 (saved
 * requests.json or an endpoint) and .xlsx, each as a header and batches of string rows.
 * A glob path gives one entry per matching file, in name order.
 */
import { existsSync, globSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readSheet } from 'read-excel-file/node';
import type { SourceConfig } from './config.ts';
import { openCsv, type CsvRow } from './csv.ts';
import { detectEncoding } from './encoding.ts';
import { defaultFetchEffects, fetchOpen311, type FetchEffects } from './open311.ts';
import { cellText, open311Keys, recordArray, recordsToRows, withOpen311ClosedTime } from './records.ts';

/** One opened file (or endpoint) of a source. */
export interface SourceFile {
  /** The path relative to the data directory, or the endpoint URL. */
  file: string;
  header: string[];
  batches: AsyncGenerator<CsvRow[]>;
}

export interface OpenOptions {
  chunkSize?: number;
  onBytes?: (n: number) => void;
  fetch?: FetchEffects;
}

/** The files a source's `path` names (a glob is expanded, sorted); throws with a hint when none exist. */
export function sourcePaths(dataDir: string, s: SourceConfig): string[] {
  if (/[*?[{]/.test(s.path)) {
    const found = globSync(s.path, { cwd: dataDir }).map(String).sort();
    if (found.length) return found;
  } else if (existsSync(join(dataDir, s.path))) return [s.path];
  throw new Error(
    `${join(dataDir, s.path)}: raw export of source "${s.name}" not found (hint: run \`npm run sample\` for the sample city, or fix "path" in data/sources/${s.name}.yaml)`,
  );
}

async function* once(rows: CsvRow[]): AsyncGenerator<CsvRow[]> {
  if (rows.length) yield rows;
}

/** Decodes a whole (small) file strictly, honouring `auto`. */
function readText(path: string, encoding: string): string {
  const bytes = readFileSync(path);
  const enc = encoding === 'auto' ? detectEncoding(bytes) : encoding;
  try {
    return new TextDecoder(enc, { fatal: true }).decode(bytes);
  } catch (e) {
    throw new Error(`${path}: the bytes are not valid ${enc} (hint: set "encoding" in the source description)`, { cause: e });
  }
}

/** Excel cell → text; dates become Excel serial numbers (declare the column's format as "excel"). */
function excelCell(v: unknown): string {
  if (v instanceof Date) return String((v.getTime() - Date.UTC(1899, 11, 30)) / 86_400_000);
  return cellText(v);
}

async function openXlsx(path: string, file: string, s: SourceConfig): Promise<SourceFile> {
  let data: unknown[][];
  try {
    data = (await readSheet(path, s.sheet ?? 1)) as unknown[][];
  } catch (e) {
    throw new Error(`${path}: cannot read sheet ${JSON.stringify(s.sheet ?? 1)}: ${(e as Error).message} (hint: set "sheet" to a sheet name or number)`, { cause: e });
  }
  const headerAt = s.headerRow - 1;
  const head = data[headerAt];
  if (!head) throw new Error(`${path}: no header at row ${s.headerRow} (hint: set "headerRow")`);
  const header = head.map((c) => excelCell(c).trim());
  const rows: CsvRow[] = [];
  for (let i = headerAt + 1; i < data.length; i++) {
    const fields = (data[i] ?? []).map(excelCell);
    if (fields.every((f) => f === '')) continue;
    // Row numbers are spreadsheet rows below the header, so row 1 is the first data row.
    rows.push({ row: i - headerAt, fields: header.map((_, j) => fields[j] ?? '') });
  }
  return { file, header, batches: once(rows) };
}

/** Opens every file of source `s` in turn. */
export async function* openSource(dataDir: string, s: SourceConfig, opts: OpenOptions = {}): AsyncGenerator<SourceFile> {
  if (s.format === 'open311' && s.url) {
    const records = await fetchOpen311(
      { url: s.url, start: s.window?.start ?? '', end: s.window?.end ?? '', pageSize: s.pageSize, retries: s.retries },
      opts.fetch ?? defaultFetchEffects,
    );
    const { header, rows } = recordsToRows(withOpen311ClosedTime(records), open311Keys);
    yield { file: s.url, header, batches: once(rows) };
    return;
  }
  for (const file of sourcePaths(dataDir, s)) {
    const path = join(dataDir, file);
    if (s.format === 'csv') {
      const csv = await openCsv(path, { encoding: s.encoding, delimiter: s.delimiter, ...(opts.chunkSize ? { chunkSize: opts.chunkSize } : {}), ...(opts.onBytes ? { onBytes: opts.onBytes } : {}) });
      yield { file, header: csv.header, batches: csv.batches };
    } else if (s.format === 'xlsx') {
      yield await openXlsx(path, file, s);
    } else {
      let value: unknown;
      try {
        value = JSON.parse(readText(path, s.encoding));
      } catch (e) {
        if (e instanceof SyntaxError) throw new Error(`${path}: not valid JSON: ${e.message}`, { cause: e });
        throw e;
      }
      const records = recordArray(path, value, s.records);
      const { header, rows } = s.format === 'open311' ? recordsToRows(withOpen311ClosedTime(records), open311Keys) : recordsToRows(records);
      yield { file, header, batches: once(rows) };
    }
  }
}
