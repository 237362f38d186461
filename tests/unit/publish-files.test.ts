import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { CanonicalRequest } from '../../scripts/ingest/canonical.ts';
import type { ServiceGuide } from '../../src/lib/content-schema.ts';
import type { Dictionary, Meta } from '../../src/lib/published.ts';
import { loadCalendar } from '../../scripts/measure/calendar.ts';
import { measureAll } from '../../scripts/measure/index.ts';
import { buildPublication, distinctSorted, prettyStringArray, type PublishInput } from '../../scripts/publish/index.ts';
import { prettyJson } from '../../scripts/publish/json.ts';
import { dictionary } from '../../scripts/publish/dictionary.ts';

const calendar = loadCalendar(join(import.meta.dirname, '../../data/calendar'));
const sh = (date: string): number => Date.parse(`${date}T10:00:00+08:00`);

function req(i: number, over: Partial<CanonicalRequest>): CanonicalRequest {
  return {
    id: `r${i}`, source: 'applications', department: 'a', service: 'svc-a', category: 'c', needType: 'application', clientType: 'citizen', tier: 1,
    channel: 'online', submittedAt: sh('2026-10-12'), acceptedAt: null, closedAt: sh('2026-10-14'), dueAt: null, status: 'closed', rating: 5,
    ratingComment: null, description: null, district: null, requesterKey: null, visits: null, effortMinutes: null, timezone: 'Asia/Shanghai', ...over,
  };
}

const guide = (id: string, department: string): ServiceGuide =>
  ({ id, code: `X-${id}`, department, name: { zh: `事项${id}`, en: `Service ${id}` }, category: 'business',
     promisedLimit: { days: 5, unit: 'working' }, statutoryLimit: { days: 20, unit: 'working' } }) as unknown as ServiceGuide;

function input(): PublishInput {
  const guides = [guide('svc-b', 'b'), guide('svc-a', 'a')];
  const requests = [
    ...Array.from({ length: 4 }, (_, i) => req(i, {})),
    req(10, { department: 'b', service: 'svc-b', channel: 'phone' }),
    req(11, { service: null, status: 'open', closedAt: null, rating: null }),
  ];
  const measured = measureAll(requests, { calendar, timezone: 'Asia/Shanghai', asOf: '2026-10-31', months: 3, minCell: 2, k: 2, departments: ['b', 'a'], guides });
  return {
    site: {
      name: { zh: '测试', en: 'Test City Transparency' }, publisher: { zh: '测试局', en: 'Test Office' }, contact: 'x@example.org', asOf: '2026-10-31',
      licence: { id: 'CC-BY-4.0', title: 'CC BY 4.0', url: 'https://creativecommons.org/licenses/by/4.0/' }, thresholds: { minCell: 2, k: 2 },
    },
    departments: [{ id: 'b', name: { zh: '乙局', en: 'B' } }, { id: 'a', name: { zh: '甲局', en: 'A' } }],
    guides,
    measured,
    sources: [{ source: 'applications', file: 'apps.csv', rowsIn: 8, published: 6, quarantined: 2, byReason: { 'missing-field': 1, 'duplicate-id': 1 } }],
    reasonText: { 'missing-field': { zh: '缺少字段', en: 'Missing field' }, 'duplicate-id': { zh: '重复编号', en: 'Duplicate id' } },
    quarantined: [{ source: 'applications', file: 'apps.csv', row: 3, column: 'id', reason: 'duplicate-id', excerpt: '=cmd|' + 'x'.repeat(400) }],
    quarantinedRaw: [{ source: 'applications', file: 'apps.csv', row: 3, column: 'id', reason: 'duplicate-id', excerpt: 'raw 张三 13800000000' }],
    identifierValues: ['13800000000', '张三', '13800000000'],
  };
}

const text = (b: Uint8Array | undefined): string => Buffer.from(b ?? new Uint8Array()).toString('utf8');
const hex = (b: Uint8Array | undefined): string => createHash('sha256').update(b ?? new Uint8Array()).digest('hex');

