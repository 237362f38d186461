import { describe, expect, it } from 'vitest';
import { gunzipSync } from 'node:zlib';
import type { Derived } from '../../scripts/measure/derive.ts';
import { RecordsAccumulator } from '../../scripts/measure/records.ts';
import { GrowingBytes, freeNow } from '../../scripts/publish/growing-bytes.ts';
import { toCsv, type Cell } from '../../scripts/publish/csv.ts';
import { columnsOf } from '../../scripts/publish/dictionary.ts';
import { GZIP_MAX_INPUT, gzipDeterministic } from '../../scripts/publish/gzip.ts';
import { jsonLiner, largeTableFiles } from '../../scripts/publish/large.ts';
import { pickColumns } from '../../scripts/publish/json.ts';
import { derivedItem, prng } from '../fixtures/anonymize/derived.ts';

/** The large-table files as publish wrote them before largeTableFiles: whole strings over picked copies. */
function reference(columns: readonly string[], rows: readonly object[]): { csv: Buffer; csvGz: Buffer; jsonlGz: Buffer } {
  const picked = pickColumns(columns, rows);
  const csv = Buffer.from(toCsv(columns, picked as Record<string, Cell>[]), 'utf8');
  return { csv, csvGz: gzipDeterministic(csv), jsonlGz: gzipDeterministic(Buffer.from(picked.map((r) => JSON.stringify(r) + '\n').join(''), 'utf8')) };
}

function expectSameFiles(actual: { csv: Buffer; csvGz: Buffer; jsonlGz: Buffer }, expected: { csv: Buffer; csvGz: Buffer; jsonlGz: Buffer }, label: string): void {
  expect(actual.csv.toString('utf8'), label).toBe(expected.csv.toString('utf8'));
  expect(gunzipSync(actual.jsonlGz).toString('utf8'), label).toBe(gunzipSync(expected.jsonlGz).toString('utf8'));
  expect(actual.csv.equals(expected.csv), label).toBe(true);
  expect(actual.csvGz.equals(expected.csvGz), label).toBe(true);
  expect(actual.jsonlGz.equals(expected.jsonlGz), label).toBe(true);
}

// Made-up requests of a small city, kept k-anonymous by the records accumulator.
const DISTRICTS = ['临江区', '青山区', '白沙区', null];
const SERVICES = ['gaj-hukou', 'mzj-marriage', 'rsj-pension', null];
const CATEGORIES = ['户籍', '婚姻登记', '咨询, 投诉', '=求助', '"加急"'];

function requests(seed: number, n: number): Derived[] {
  const rand = prng(seed);
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  return Array.from({ length: n }, (_, i) => {
    const service = pick(SERVICES);
    const d = derivedItem(
      {
        id: String(i),
        source: service === null ? 'hotline' : 'hall',
        department: pick(['gaj', 'mzj', 'rsj']),
        service,
        category: pick(CATEGORIES),
        district: pick(DISTRICTS),
        channel: pick(['online', 'in_person', 'phone'] as const),
        clientType: pick(['citizen', 'citizen', 'enterprise', 'government'] as const),
        status: pick(['closed', 'closed', 'open', 'rejected'] as const),
        rating: rand() < 0.4 ? pick([1, 2, 3, 4, 5] as const) : null,
      },
      `2026-${pick(['08', '09', '10'])}-${String(1 + Math.floor(rand() * 28)).padStart(2, '0')}`,
      rand() < 0.8 ? Math.floor(rand() * 25) : null,
    );
    return { ...d, onTime: d.closed && rand() < 0.8 ? rand() < 0.85 : null };
  });
}

function recordTable(seed: number, n: number) {
  const acc = new RecordsAccumulator({ k: 2, city: '示例市' });
  for (const d of requests(seed, n)) acc.add(d);
  return acc.finishTable().records;
}

describe('largeTableFiles(columns, rows, flushAt)', () => {
  const columns = columnsOf('requests');

  it('writes the bytes of the whole-string path for the published records, however often the text is encoded', () => {
    const table = recordTable(1, 2000);
    expect(table.length).toBeGreaterThan(500); // the case is not vacuous
    const expected = reference(columns, Array.from(table));
    for (const flushAt of [1, 7, 256, 4096, undefined]) expectSameFiles(largeTableFiles(columns, table, flushAt), expected, `flush at ${flushAt ?? 'default'}`);
  });

  it('writes the same bytes from an array of records and from the table', () => {
    const table = recordTable(2, 500);
    expectSameFiles(largeTableFiles(columns, Array.from(table), 64), largeTableFiles(columns, table, 64), 'array vs table');
  });

  it('picks, orders, escapes and fills columns as pickColumns, toCsv and JSON.stringify do', () => {
    const cols = ['b', '10', 'a', '2', 'missing', 'a'];
    const rows: object[] = [
      { a: 'say "hi", \\ 你好\n', b: -0, 2: '=1+1', 10: 1e21, extra: 'not published' },
      { a: '😀 \u0001 \u2028', b: 1e-7, 2: null, 10: true },
      { a: 'lone \ud800 surrogate', b: undefined, 2: '@x', 10: false, missing: null },
      { a: '', b: 0.1 + 0.2, 2: '\tx', 10: -3 },
    ];
    for (const flushAt of [1, 3, 1 << 20]) expectSameFiles(largeTableFiles(cols, rows, flushAt), reference(cols, rows), `flush at ${flushAt}`);
  });

  it('writes the header alone and an empty JSON-lines file for no rows', () => {
    const files = largeTableFiles(columns, []);
    expectSameFiles(files, reference(columns, []), 'no rows');
    expect(gunzipSync(files.jsonlGz).byteLength).toBe(0);
  });
});

