import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Quarantined } from '../../scripts/ingest/canonical.ts';
import { ingestAll, type IngestResult } from '../../scripts/ingest/index.ts';
import { FirstRows, Gaps, Repeats, sameFields } from '../../scripts/ingest/repeats.ts';
import { random } from './random.ts';
import { departments, guides } from '../fixtures/ingest/guides.ts';

const fixtures = new URL('../fixtures/ingest/raw/', import.meta.url).pathname;
const sourcesDir = new URL('../../data/sources/', import.meta.url).pathname;

describe('Gaps.ordinalOf(j)', () => {
  it('gives the ordinal of the j-th published row, as a count over all rows does', () => {
    let seed = 7;
    const rnd = (n: number): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    for (let trial = 0; trial < 50; trial++) {
      const gaps = new Gaps();
      const published: number[] = [];
      const rows = 1 + rnd(500);
      const rate = rnd(10);
      for (let o = 0; o < rows; o++) {
        if (rnd(10) < rate) gaps.add(o);
        else published.push(o);
      }
      published.forEach((o, j) => expect(gaps.ordinalOf(j)).toBe(o));
    }
  });
});

describe('FirstRows.see(id, ordinal)', () => {
  it('gives the ordinal of the first row of each id, as a Map of the ids does, for numbered ids of many shapes and any other id', () => {
    const rnd = random(11);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
    // Prefixes enough for more shapes than get a table of their own (256); digit runs long and short, leading zeros kept.
    const prefixes = ['PJ-', 'ZG-', '', '12345-2024110', 'x', '评价', '\ud800', ...Array.from({ length: 400 }, (_, i) => `P${i}-`)];
    const id = (): string => {
      const k = rnd();
      if (k < 0.05) return pick(['', 'abc', 'PJ-', '评价编号', 'a b', '\udfff']);
      const digits = 1 + Math.floor(rnd() * 12);
      const number = String(Math.floor(rnd() * 10 ** Math.min(digits, 6))).padStart(digits, '0');
      return k < 0.1 ? `${number}x` : pick(k < 0.8 ? prefixes.slice(0, 7) : prefixes) + number;
    };
    const rows = new FirstRows();
    const first = new Map<string, number>();
    let repeats = 0;
    for (let ordinal = 0; ordinal < 200_000; ordinal++) {
      const x = id();
      const want = x === '' ? -1 : (first.get(x) ?? -1);
      if (want < 0 && x !== '') first.set(x, ordinal);
      else repeats += 1;
      expect(rows.see(x, ordinal)).toBe(want);
    }
    // Both paths were taken and repeats were many (the test means something).
    expect(repeats).toBeGreaterThan(20_000);
    expect(first.size).toBeGreaterThan(100_000);
  });

  it('frees its tables on dispose() and refuses to be used afterwards', () => {
    const rows = new FirstRows();
    for (let i = 0; i < 10_000; i++) rows.see(i % 2 ? `PJ-${i}` : `x${i}y`, i);
    const before = process.memoryUsage().arrayBuffers;
    rows.dispose();
    // Both tables (numbered and hashed ids) are gone at once, not at the next garbage collection.
    expect(before - process.memoryUsage().arrayBuffers).toBeGreaterThan(5000 * (8 + 12));
    expect(() => rows.see('PJ-1', 0)).toThrow(/after dispose/);
  });

  it('tells ids apart that differ only in leading zeros or in the prefix', () => {
    const rows = new FirstRows();
    const ids = ['7', '07', '007', 'A7', 'A07', 'B7', '1234567890', '234567890', '01234567890'];
    ids.forEach((x, i) => expect(rows.see(x, i)).toBe(-1));
    ids.forEach((x, i) => expect(rows.see(x, 100 + i)).toBe(i));
  });
});

describe('Repeats', () => {
  const rows = (first: number, n: number): { row: number; fields: string[] }[] => Array.from({ length: n }, (_, k) => ({ row: first + k + 1, fields: [`id${first + k}`, 'x'] }));

  it('decides at once when the first row is in the current or previous batch, else waits for resolve', () => {
    const r = new Repeats();
    r.batch(rows(0, 3), 0);
    r.batch(rows(3, 3), 3);
    expect(r.reason(1, ['id1', 'x'])).toBe('duplicate-row');
    expect(r.reason(4, ['id4', 'y'])).toBe('duplicate-id');
    expect(r.reason(4, ['id4', 'x', ''])).toBe('duplicate-id');
    r.batch(rows(6, 3), 6);
    expect(r.reason(1, ['id1', 'x'])).toBeNull();
    const a: Quarantined = { source: 's', file: 'f', row: 9, column: 'id', reason: 'duplicate-id', excerpt: '' };
    const b: Quarantined = { ...a, row: 10 };
    r.wait(1, a, ['id1', 'x']);
    r.wait(1, b, ['id1', 'changed']);
    expect(r.pending).toBe(2);
    expect(r.wanted(0)).toBe(false);
    expect(r.wanted(1)).toBe(true);
    const done: number[] = [];
    r.resolve(1, ['id1', 'x'], (q) => done.push(q.row));
    expect(done).toEqual([9, 10]);
    expect([a.reason, b.reason]).toEqual(['duplicate-row', 'duplicate-id']);
    expect(r.pending).toBe(0);
  });

  it('sameFields compares count and text, not a join', () => {
    expect(sameFields(['ab', 'c'], ['ab', 'c'])).toBe(true);
    expect(sameFields(['ab', 'c'], ['a', 'bc'])).toBe(false);
    expect(sameFields(['a\u0000b'], ['a', 'b'])).toBe(false);
    expect(sameFields(['a', ''], ['a'])).toBe(false);
  });
});