describe('buildPublication(input)', () => {
  const pub = buildPublication(input());
  const files = pub.public;

  it('writes every dataset as CSV and JSON with the columns of the dictionary, and vice versa', () => {
    const tables = Object.keys(dictionary).filter((d) => d !== 'quality');
    for (const dataset of [...tables, 'quality']) {
      const csv = text(files.get(`${dataset}.csv`));
      expect(csv, dataset).not.toBe('');
      const header = csv.split('\r\n')[0]?.split(',');
      expect(header, dataset).toEqual((dictionary[dataset]?.columns ?? []).map((c) => c.name));
    }
    for (const dataset of tables) {
      const json = files.get(`${dataset}.json`);
      // Large tables are published as JSON lines, gzipped, instead of one JSON document.
      const rows = (json ? JSON.parse(text(json)) : text(gunzipSync(files.get(`${dataset}.jsonl.gz`) ?? new Uint8Array())).trim().split('\n').filter(Boolean).map((l) => JSON.parse(l))) as Record<string, unknown>[];
      const names = (dictionary[dataset]?.columns ?? []).map((c) => c.name);
      for (const row of rows) expect(Object.keys(row), dataset).toEqual(names);
    }
    // Every CSV or JSON table published has a dictionary entry.
    for (const name of files.keys()) {
      const m = /^([a-z-]+)\.(csv|json)$/.exec(name);
      if (m && !['meta', 'dictionary', 'datapackage', 'quality'].includes(m[1] ?? '')) expect(dictionary[m[1] ?? ''], name).toBeDefined();
    }
  });

  it('describes every column in both languages', () => {
    const dict = JSON.parse(text(files.get('dictionary.json'))) as Dictionary;
    for (const [dataset, entry] of Object.entries(dict)) {
      expect(entry.title.zh && entry.title.en, dataset).toBeTruthy();
      for (const c of entry.columns) expect(c.description.zh.length > 0 && c.description.en.length > 0, `${dataset}.${c.name}`).toBe(true);
    }
  });

  it('publishes rows in = published + quarantined and the suppression and k figures in quality.json', () => {
    const q = JSON.parse(text(files.get('quality.json'))) as { totals: unknown; sources: { by_reason: object }[]; withheld_for_k: number };
    expect(q.totals).toEqual({ rows_in: 8, published: 6, quarantined: 2 });
    expect(Object.keys(q.sources[0]?.by_reason ?? {})).toEqual(['duplicate-id', 'missing-field']);
    // b's month cell has 1 request: it and a's month cell (its complement in the city total) are suppressed,
    // so no record of either may be published (a recount would reveal them).
    expect(q.withheld_for_k).toBe(6);
  });

  it('truncates and defuses quarantine excerpts; the raw row goes only to the private folder', () => {
    const rows = JSON.parse(text(files.get('quarantine.json'))) as { excerpt: string }[];
    expect(Array.from(rows[0]?.excerpt ?? '')).toHaveLength(300);
    expect(text(files.get('quarantine.csv'))).toContain("'=cmd|");
    for (const [name, bytes] of files) expect(text(bytes), name).not.toContain('张三');
    expect(text(pub.private.get('quarantine-full.csv'))).toContain('张三');
    expect(JSON.parse(text(pub.private.get('identifier-values.json')))).toEqual(['13800000000', '张三']);
  });

  it('lists every other file with bytes and sha256 in meta.json, and everything in SHA256SUMS', () => {
    const meta = JSON.parse(text(files.get('meta.json'))) as Meta;
    const others = [...files.keys()].filter((n) => n !== 'meta.json' && n !== 'SHA256SUMS').sort();
    expect(meta.downloads.map((d) => d.file)).toEqual(others);
    for (const d of meta.downloads) {
      expect(d.bytes).toBe(files.get(d.file)?.byteLength);
      expect(d.sha256).toBe(hex(files.get(d.file)));
    }
    expect(meta).toMatchObject({ asOf: '2026-10-31', firstMonth: '2026-08', lastMonth: '2026-10', months: ['2026-08', '2026-09', '2026-10'], minCell: 2, k: 2 });
    const sums = text(files.get('SHA256SUMS')).trimEnd().split('\n');
    expect(sums.map((l) => l.slice(66))).toEqual([...files.keys()].filter((n) => n !== 'SHA256SUMS').sort());
    for (const line of sums) expect(line.slice(0, 64)).toBe(hex(files.get(line.slice(66))));
  });

  it('writes a Frictionless data package with hashes and typed fields', () => {
    const dp = JSON.parse(text(files.get('datapackage.json'))) as {
      name: string; licenses: { name: string }[]; resources: { path: string; bytes: number; hash: string; schema: { fields: { name: string; type: string }[] } }[];
    };
    expect(dp.name).toBe('test-city-transparency');
    expect(dp.licenses[0]?.name).toBe('CC-BY-4.0');
    const dm = dp.resources.find((r) => r.path === 'department-month.csv');
    expect(dm?.schema.fields[1]).toMatchObject({ name: 'month', type: 'yearmonth' });
    for (const r of dp.resources) {
      expect(r.bytes).toBe(files.get(r.path)?.byteLength);
      expect(r.hash).toBe(`sha256:${hex(files.get(r.path))}`);
    }
  });

  it('gzips requests.csv with a zero mtime', () => {
    const gz = files.get('requests.csv.gz') ?? new Uint8Array();
    expect(Buffer.from(gz).readUInt32LE(4)).toBe(0);
    expect(text(gunzipSync(gz))).toBe(text(files.get('requests.csv')));
  });

  it('is byte-identical on a second run', () => {
    const again = buildPublication(input());
    expect([...again.public.keys()]).toEqual([...files.keys()]);
    for (const [name, bytes] of files) expect(hex(again.public.get(name)), name).toBe(hex(bytes));
  });

  it('sorts departments and services by id', () => {
    expect(text(files.get('departments.csv'))).toBe('id,name_zh,name_en,services\r\na,甲局,A,1\r\nb,乙局,B,1\r\n');
    const sm = JSON.parse(text(files.get('service-month.json'))) as { service: string; month: string; requests: number | null }[];
    // svc-a×2026-10 (4) is suppressed too: every request falls on one day and in one time-to-close bin, and svc-a's 4
    // would pin its bin, hence department b's bin of 1 in the close histogram (city bin − a's bin).
    expect(sm.map((r) => `${r.service}:${r.month}:${String(r.requests)}`)).toEqual([
      'svc-a:2026-08:0', 'svc-a:2026-09:0', 'svc-a:2026-10:null', 'svc-b:2026-08:0', 'svc-b:2026-09:0', 'svc-b:2026-10:null',
    ]);
  });
});

describe('identifier values file', () => {
  it('writes the same bytes as prettyJson of the distinct sorted values, sorted input or not', () => {
    const values = ['13812345678', '张伟', 'zhang.wei@mail.cn', '幸福里小区3号楼', '110101199003071234', '张伟', 'a"quote\\back', '13812345678'];
    const expected = Buffer.from(prettyJson([...new Set(values)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))), 'utf8');
    expect(Buffer.compare(Buffer.from(prettyStringArray(distinctSorted(values))), expected)).toBe(0);
    const sorted = [...new Set(values)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    expect(distinctSorted(sorted)).toBe(sorted);
    expect(Buffer.from(prettyStringArray([])).toString('utf8')).toBe('[]\n');
  });
});