describe('jsonLiner(columns)', () => {
  it('writes JSON.stringify of the picked row, key order included', () => {
    const cols = ['name', '7', 'when', 'n', '0', 'name'];
    const line = jsonLiner(cols);
    const rows: object[] = [
      { name: '张三 "x"', 7: NaN, when: '2026-10-31', n: Infinity, 0: 'zero' },
      { name: null, 7: -0, when: new Date(Date.UTC(2026, 9, 31)), n: 5e-7 },
      { name: 'x', 7: 1, when: { nested: [1, 'a'] }, n: 2, 0: () => 1 },
      { name: 'y', 7: 2, when: { toJSON: (key: string) => `key:${key}` }, n: 3 },
    ];
    for (const row of rows) expect(line(row)).toBe(JSON.stringify(pickColumns(cols, [row])[0]) + '\n');
    expect(jsonLiner([])({ a: 1 })).toBe('{}\n');
  });

  it('stays exact past the number of text values it remembers', () => {
    const line = jsonLiner(['v']);
    for (let i = 0; i < 70_000; i += 1) {
      const row = { v: i % 3 ? `区${i}` : `"${i}"\n` };
      if (i % 997 === 0 || i > 69_990) expect(line(row)).toBe(JSON.stringify(row) + '\n');
      else line(row);
    }
  });
});

describe('GrowingBytes({ flushAt, maxBytes })', () => {
  const texts = ['header\r\n', '临江区,😀\r\n', '', 'x'.repeat(50), '\r\n', 'lone \ud800 surrogate\r\n', '末行\r\n'];

  it('holds the UTF-8 bytes of everything appended, in order', () => {
    for (const flushAt of [1, 2, 10, 1 << 20]) {
      const out = new GrowingBytes({ flushAt });
      for (const t of texts) out.append(t);
      const expected = Buffer.from(texts.join(''), 'utf8');
      expect(out.byteLength).toBe(expected.byteLength);
      const bytes = out.toBuffer();
      expect(bytes.equals(expected)).toBe(true);
      expect(bytes.buffer.byteLength).toBe(expected.byteLength); // trimmed to the bytes, not to the room reserved
      expect(() => out.append('more')).toThrow(/after toBuffer/);
    }
  });

  it('fills up to maxBytes exactly and refuses a byte more', () => {
    const expected = Buffer.from(texts.join(''), 'utf8');
    const exact = new GrowingBytes({ flushAt: 1, maxBytes: expected.byteLength });
    for (const t of texts) exact.append(t);
    expect(exact.toBuffer().equals(expected)).toBe(true);
    const over = new GrowingBytes({ flushAt: 1, maxBytes: expected.byteLength - 1 });
    expect(() => {
      for (const t of texts) over.append(t);
    }).toThrow(/publish the table in parts/);
  });

  it('rejects flushAt below 1', () => {
    expect(() => new GrowingBytes({ flushAt: 0 })).toThrow(/at least 1/);
  });
});

describe('gzipDeterministic(bytes)', () => {
  it('refuses input past 4 GiB instead of letting zlib truncate it', () => {
    // A stand-in with only the length: allocating 4 GiB in a unit test is not worth it.
    const huge = { byteLength: GZIP_MAX_INPUT + 1 } as unknown as Uint8Array;
    expect(() => gzipDeterministic(huge)).toThrow(/4 GiB/);
  });
});

describe('freeNow(bytes)', () => {
  it('frees a buffer that owns its memory, and leaves pooled slices and views alone', () => {
    const own = Buffer.from('临江区,'.repeat(2000), 'utf8');
    expect(freeNow(own)).toBe(true);
    expect(own.byteLength).toBe(0);
    const pooled = Buffer.from('small', 'utf8');
    const neighbour = Buffer.from('other', 'utf8');
    expect(pooled.buffer.byteLength).toBeGreaterThan(pooled.byteLength); // a slice of Node's pool
    expect(freeNow(pooled)).toBe(false);
    expect(neighbour.toString('utf8')).toBe('other');
    const whole = Buffer.alloc(10_000, 1);
    expect(freeNow(whole.subarray(1))).toBe(false);
    expect(whole[5]).toBe(1);
  });
});