/** A published hotline row (open case) with id `id` and description `text`. */
const hotline = (id: string, text = `咨询${id}`): string => `${id},2025-01-02 14:30:10,2025-01-02 14:31:00,,2025-01-09 14:30:10,医保局,咨询,${text},王芳,13900001111,,青禾区,微信,办理中,企业,`;
/** A hotline row quarantined as closed-before-opened. */
const closedEarly = (id: string, text = '小区电梯故障'): string => `${id},2025-01-03 10:00:00,2025-01-03 10:02:00,2025-01-02 09:00:00,2025-01-10 10:00:00,市住建局,投诉,${text},赵敏,13700001234,,云台区,APP,已办结,个人,20`;
const filler = (k: number): string => hotline(`12345-20250201-${String(k).padStart(6, '0')}`);
const rating = (id: string, target: string, level = '满意', comment = ''): string => `${id},${target},APP,${level},2025-01-04 09:00:00,${comment}`;

let dataDir = '';

/** The fixture data directory, with the hotline source read from two files (`raw/hotline-*.csv`) full of repeats, and repeats in the ratings. */
function makeDataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'glassbox-repeats-'));
  mkdirSync(join(dir, 'sources'));
  for (const f of ['hotline-12345.yaml', 'ratings.yaml', 'service-hall.yaml', 'feedback.yaml']) cpSync(join(sourcesDir, f), join(dir, 'sources', f));
  cpSync(fixtures, join(dir, 'raw'), { recursive: true });
  const yaml = join(dir, 'sources', 'hotline-12345.yaml');
  writeFileSync(yaml, readFileSync(yaml, 'utf8').replace('path: raw/hotline-12345.csv', 'path: raw/hotline-*.csv'));
  const original = readFileSync(join(dir, 'raw', 'hotline-12345.csv'), 'utf8');
  rmSync(join(dir, 'raw', 'hotline-12345.csv'));
  const header = original.slice(0, original.indexOf('\r\n'));
  const A1 = hotline('12345-20250110-000001');
  const A2 = hotline('12345-20250110-000002');
  const Q1 = closedEarly('12345-20250110-000003');
  const fillers = Array.from({ length: 600 }, (_, k) => filler(k));
  const a = [
    A1, // 1
    A1, // 2 duplicate-row (just before)
    A2, // 3
    hotline('12345-20250110-000002', '内容不同'), // 4 duplicate-id
    Q1, // 5 closed-before-opened
    Q1, // 6 duplicate-row of a quarantined row
    closedEarly('12345-20250110-000003', '内容不同'), // 7 duplicate-id of a quarantined row
    ...fillers, // 8..607, ~60,000 characters: the rows above leave the window
    A1, // 608 duplicate-row (far)
    A2, // 609 duplicate-row (far; published, after gaps)
    Q1, // 610 duplicate-row (far; quarantined)
    closedEarly('12345-20250110-000003', '又不同'), // 611 duplicate-id (far; quarantined)
    ` ${A1}`, // 612 duplicate-id: the trimmed id repeats, a field differs
  ];
  const b = [
    A1, // 1 duplicate-row (other file)
    filler(5).replace('咨询', '投诉'), // 2 duplicate-id
    filler(0), // 3 duplicate-row
    filler(300), // 4 duplicate-row
    filler(599), // 5 duplicate-row (the previous file's last batch)
    hotline('12345-20250111-000001'), // 6 published
    hotline('12345-20250111-000001'), // 7 duplicate-row
  ];
  writeFileSync(join(dir, 'raw', 'hotline-a.csv'), `${header}\r\n${a.join('\r\n')}\r\n`);
  writeFileSync(join(dir, 'raw', 'hotline-b.csv'), `${header}\r\n${b.join('\r\n')}\r\n`);
  const ratings = join(dir, 'raw', 'ratings.csv');
  const r = readFileSync(ratings, 'utf8').trimEnd().split('\n');
  const more = [
    r[3] ?? '', // 7 duplicate-row of row 3 (just before)
    (r[4] ?? '').replace('不满意', '满意'), // 8 duplicate-id of row 4
    ...Array.from({ length: 900 }, (_, k) => rating(`PJ-9${String(k).padStart(7, '0')}`, 'NOPE-0000001', '满意', '找不到的业务')), // 9..908 unknown-reference
    r[4] ?? '', // 909 duplicate-row (far)
    rating('PJ-00000006', '12345-20250103-000004'), // 910 duplicate-id (far)
    rating('PJ-90000000', 'NOPE-0000001', '满意', '找不到的业务'), // 911 duplicate-row of row 9
  ];
  writeFileSync(ratings, `${r.join('\n')}\n${more.join('\n')}\n`);
  const feedback = (id: string, outcome = '已整改'): string => `${id},PJ-1,12345-20250110-000001,2025-01-05 10:00:00,2025-01-06 10:00:00,${outcome},2025-01-07 10:00:00,`;
  const fb = [
    feedback('ZG-1'), // 1
    feedback('ZG-1'), // 2 duplicate-row
    feedback('ZG-2'), // 3
    feedback('ZG-2', '已解释说明'), // 4 duplicate-id
    ...Array.from({ length: 900 }, (_, k) => feedback(`ZG-F${k}`)), // 5..904
    feedback('ZG-1'), // 905 duplicate-row (far)
    feedback('ZG-2', '已解释说明'), // 906 duplicate-id (far)
    feedback('ZG-F0'), // 907 duplicate-row (far)
  ];
  writeFileSync(join(dir, 'raw', 'feedback.csv'), `整改编号,评价编号,业务编号,接收时间,核实时间,处理结果,办结时间,回访时间\n${fb.join('\n')}\n`);
  return dir;
}

