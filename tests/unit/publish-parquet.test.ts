/**
 * The Parquet copies of the published tables, read back by DuckDB (an independent reader):
 * types from the dictionary, nulls, awkward text, several row groups, the request records as
 * published, clear errors for values that do not fit, same bytes for the same rows.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Derived } from '../../scripts/measure/derive.ts';
import { RecordsAccumulator } from '../../scripts/measure/records.ts';
import { typedColumnsOf } from '../../scripts/publish/dictionary.ts';
import { parquetBytes, ParquetTable, type ParquetColumn } from '../../scripts/publish/parquet.ts';
import { derivedItem, prng } from '../fixtures/anonymize/derived.ts';

const tmp = mkdtempSync(join(tmpdir(), 'glassbox-parquet-'));
let db: DuckDBInstance;
beforeAll(async () => {
  db = await DuckDBInstance.create(':memory:');
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Rows of `bytes` as DuckDB reads them (dates as YYYY-MM-DD text), and the column types it sees. */
async function read(name: string, bytes: Uint8Array): Promise<{ rows: Record<string, unknown>[]; types: Record<string, string>; groups: number; codecs: string[] }> {
  const path = join(tmp, name);
  writeFileSync(path, bytes);
  const conn = await db.connect();
  try {
    const described = (await conn.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet('${path}')`)).getRowObjectsJS();
    const types = Object.fromEntries(described.map((r) => [String(r['column_name']), String(r['column_type'])]));
    const dates = Object.entries(types).filter(([, t]) => t === 'DATE').map(([c]) => c);
    const select = Object.keys(types).map((c) => (dates.includes(c) ? `strftime("${c}", '%Y-%m-%d') AS "${c}"` : `"${c}"`)).join(', ');
    const rows = (await conn.runAndReadAll(`SELECT ${select} FROM read_parquet('${path}')`)).getRowObjectsJS();
    const meta = (await conn.runAndReadAll(`SELECT count(DISTINCT row_group_id) AS n, string_agg(DISTINCT compression, ',') AS codecs FROM parquet_metadata('${path}')`)).getRowObjectsJS();
    return { rows, types, groups: Number(meta[0]?.['n']), codecs: String(meta[0]?.['codecs']).split(',') };
  } finally {
    conn.closeSync();
  }
}

const COLUMNS: ParquetColumn[] = [
  { name: 'text', type: 'string' },
  { name: 'count', type: 'integer' },
  { name: 'rate', type: 'number' },
  { name: 'flag', type: 'boolean' },
  { name: 'day', type: 'date' },
  { name: 'month', type: 'month' },
];
const TEXTS = ['临江区', '咨询, 投诉', '"加急"\n换行', '=SUM(A1)', '', 'plain'];
const ROWS = Array.from({ length: 10 }, (_, i) => ({
  text: i === 3 ? null : TEXTS[i % TEXTS.length],
  count: i === 4 ? null : [0, 1, -1, 2 ** 31 - 1, -(2 ** 31)][i % 5],
  rate: i === 5 ? null : i === 6 ? Number.NaN : i / 7,
  flag: i === 7 ? null : i % 2 === 0,
  day: i === 8 ? null : `2026-0${1 + (i % 9)}-${String(1 + i * 3).padStart(2, '0')}`,
  month: `2026-${String(1 + i).padStart(2, '0')}`,
}));

describe('ParquetTable and parquetBytes(name, columns, rows, rowGroup)', () => {
  it('writes typed columns that DuckDB reads back value for value, over several row groups', async () => {
    const { rows, types, groups, codecs } = await read('all.parquet', parquetBytes('all', COLUMNS, ROWS, 3));
    // Not compressed, so the personal-data scan reads the text as it is (see parquet.ts).
    expect(codecs).toEqual(['UNCOMPRESSED']);
    expect(types).toEqual({ text: 'VARCHAR', count: 'INTEGER', rate: 'DOUBLE', flag: 'BOOLEAN', day: 'DATE', month: 'VARCHAR' });
    expect(groups).toBe(4);
    // What the CSV leaves empty (NaN, empty text) is null.
    expect(rows).toEqual(ROWS.map((r) => ({ ...r, text: r.text === '' ? null : r.text, rate: Number.isNaN(r.rate) ? null : r.rate })));
  });

  it('gives the same bytes for the same rows, whether streamed or built in memory, and keeps text readable to the leak scan', () => {
    const parts: Buffer[] = [];
    const table = new ParquetTable('all', COLUMNS, (b) => parts.push(b), 3);
    for (const r of ROWS) table.add(r);
    expect(table.end()).toBe(10);
    expect(parts.length).toBeGreaterThan(1);
    const streamed = Buffer.concat(parts);
    expect(streamed.equals(parquetBytes('all', COLUMNS, ROWS, 3))).toBe(true);
    // Pages are not compressed: every text value is in the file as UTF-8 (verify scans it).
    for (const t of TEXTS.filter((x) => x !== '')) expect(streamed.includes(Buffer.from(t, 'utf8')), t).toBe(true);
  });

  it('names the table, row and column of a value that does not fit its type', () => {
    const bad = (over: object) => () => parquetBytes('t', COLUMNS, [ROWS[0] ?? {}, { ...ROWS[1], ...over }]);
    expect(bad({ count: 2 ** 31 })).toThrow('t.parquet: row 2, column "count": 2147483648 is not a valid 32-bit integer');
    expect(bad({ count: 1.5 })).toThrow('column "count": 1.5 is not a valid 32-bit integer');
    expect(bad({ count: '3' })).toThrow('column "count": "3" is not a valid 32-bit integer');
    expect(bad({ day: '2026-02-30' })).toThrow('column "day": "2026-02-30" is not a valid date');
    expect(bad({ flag: 'true' })).toThrow('column "flag": "true" is not a valid boolean');
    expect(() => new ParquetTable('t', COLUMNS, () => {}, 0)).toThrow('rowGroup must be a positive integer');
  });
});

describe('requests.parquet', () => {
  it('holds the published request records, typed as the dictionary says', async () => {
    const rand = prng(11);
    const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
    const items: Derived[] = Array.from({ length: 4000 }, (_, i) => {
      const service = pick(['gaj-hukou', 'mzj-marriage', null]);
      return derivedItem(
        {
          id: String(i),
          source: service === null ? 'hotline' : 'hall',
          department: pick(['gaj', 'mzj']),
          service,
          category: pick(['户籍', '婚姻登记', '咨询, 投诉']),
          district: pick(['临江区', '青山区', null]),
          channel: pick(['online', 'in_person', 'phone'] as const),
          clientType: pick(['citizen', 'enterprise'] as const),
          status: pick(['closed', 'closed', 'open'] as const),
          rating: rand() < 0.4 ? pick([1, 2, 3, 4, 5] as const) : null,
        },
        `2026-${pick(['08', '09', '10'])}-${String(1 + Math.floor(rand() * 28)).padStart(2, '0')}`,
        rand() < 0.8 ? Math.floor(rand() * 25) : null,
      );
    });
    const acc = new RecordsAccumulator({ k: 2, city: '示例市' });
    for (const d of items) acc.add(d);
    const records = [...acc.finishTable().records];
    expect(records.length).toBeGreaterThan(1000);
    const columns = typedColumnsOf('requests');
    const { rows, types, groups } = await read('requests.parquet', parquetBytes('requests', columns, records, 1000));
    expect(groups).toBe(Math.ceil(records.length / 1000));
    expect(types['record']).toBe('INTEGER');
    expect(types['working_days']).toBe('INTEGER');
    expect(types['on_time']).toBe('BOOLEAN');
    /** A record's value as the CSV has it: empty text and missing values are empty, i.e. null. */
    const cell = (r: object, name: string): unknown => {
      const v = (r as Record<string, unknown>)[name];
      return v === '' || v === undefined ? null : v;
    };
    expect(rows).toEqual(records.map((r) => Object.fromEntries(columns.map((c) => [c.name, cell(r, c.name)]))));
  });
});
