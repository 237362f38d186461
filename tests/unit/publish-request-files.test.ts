import { afterAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RequestRecord } from '../../src/lib/published.ts';
import type { Derived } from '../../scripts/measure/derive.ts';
import { RecordsAccumulator } from '../../scripts/measure/records.ts';
import { columnsOf, typedColumnsOf } from '../../scripts/publish/dictionary.ts';
import { GzipStream, gzipDeterministic, patchGzipHeader } from '../../scripts/publish/gzip.ts';
import { largeTableFiles } from '../../scripts/publish/large.ts';
import { writeRequestFiles } from '../../scripts/publish/request-files.ts';
import type { PublishedFile } from '../../scripts/publish/stored-file.ts';
import { fsEffects, writeFiles, writeFolder } from '../../scripts/publish/write.ts';
import { OPEN311_REQUESTS, open311RequestsJson, open311ServiceNames } from '../../scripts/release/open311.ts';
import { csvRecords } from '../../scripts/release/summary.ts';
import { derivedItem, prng } from '../fixtures/anonymize/derived.ts';

const tmp = mkdtempSync(join(tmpdir(), 'glassbox-request-files-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const open = (path: string) => {
  const o = fsEffects.open;
  if (!o) throw new Error('fsEffects.open is missing');
  return o(path);
};
const sha = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

// Made-up requests of a small city (texts to escape included), kept k-anonymous by the records accumulator.
const DISTRICTS = ['临江区', '青山区', '白沙区 "北"', null];
const SERVICES = ['gaj-hukou', 'mzj-marriage', 'rsj-pension', null];
const CATEGORIES = ['户籍', '婚姻登记', '咨询, 投诉', '=求助', '"加急"\n换行'];

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

const names = open311ServiceNames([
  { id: 'gaj-hukou', name_en: 'Household registration', name_zh: '户口' },
  { id: 'mzj-marriage', name_en: '', name_zh: '婚姻 "登记"' },
]);
const columns = columnsOf('requests');
const typedColumns = typedColumnsOf('requests');

/** The files as the in-memory path makes them. */
function expected(records: Iterable<RequestRecord> & { length: number }): Map<string, Buffer> {
  const files = largeTableFiles(columns, records, undefined, { name: 'requests', columns: typedColumns });
  if (!files.parquet) throw new Error('largeTableFiles made no Parquet file');
  return new Map([
    ['requests.csv', files.csv],
    ['requests.csv.gz', files.csvGz],
    ['requests.jsonl.gz', files.jsonlGz],
    ['requests.parquet', files.parquet],
    [OPEN311_REQUESTS, gzipDeterministic(open311RequestsJson(records, names))],
  ]);
}

async function written(dir: string, records: Iterable<RequestRecord>, flushAt?: number) {
  rmSync(dir, { recursive: true, force: true });
  return writeRequestFiles({ dir, open, dataset: 'requests', columns, typedColumns, records, open311Names: names, ...(flushAt === undefined ? {} : { flushAt }) });
}

describe('writeRequestFiles({ dir, open, dataset, columns, typedColumns, records, open311Names, flushAt })', () => {
  it('writes the bytes of the in-memory path, however the text is cut into pieces', async () => {
    const table = recordTable(1, 3000);
    expect(table.length).toBeGreaterThan(500); // the case is not vacuous
    const want = expected(table);
    for (const flushAt of [1, 7, 4096, undefined]) {
      const dir = join(tmp, `cut-${flushAt ?? 'default'}`);
      const files = await written(dir, table, flushAt);
      expect([...files.keys()].sort()).toEqual([...want.keys()].sort());
      for (const [name, bytes] of want) expect(readFileSync(join(dir, name)).equals(bytes), `${name}, flush at ${flushAt ?? 'default'}`).toBe(true);
    }
  });

  it('writes files of several pieces at the default piece size', async () => {
    const table = recordTable(2, 30_000);
    const want = expected(table);
    expect(want.get('requests.csv')?.byteLength).toBeGreaterThan(2 << 20);
    const dir = join(tmp, 'many');
    await written(dir, table);
    for (const [name, bytes] of want) expect(readFileSync(join(dir, name)).equals(bytes), name).toBe(true);
  });

  it('describes each file as it is on disk: size, SHA-256 and, for the CSV, csvRecords', async () => {
    const table = recordTable(3, 2000);
    const dir = join(tmp, 'described');
    const files = await written(dir, table, 100);
    for (const [name, file] of files) {
      const bytes = readFileSync(join(dir, name));
      expect(file.path).toBe(join(dir, name));
      expect(file.byteLength, name).toBe(statSync(file.path).size);
      expect(file.sha256, name).toBe(sha(bytes));
    }
    const csv = files.get('requests.csv');
    expect(csv?.csvRecords).toBe(table.length);
    expect(csv?.csvRecords).toBe(csvRecords(readFileSync(join(dir, 'requests.csv'))));
    expect(files.get('requests.jsonl.gz')?.csvRecords).toBeUndefined();
  });

  it('writes the header alone, empty JSON lines and an empty Open311 array for no records', async () => {
    const dir = join(tmp, 'empty');
    const files = await written(dir, []);
    const want = expected(Object.assign([] as RequestRecord[], { length: 0 }));
    for (const [name, bytes] of want) expect(readFileSync(join(dir, name)).equals(bytes), name).toBe(true);
    expect(files.get('requests.csv')?.csvRecords).toBe(0);
  });

  it('rejects with the error of a failing record source, its files closed', async () => {
    const table = Array.from(recordTable(7, 500));
    function* failing(): Generator<RequestRecord> {
      yield* table.slice(0, 300);
      throw new Error('source failed at record 300');
    }
    const closed: string[] = [];
    const counting = (path: string) => {
      const w = open(path);
      return { write: (b: Uint8Array) => w.write(b), close: () => (closed.push(path), w.close()) };
    };
    const dir = join(tmp, 'failing');
    await expect(writeRequestFiles({ dir, open: counting, dataset: 'requests', columns, typedColumns, records: failing(), open311Names: names, flushAt: 64 })).rejects.toThrow('source failed at record 300');
    expect(closed.length).toBe(5);
  });

  it('leaves out the Open311 export when no service names are given', async () => {
    const dir = join(tmp, 'no-open311');
    rmSync(dir, { recursive: true, force: true });
    const files = await writeRequestFiles({ dir, open, dataset: 'requests', columns, typedColumns, records: recordTable(4, 200) });
    expect([...files.keys()].sort()).toEqual(['requests.csv', 'requests.csv.gz', 'requests.jsonl.gz', 'requests.parquet']);
    expect(readdirSync(dir).sort()).toEqual(['requests.csv', 'requests.csv.gz', 'requests.jsonl.gz', 'requests.parquet']);
  });
});

describe('GzipStream(out)', () => {
  const rand = prng(7);
  const input = Buffer.from(Array.from({ length: 20_000 }, (_, i) => `${i % 97},区${Math.floor(rand() * 50)},"x"\r\n`).join(''), 'utf8');

  const streamed = async (pieces: Uint8Array[]): Promise<Buffer> => {
    const out: Buffer[] = [];
    const gz = new GzipStream((b) => out.push(Buffer.from(b)));
    await Promise.all(pieces.map((p) => gz.write(p)));
    await gz.end();
    return Buffer.concat(out);
  };

  it('gives gzipDeterministic of the whole input however it is cut', async () => {
    const want = gzipDeterministic(input);
    for (const size of [1 << 20, 65_536, 4093, 17]) {
      const pieces: Uint8Array[] = [];
      for (let at = 0; at < input.length; at += size) pieces.push(input.subarray(at, at + size));
      expect((await streamed(pieces)).equals(want), `pieces of ${size}`).toBe(true);
    }
  });

  it('gives gzipDeterministic of nothing for no input', async () => {
    expect((await streamed([])).equals(gzipDeterministic(new Uint8Array()))).toBe(true);
  });
});

describe('patchGzipHeader(chunk, offset)', () => {
  it('fixes MTIME and OS wherever the header is cut', () => {
    const header = Buffer.from([0x1f, 0x8b, 8, 0, 0x12, 0x34, 0x56, 0x78, 2, 11, 0xaa, 0xbb]);
    const want = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 2, 3, 0xaa, 0xbb]);
    for (let cut = 0; cut <= header.length; cut++) {
      const a = Buffer.from(header.subarray(0, cut));
      const b = Buffer.from(header.subarray(cut));
      patchGzipHeader(a, 0);
      patchGzipHeader(b, cut);
      expect(Buffer.concat([a, b]).equals(want), `cut at ${cut}`).toBe(true);
    }
  });
});