beforeAll(() => {
  dataDir = makeDataDir();
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const run = (chunkSize?: number): Promise<IngestResult> =>
  ingestAll({ dataDir, asOf: '2026-10-31', timezone: 'Asia/Shanghai', departments: departments(), guides, ...(chunkSize ? { chunkSize } : {}) });

describe('ingestAll(opts) with repeated ids', () => {
  const expected = [
    'raw/hotline-a.csv:2:duplicate-row',
    'raw/hotline-a.csv:4:duplicate-id',
    'raw/hotline-a.csv:5:closed-before-opened',
    'raw/hotline-a.csv:6:duplicate-row',
    'raw/hotline-a.csv:7:duplicate-id',
    'raw/hotline-a.csv:608:duplicate-row',
    'raw/hotline-a.csv:609:duplicate-row',
    'raw/hotline-a.csv:610:duplicate-row',
    'raw/hotline-a.csv:611:duplicate-id',
    'raw/hotline-a.csv:612:duplicate-id',
    'raw/hotline-b.csv:1:duplicate-row',
    'raw/hotline-b.csv:2:duplicate-id',
    'raw/hotline-b.csv:3:duplicate-row',
    'raw/hotline-b.csv:4:duplicate-row',
    'raw/hotline-b.csv:5:duplicate-row',
    'raw/hotline-b.csv:7:duplicate-row',
  ];

  for (const chunkSize of [undefined, 64]) {
    it(`tells exact repeats from changed rows, near and far, across files and for quarantined first rows (chunk ${chunkSize ?? 'default'})`, async () => {
      const r = await run(chunkSize);
      const hot = r.quarantined.filter((q) => q.source === 'hotline-12345');
      expect(hot.map((q) => `${q.file}:${q.row}:${q.reason}`)).toEqual(expected);
      for (const q of hot.filter((x) => x.reason.startsWith('duplicate'))) expect(q.column).toBe('工单编号');
      const report = r.sources.find((s) => s.source === 'hotline-12345');
      expect(report).toMatchObject({ rowsIn: 619, published: 603, quarantined: 16 });
      expect(report?.byReason).toEqual({ 'closed-before-opened': 1, 'duplicate-id': 5, 'duplicate-row': 10 });
      // The full raw rows of the repeats are the repeats' own rows.
      const raw = r.rawRows?.find((x) => x.file === 'raw/hotline-b.csv' && x.row === 2)?.raw ?? '';
      expect(raw).toContain('诉求类型=投诉');

      const ratings = r.quarantined.filter((q) => q.source === 'ratings' && q.row >= 7 && q.reason !== 'unknown-reference');
      expect(ratings.map((q) => `${q.row}:${q.column}:${q.reason}`)).toEqual(['7:评价编号:duplicate-row', '8:评价编号:duplicate-id', '909:评价编号:duplicate-row', '910:评价编号:duplicate-id', '911:评价编号:duplicate-row']);
      const rr = r.sources.find((s) => s.source === 'ratings');
      expect(rr?.byReason).toMatchObject({ 'duplicate-row': 3, 'duplicate-id': 2 });
      for (const s of r.sources) expect(s.rowsIn).toBe(s.published + s.quarantined);

      const fb = r.quarantined.filter((q) => q.source === 'feedback');
      expect(fb.map((q) => `${q.row}:${q.column}:${q.reason}`)).toEqual(['2:整改编号:duplicate-row', '4:整改编号:duplicate-id', '905:整改编号:duplicate-row', '906:整改编号:duplicate-id', '907:整改编号:duplicate-row']);
      expect(r.sources.find((s) => s.source === 'feedback')).toMatchObject({ rowsIn: 907, published: 902, quarantined: 5, byReason: { 'duplicate-id': 2, 'duplicate-row': 3 } });
    });
  }
});
