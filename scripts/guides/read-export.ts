/** Reads the rows of a structured guide export (JSON, JSON Lines or Excel) as plain objects keyed by raw names. */
import { readFileSync } from 'node:fs';
import { readSheet } from 'read-excel-file/node';
import type { GuideMapping } from './mapping.ts';

/** One raw guide with its 1-based row (line, list index or sheet row below the header). */
export interface RawGuide {
  row: number;
  data: Record<string, unknown>;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Rows of a JSON document; `records` is the dotted path of the list ("" = the document). */
export function rowsFromJson(file: string, text: string, records: string): RawGuide[] {
  let node: unknown = JSON.parse(text.replace(/^\uFEFF/, ''));
  for (const key of records.split('.').filter(Boolean)) node = isRecord(node) ? node[key] : undefined;
  if (!Array.isArray(node)) throw new Error(`${file}: expected a list of guides${records ? ` at "${records}"` : ''}`);
  return node.map((data, i) => {
    if (!isRecord(data)) throw new Error(`${file}: guide ${i + 1} is not an object`);
    return { row: i + 1, data };
  });
}

/** Rows of a JSON Lines text; blank lines are skipped, a bad line throws naming its number. */
export function rowsFromJsonl(file: string, text: string): RawGuide[] {
  const out: RawGuide[] = [];
  text.replace(/^\uFEFF/, '').split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === '') return;
    let data: unknown;
    try {
      data = JSON.parse(line);
    } catch (error) {
      throw new Error(`${file}: line ${i + 1} is not valid JSON (${(error as Error).message})`, { cause: error });
    }
    if (!isRecord(data)) throw new Error(`${file}: line ${i + 1} is not a JSON object`);
    out.push({ row: i + 1, data });
  });
  return out;
}

/** Rows of a sheet given as cells (first row = header); empty rows are skipped. */
export function rowsFromCells(cells: readonly (readonly unknown[])[]): RawGuide[] {
  const [header = [], ...body] = cells;
  const keys = header.map((h) => (h === null || h === undefined ? '' : String(h).trim()));
  const out: RawGuide[] = [];
  body.forEach((r, i) => {
    if (r.every((c) => c === null || c === undefined || c === '')) return;
    const data: Record<string, unknown> = {};
    keys.forEach((k, j) => {
      const v = r[j];
      if (k !== '' && v !== null && v !== undefined) data[k] = v instanceof Date ? v.toISOString().slice(0, 10) : v;
    });
    out.push({ row: i + 1, data });
  });
  return out;
}

/** Reads the export a mapping points to. */
export async function readExport(path: string, mapping: GuideMapping): Promise<RawGuide[]> {
  if (mapping.format === 'xlsx') {
    const cells = await readSheet(readFileSync(path), mapping.sheet ?? 1);
    return rowsFromCells(cells);
  }
  const text = readFileSync(path, 'utf8');
  return mapping.format === 'json' ? rowsFromJson(path, text, mapping.records) : rowsFromJsonl(path, text);
}
