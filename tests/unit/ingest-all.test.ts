import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hex64 } from '../../scripts/ingest/hash.ts';
import { ingestAll, reasonText, type IngestResult } from '../../scripts/ingest/index.ts';
import { requesterHash } from '../../scripts/ingest/store.ts';
import { departments, guides } from '../fixtures/ingest/guides.ts';

const fixtures = new URL('../fixtures/ingest/raw/', import.meta.url).pathname;
const sourcesDir = new URL('../../data/sources/', import.meta.url).pathname;
let dataDir = '';
const fixtureSources = ['hotline-12345.yaml', 'ratings.yaml', 'service-hall.yaml'];

/** A data directory with the real source descriptions and the fixture exports. */
function makeDataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'glassbox-ingest-'));
  mkdirSync(join(dir, 'sources'));
  // Only the sources these fixture exports are for (feedback has its own tests).
  for (const f of readdirSync(sourcesDir).filter((n) => fixtureSources.includes(n))) cpSync(join(sourcesDir, f), join(dir, 'sources', f));
  cpSync(fixtures, join(dir, 'raw'), { recursive: true });
  return dir;
}

const run = (chunkSize?: number): Promise<IngestResult> =>
  ingestAll({ dataDir, asOf: '2026-10-31', timezone: 'Asia/Shanghai', departments: departments(), guides, ...(chunkSize ? { chunkSize } : {}) });