describe('writeFiles(dir, files, effects) and writeFolder', () => {
  it('copies a file written earlier to each name, leaves it where it already is, and writes bytes', async () => {
    const dir = join(tmp, 'folder');
    const files = await written(dir, recordTable(5, 300), 64);
    const csv = files.get('requests.csv');
    if (!csv) throw new Error('no csv');
    writeFiles(dir, new Map<string, PublishedFile>([['requests.csv', csv], ['latest/requests.csv', csv], ['meta.json', Buffer.from('{}\n')]]));
    expect(readFileSync(join(dir, 'latest/requests.csv')).equals(readFileSync(csv.path))).toBe(true);
    expect(sha(readFileSync(join(dir, 'requests.csv')))).toBe(csv.sha256);
    expect(readFileSync(join(dir, 'meta.json'), 'utf8')).toBe('{}\n');
    // writeFolder would clean the folder the file lives in before copying it: refused.
    expect(() => writeFolder(dir, new Map([['requests.csv', csv]]))).toThrow(/writeFiles/);
  });
});

describe('open311Liner(serviceName) through open311RequestsJson(records, serviceName)', () => {
  // open311Request as first published, written out independently of the formatter.
  const reference = (r: RequestRecord) => ({
    service_request_id: String(r.record),
    status: r.status === 'open' ? 'open' : 'closed',
    status_notes: r.status,
    service_name: names.get(r.service) ?? r.category,
    service_code: r.service || null,
    agency_responsible: r.department,
    requested_datetime: /^\d{4}-\d{2}-\d{2}$/.test(r.period) ? r.period : null,
    period: r.period,
    address: r.district || null,
    lat: null,
    long: null,
  });

  it('writes JSON.stringify of each request, for ordinary and malformed records alike', () => {
    const table = Array.from(recordTable(6, 400));
    const odd = [
      { ...table[0], category: 5, service: 'none' },
      { ...table[1], district: undefined, period: undefined },
      { ...table[2], status: { toJSON: (key: string) => `key:${key}` }, record: '"7"\n' },
      { ...table[3], department: '\u2028 \ud800 "q"' },
    ] as unknown as RequestRecord[];
    const records = [...odd, ...table, ...odd];
    const want = Buffer.from(JSON.stringify(records.map(reference)) + '\n', 'utf8');
    expect(open311RequestsJson(records, names).equals(want)).toBe(true);
  });
});