beforeAll(() => {
  dataDir = makeDataDir();
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('ingestAll(opts) on the fixture exports', () => {
  it('accounts for every row: rowsIn = published + quarantined, per source', async () => {
    const r = await run();
    const bySource = Object.fromEntries(r.sources.map((s) => [s.source, s]));
    expect(bySource['hotline-12345']).toMatchObject({ rowsIn: 10, published: 2, quarantined: 8, kind: 'requests', file: 'raw/hotline-12345.csv' });
    expect(bySource['service-hall']).toMatchObject({ rowsIn: 6, published: 2, quarantined: 4 });
    expect(bySource['ratings']).toMatchObject({ rowsIn: 6, published: 2, quarantined: 4, kind: 'ratings' });
    for (const s of r.sources) expect(s.rowsIn).toBe(s.published + s.quarantined);
    expect(r.quarantined).toHaveLength(16);
  });

  it('quarantines each planted defect with its reason, row and column', async () => {
    const r = await run();
    const got = r.quarantined.map((q) => `${q.source}:${q.row}:${q.column}:${q.reason}`);
    expect(got).toEqual([
      'hotline-12345:3::malformed-row',
      'hotline-12345:4:办结时间:closed-before-opened',
      'hotline-12345:5:工单编号:duplicate-row',
      'hotline-12345:6:承办单位:missing-field',
      'hotline-12345:7:来电时间:unparsable-date',
      'hotline-12345:8:工单编号:duplicate-id',
      'hotline-12345:9:来电时间:future-date',
      'hotline-12345:10:来源渠道:invalid-value',
      'ratings:1:评价时间:superseded-rating',
      'ratings:4:业务编号:unknown-reference',
      'ratings:5:评价等级:invalid-value',
      'ratings:6:业务编号:reference-quarantined',
      'service-hall:3:事项编码:unknown-service',
      'service-hall:4:申请编号:duplicate-id',
      'service-hall:5:实施部门:department-mismatch',
      'service-hall:6:到现场次数:invalid-number',
    ]);
    for (const q of r.quarantined) expect(reasonText[q.reason]).toBeDefined();
  });

  it('never puts identifier columns into excerpts', async () => {
    const r = await run();
    const all = r.quarantined.map((q) => q.excerpt).join('\n');
    for (const secret of ['张伟', '赵敏', '110101199003071234', '13700001234', '李娜', '11010519851224002X', '冯雪']) expect(all).not.toContain(secret);
    expect(r.quarantined.find((q) => q.reason === 'unparsable-date')?.excerpt).toBe('工单编号=12345-20250104-000006; 来电时间=2025/13/45 25:61');
  });

  it('maps fields: instants in Asia/Shanghai, codes through the value maps, aliases to department ids', async () => {
    const r = await run();
    expect(r.requests.map((q) => `${q.source}:${q.id}`)).toEqual([
      'hotline-12345:12345-20250101-000001',
      'hotline-12345:12345-20250102-000002',
      'service-hall:SQ-2025-0000001',
      'service-hall:SQ-2025-0000002',
    ]);
    const [h1, h2, s1, s2] = r.requests;
    expect(h1).toMatchObject({
      department: 'hrss', service: null, category: 'complaint', needType: 'complaint', clientType: 'citizen', channel: 'phone', status: 'closed',
      submittedAt: Date.UTC(2025, 0, 1, 1, 0, 0), acceptedAt: Date.UTC(2025, 0, 1, 1, 5, 0), closedAt: Date.UTC(2025, 0, 3, 2, 0, 0),
      dueAt: Date.UTC(2025, 0, 8, 1, 0, 0), effortMinutes: 35, visits: null, district: '云台区', timezone: 'Asia/Shanghai', rating: 5,
    });
    expect(h2).toMatchObject({ department: 'healthcare-security', clientType: 'enterprise', channel: 'mobile', status: 'open', closedAt: null, effortMinutes: null, rating: null });
    expect(s1).toMatchObject({ department: 'market', service: 'business-registration', category: 'business', needType: 'application', channel: 'in_person', visits: 1, rating: 3 });
    expect(s1?.submittedAt).toBe(Date.UTC(2025, 2, 5, 1, 7));
    expect(s1?.closedAt).toBe(Date.UTC(2025, 2, 10, 8, 45));
    expect(s2).toMatchObject({ department: 'market', clientType: 'enterprise', channel: 'online', status: 'open', visits: 0 });
    expect(r.warnings).toEqual(expect.arrayContaining([expect.stringContaining('raw/hotline-12345.csv: 8 of 10 rows')]));
  });

  it('keeps no free text and no identifier: only a requester hash, and the identifier values for the leak scan', async () => {
    const identifierValues = new Set<string>();
    const r = await ingestAll({ dataDir, asOf: '2026-10-31', timezone: 'Asia/Shanghai', departments: departments(), guides, identifierValues });
    const [h1, h2, s1, s2] = r.requests;
    for (const q of r.requests) expect(q).toMatchObject({ description: null, ratingComment: null });
    // The requester hash of the key material (ID number first), as 16 hex digits; held in memory only.
    const zhang = requesterHash({ name: '张伟', phone: '13812345678', idNumber: '110101199003071234', email: null, address: null });
    expect(h1?.requesterKey).toBe(zhang ? hex64(zhang.hi, zhang.lo) : 'none');
    expect(h1?.requesterKey).toMatch(/^[0-9a-f]{16}$/);
    expect(new Set([h1, h2, s1, s2].map((q) => q?.requesterKey)).size).toBe(4);
    expect([...identifierValues].sort()).toEqual(
      ['张伟', '13812345678', '110101199003071234', '王芳', '139 0000 1111', '李娜', '11010519851224002X', '13811112222', '示例市青禾贸易有限公司', '91110108MA01ABCD2X', '010-62345678'].sort(),
    );
    // Quarantined rows give no identifier values (赵敏's case closed before it opened).
    expect(identifierValues.has('赵敏')).toBe(false);
  });

  it('keeps a description only as the segment words its scrubbed text contains', async () => {
    const descriptionWords = ['拖欠', '张伟', '[电话]', '门诊', '补正', '电梯'];
    const r = await ingestAll({ dataDir, asOf: '2026-10-31', timezone: 'Asia/Shanghai', departments: departments(), guides, descriptionWords });
    // Scrubbed: "反映单位拖欠工资三个月，\r\n联系电话[电话]，我叫[姓名]" (the name is gone, a placeholder came in).
    expect(r.requests.map((q) => q.description)).toEqual(['拖欠\u0000[电话]', '门诊', null, '补正']);
  });

  it('gives identical results whatever the read chunk size (multi-byte characters split across chunks)', async () => {
    const whole = await run();
    for (const size of [1, 2, 3, 5, 7, 64]) {
      const chunked = await run(size);
      expect(chunked.requests).toEqual(whole.requests);
      expect(chunked.quarantined).toEqual(whole.quarantined);
      expect(chunked.sources).toEqual(whole.sources);
    }
  });

  it('keeps the latest rating of a case (a later row wins a tie) and quarantines the others with their own excerpt and raw row', async () => {
    const dir = makeDataDir();
    writeFileSync(
      join(dir, 'raw', 'ratings.csv'),
      [
        '评价编号,业务编号,评价渠道,评价等级,评价时间,评价内容',
        'PJ-1,12345-20250101-000001,短信,满意,2025-01-04 08:00:00,第一条',
        'PJ-2,12345-20250101-000001,APP,不满意,2025-01-03 08:00:00,更早的',
        'PJ-3,12345-20250101-000001,APP,非常满意,2025-01-04 08:00:00,同一时间',
        'PJ-4,SQ-2025-0000001,窗口评价器,基本满意,2025-03-10 17:00:00,',
        '',
      ].join('\n'),
    );
    const r = await ingestAll({ dataDir: dir, asOf: '2026-10-31', timezone: 'Asia/Shanghai', departments: departments(), guides, chunkSize: 16 });
    rmSync(dir, { recursive: true, force: true });
    expect(r.sources.find((s) => s.source === 'ratings')).toMatchObject({ rowsIn: 4, published: 2, quarantined: 2, byReason: { 'superseded-rating': 2 } });
    expect(r.quarantined.filter((q) => q.source === 'ratings')).toEqual([
      { source: 'ratings', file: 'raw/ratings.csv', row: 1, column: '评价时间', reason: 'superseded-rating', excerpt: '评价编号=PJ-1; 业务编号=12345-20250101-000001; 评价等级=满意; 评价时间=2025-01-04 08:00:00' },
      { source: 'ratings', file: 'raw/ratings.csv', row: 2, column: '评价时间', reason: 'superseded-rating', excerpt: '评价编号=PJ-2; 业务编号=12345-20250101-000001; 评价等级=不满意; 评价时间=2025-01-03 08:00:00' },
    ]);
    expect(r.rawRows?.filter((q) => q.source === 'ratings').map((q) => q.raw)).toEqual([
      '评价编号=PJ-1; 业务编号=12345-20250101-000001; 评价渠道=短信; 评价等级=满意; 评价时间=2025-01-04 08:00:00; 评价内容=第一条',
      '评价编号=PJ-2; 业务编号=12345-20250101-000001; 评价渠道=APP; 评价等级=不满意; 评价时间=2025-01-03 08:00:00; 评价内容=更早的',
    ]);
    expect(r.requests.map((q) => q.rating)).toEqual([5, null, 3, null]);
  });

  it('finds the latest rating across the files of a source and by the millisecond, and reads the losers back from their own file', async () => {
    const dir = makeDataDir();
    const yaml = readFileSync(join(dir, 'sources', 'ratings.yaml'), 'utf8');
    writeFileSync(join(dir, 'sources', 'ratings.yaml'), yaml.replace('path: raw/ratings.csv', 'path: raw/ratings-*.csv').replace('default: YYYY-MM-DD HH:mm:ss', 'default: [YYYY-MM-DD HH:mm:ss, ISO]'));
    const header = '评价编号,业务编号,评价渠道,评价等级,评价时间,评价内容';
    // Whole seconds first (the compact column), then instants with milliseconds (it widens).
    writeFileSync(join(dir, 'raw', 'ratings-1.csv'), [header, 'PJ-1,12345-20250101-000001,短信,满意,2025-01-04 08:00:00,', 'PJ-2,SQ-2025-0000001,窗口评价器,基本满意,2025-03-10 17:00:00,', ''].join('\n'));
    writeFileSync(
      join(dir, 'raw', 'ratings-2.csv'),
      [header, 'PJ-3,12345-20250101-000001,APP,不满意,2025-01-04T08:00:00.250,', 'PJ-4,12345-20250101-000001,APP,非常满意,2025-01-04T08:00:00.249,', 'PJ-5,SQ-2025-0000001,APP,非常不满意,2025-03-10T16:59:59.999,', ''].join('\n'),
    );
    const r = await ingestAll({ dataDir: dir, asOf: '2026-10-31', timezone: 'Asia/Shanghai', departments: departments(), guides, chunkSize: 16 });
    rmSync(dir, { recursive: true, force: true });
    expect(r.sources.find((s) => s.source === 'ratings')).toMatchObject({ rowsIn: 5, published: 2, quarantined: 3, byReason: { 'superseded-rating': 3 } });
    expect(r.quarantined.filter((q) => q.source === 'ratings').map((q) => `${q.file}:${q.row}:${q.excerpt.split(';')[0]}`)).toEqual([
      'raw/ratings-1.csv:1:评价编号=PJ-1',
      'raw/ratings-2.csv:2:评价编号=PJ-4',
      'raw/ratings-2.csv:3:评价编号=PJ-5',
    ]);
    expect(r.requests.map((q) => q.rating)).toEqual([2, null, 3, null]);
  });

  it('treats a later row with the id of an earlier row as its duplicate, whether that row was published or quarantined', async () => {
    const dir = makeDataDir();
    const file = join(dir, 'raw', 'hotline-12345.csv');
    // Row 4 was quarantined (closed before it opened); rows 11-16 are appended.
    const row4 = '12345-20250103-000004,2025-01-03 10:00:00,2025-01-03 10:02:00,2025-01-02 09:00:00,2025-01-10 10:00:00,市住建局,投诉,小区电梯故障,赵敏,13700001234,,云台区,APP,已办结,个人,20';
    const fixed = row4.replace('2025-01-02 09:00:00', '2025-01-04 09:00:00');
    const fresh = fixed.replace('12345-20250103-000004', '12345-20250106-000009');
    const padded = `  12345-20250103-000004 ${fixed.slice('12345-20250103-000004'.length)}`;
    const added = [row4, fixed, padded, fresh, fresh, fresh.replace(/,20$/, ',21')];
    expect(readFileSync(file, 'utf8')).toContain(`${row4}\r\n`);
    writeFileSync(file, `${readFileSync(file, 'utf8')}${added.join('\r\n')}\r\n`);
    const r = await ingestAll({ dataDir: dir, asOf: '2026-10-31', timezone: 'Asia/Shanghai', departments: departments(), guides, chunkSize: 64 });
    rmSync(dir, { recursive: true, force: true });
    const got = r.quarantined.filter((q) => q.source === 'hotline-12345' && q.row > 10).map((q) => `${q.row}:${q.column}:${q.reason}`);
    // 11: row 4 again; 12: row 4 corrected (still a repeat of its id); 13: the same id padded with spaces, a field changed;
    // 14: a new case, published; 15: it again; 16: it changed.
    expect(got).toEqual(['11:工单编号:duplicate-row', '12:工单编号:duplicate-id', '13:工单编号:duplicate-id', '15:工单编号:duplicate-row', '16:工单编号:duplicate-id']);
    expect(r.sources.find((s) => s.source === 'hotline-12345')).toMatchObject({ rowsIn: 16, published: 3, quarantined: 13 });
    expect(r.requests.filter((q) => q.source === 'hotline-12345').map((q) => q.id)).toEqual(['12345-20250101-000001', '12345-20250102-000002', '12345-20250106-000009']);
    // A rating of the quarantined case is still "reference-quarantined", not attached to a later repeat.
    expect(r.quarantined.find((q) => q.source === 'ratings' && q.row === 6)?.reason).toBe('reference-quarantined');
  });

  it('fails when two files describe one request source (its ids would mix)', async () => {
    const dir = makeDataDir();
    cpSync(join(dir, 'sources', 'hotline-12345.yaml'), join(dir, 'sources', 'hotline-12345.yml'));
    await expect(ingestAll({ dataDir: dir, asOf: '2026-10-31', timezone: 'Asia/Shanghai', departments: departments(), guides })).rejects.toThrow(/two files describe the source "hotline-12345"/);
    rmSync(dir, { recursive: true, force: true });
  });

  it('fails naming the file when a raw export is missing', async () => {
    const dir = makeDataDir();
    rmSync(join(dir, 'raw', 'ratings.csv'));
    await expect(ingestAll({ dataDir: dir, asOf: '2026-10-31', timezone: 'Asia/Shanghai', departments: departments(), guides })).rejects.toThrow(/ratings\.csv: raw export of source "ratings" not found/);
    rmSync(dir, { recursive: true, force: true });
  });

  it('fails naming the column when the header lacks a mapped column', async () => {
    const dir = makeDataDir();
    writeFileSync(join(dir, 'raw', 'ratings.csv'), '评价编号,业务编号,评价渠道,评价等级,评价内容\nPJ-1,X,网站,满意,\n');
    await expect(ingestAll({ dataDir: dir, asOf: '2026-10-31', timezone: 'Asia/Shanghai', departments: departments(), guides })).rejects.toThrow(/"评价时间" named in data\/sources\/ratings\.yaml are not in the header/);
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('reasonText', () => {
  it('explains every reason code ingest can emit, in zh and en', async () => {
    const code = ['map.ts', 'check.ts', 'index.ts'].map((f) => readFileSync(new URL(`../../scripts/ingest/${f}`, import.meta.url), 'utf8')).join('\n');
    const emitted = new Set([...code.matchAll(/'([a-z]+(?:-[a-z]+)+)'/g)].map((m) => m[1] ?? '').filter((c) => c in reasonText || /^(missing|duplicate|unknown|invalid|closed|future|superseded|reference|ambiguous|department|malformed|unparsable)-/.test(c)));
    for (const c of emitted) expect(reasonText[c], c).toMatchObject({ zh: expect.any(String), en: expect.any(String) });
    expect(emitted.size).toBeGreaterThanOrEqual(15);
  });
});
