import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileDateParser, dateFormatError } from '../../scripts/ingest/dates.ts';
import { loadSourceFile } from '../../scripts/ingest/config.ts';
import { ingestAll, type IngestResult } from '../../scripts/ingest/index.ts';
import { fetchOpen311 } from '../../scripts/ingest/open311.ts';
import { silentProgress } from '../../scripts/ingest/progress.ts';
import { departments, guides } from '../fixtures/ingest/guides.ts';

const formats = new URL('../fixtures/ingest/formats/', import.meta.url).pathname;
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** A data directory holding one source description and the fixture exports under raw/. */
function dataDirWith(name: string, yaml: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'glassbox-formats-'));
  dirs.push(dir);
  mkdirSync(join(dir, 'sources'));
  writeFileSync(join(dir, 'sources', `${name}.yaml`), yaml);
  cpSync(formats, join(dir, 'raw'), { recursive: true });
  return dir;
}

const run = (dataDir: string, extra: Partial<Parameters<typeof ingestAll>[0]> = {}): Promise<IngestResult> =>
  ingestAll({ dataDir, asOf: '2025-12-31', timezone: 'Asia/Shanghai', departments: departments(), guides, progress: silentProgress, ...extra });

describe('compileDateParser(format, timeZone)', () => {
  it('reads "MM/DD/YYYY hh:mm:ss A" in New York time, 12 AM and 12 PM included', () => {
    const p = compileDateParser('MM/DD/YYYY hh:mm:ss A', 'America/New_York');
    expect(p('01/05/2025 11:15:02 PM')).toBe(Date.parse('2025-01-06T04:15:02Z'));
    expect(p('01/06/2025 12:00:00 AM')).toBe(Date.parse('2025-01-06T05:00:00Z'));
    expect(p('07/04/2025 12:30:00 PM')).toBe(Date.parse('2025-07-04T16:30:00Z'));
    expect(p('13/06/2025 12:00:00 AM')).toBeNull();
    expect(p('01/06/2025 13:00:00 PM')).toBeNull();
  });
  it('quarantines the local time skipped by DST rather than guessing', () => {
    expect(compileDateParser('MM/DD/YYYY hh:mm:ss A', 'America/New_York')('03/09/2025 02:30:00 AM')).toBeNull();
  });
  it('reads "YYYY年M月D日 H时m分" and "YYYY/M/D H:mm:ss"', () => {
    expect(compileDateParser('YYYY年M月D日 H时m分', 'Asia/Shanghai')('2025年3月2日 14时5分')).toBe(Date.parse('2025-03-02T06:05:00Z'));
    expect(compileDateParser('YYYY/M/D H:mm:ss', 'Asia/Shanghai')('2025/3/2 4:05:09')).toBe(Date.parse('2025-03-01T20:05:09Z'));
  });
  it('reads ISO 8601 with Z, an offset, fractions, or no offset (source zone)', () => {
    const p = compileDateParser('ISO', 'Asia/Shanghai');
    expect(p('2010-04-19T06:37:38-08:00')).toBe(Date.parse('2010-04-19T14:37:38Z'));
    expect(p('2010-04-19T06:37:38.250Z')).toBe(Date.parse('2010-04-19T06:37:38.250Z'));
    expect(p('2010-04-19 06:37')).toBe(Date.parse('2010-04-18T22:37:00Z'));
    expect(p('2010-02-30T00:00:00Z')).toBeNull();
    expect(p('19/04/2010')).toBeNull();
  });
  it('reads Excel serial day numbers as local time and rejects serials before March 1900', () => {
    const p = compileDateParser('excel', 'Asia/Shanghai');
    expect(p('45717.375')).toBe(Date.parse('2025-03-01T01:00:00Z'));
    expect(p('45717')).toBe(Date.parse('2025-02-28T16:00:00Z'));
    expect(p('60')).toBeNull();
    expect(p('12/03/2025')).toBeNull();
  });
  it('rejects a 12-hour format without AM/PM', () => {
    expect(dateFormatError('MM/DD/YYYY hh:mm')).toMatch(/"A"/);
    expect(dateFormatError('ISO')).toBeNull();
  });
});

describe('loadSourceFile(file)', () => {
  it('fails naming the file, the line, the key and a hint', () => {
    const dir = dataDirWith('x', 'name: x\npreset: socrata-311\npath: raw/nyc-311.csv\nencoding: latin-9\npolicy:\n  unknownCode: guess\n');
    expect(() => loadSourceFile(join(dir, 'sources', 'x.yaml'))).toThrow(/x\.yaml: invalid source description\n {2}line 4: key "encoding": .*\(hint: one of auto, utf-8/);
    expect(() => loadSourceFile(join(dir, 'sources', 'x.yaml'))).toThrow(/line 6: key "policy\.unknownCode"/);
  });
  it('names an unknown preset with the list to choose from', () => {
    const dir = dataDirWith('y', 'name: y\npath: raw/nyc-311.csv\npreset: nyc\n');
    expect(() => loadSourceFile(join(dir, 'sources', 'y.yaml'))).toThrow(/y\.yaml:3: invalid source description\n {2}key "preset": unknown preset "nyc" \(hint: one of socrata-311/);
  });
});

describe('ingestAll(opts) with preset socrata-311 (three lines of YAML)', () => {
  let r: IngestResult;
  beforeAll(async () => {
    r = await run(dataDirWith('nyc-311', 'name: nyc-311\npreset: socrata-311\npath: raw/nyc-*.csv\n'));
  });
  it('accounts for every row and quarantines each defect with row, column and reason', () => {
    expect(r.sources[0]).toMatchObject({ source: 'nyc-311', rowsIn: 8, published: 4, quarantined: 4 });
    expect(r.quarantined.map((q) => `${q.file}:${q.row}:${q.column}:${q.reason}`)).toEqual([
      'raw/nyc-311.csv:3:Created Date:unparsable-date',
      'raw/nyc-311.csv:4:Closed Date:closed-before-opened',
      'raw/nyc-311.csv:5:Unique Key:duplicate-row',
      'raw/nyc-311.csv:6:Created Date:unparsable-date',
    ]);
  });
  it('creates departments and services that published cases name, with stable ids and a warning (HPD only in a quarantined row)', () => {
    expect(r.created?.departments.map((d) => `${d.id}=${d.name.en}`)).toEqual(['dot=DOT', 'dsny=DSNY', 'nypd=NYPD']);
    expect(r.created?.services.map((d) => d.id)).toEqual(['dirty-condition', 'noise-residential', 'street-condition']);
    expect(r.warnings.some((w) => /department "NYPD" is not in data\/departments\.yaml; created from the data as "nypd"/.test(w))).toBe(true);
    const noise = r.requests.find((q) => q.id === '59000001');
    expect(noise).toMatchObject({ department: 'nypd', category: 'noise-residential', channel: 'phone', status: 'closed', district: 'MANHATTAN', timezone: 'America/New_York' });
    expect(noise?.submittedAt).toBe(Date.parse('2025-01-06T04:15:02Z'));
  });
  it('maps an unknown channel to "other" under policy unknownCode: unknown, and quarantines a time skipped by DST', () => {
    expect(r.requests.find((q) => q.id === '59000007')?.channel).toBe('other');
    expect(r.requests.find((q) => q.id === '59000005')).toBeUndefined();
  });
  it('keeps the full raw row of each quarantined row for the steward, and never the address in an excerpt', () => {
    expect(r.rawRows?.[0]?.raw).toContain('Incident Address=3 ELM ST');
    for (const q of r.quarantined) expect(q.excerpt).not.toContain('ELM ST');
  });
});

describe('ingestAll(opts) with minCloseSeconds', () => {
  it('quarantines a case closed implausibly fast', async () => {
    const r = await run(dataDirWith('nyc', 'name: nyc\npreset: socrata-311\npath: raw/nyc-311.csv\nminCloseSeconds: 60\n'));
    expect(r.quarantined.filter((q) => q.reason === 'closed-too-fast').map((q) => q.row)).toEqual([7]);
  });
});

describe('ingestAll(opts) with preset open311-georeport-v2 (saved requests.json)', () => {
  it('takes updated_datetime as the closed time of closed requests only', async () => {
    const r = await run(dataDirWith('sf', 'name: sf\npreset: open311-georeport-v2\npath: raw/open311-requests.json\ntimezone: America/Los_Angeles\n'));
    expect(r.sources[0]).toMatchObject({ rowsIn: 3, published: 3, quarantined: 0 });
    const byId = new Map(r.requests.map((q) => [q.id, q]));
    expect(byId.get('638350')?.closedAt).toBe(Date.parse('2010-04-23T16:00:00Z'));
    expect(byId.get('638349')?.closedAt).toBeNull();
    expect(byId.get('638344')?.department).toBe('unassigned');
    expect(byId.get('638349')?.department).toBe('public-works');
  });
});

describe('ingestAll(opts) with format xlsx', () => {
  it('reads a named sheet with the header on row 2, Excel serial dates and Chinese dates', async () => {
    const yaml = [
      'name: hall', 'format: xlsx', 'path: raw/cases.xlsx', 'sheet: cases', 'headerRow: 2',
      'columns: { 编号: id, 申请时间: submittedAt, 部门: department, 状态: status }',
      'dateFormats: { default: [excel, "YYYY年M月D日 H时m分"] }',
      'values: { status: { 办结: closed, 在办: open } }', 'defaults: { category: hall }',
      'policy: { unknownDepartment: create }',
    ].join('\n');
    const r = await run(dataDirWith('hall', yaml));
    expect(r.sources[0]).toMatchObject({ rowsIn: 3, published: 2, quarantined: 1 });
    expect(r.requests.map((q) => [q.id, q.submittedAt])).toEqual([
      ['A1', Date.parse('2025-03-01T01:00:00Z')],
      ['A2', Date.parse('2025-03-02T06:05:00Z')],
    ]);
    expect(r.quarantined[0]).toMatchObject({ file: 'raw/cases.xlsx', row: 3, column: '申请时间', reason: 'unparsable-date' });
  });
});

describe('fetchOpen311(query, effects) against an endpoint on 127.0.0.1', () => {
  let server: Server;
  let base = '';
  const hits: string[] = [];
  let flaky = 1;
  beforeAll(async () => {
    server = createServer((req, res) => {
      const u = new URL(req.url ?? '/', 'http://x');
      hits.push(u.search);
      const page = Number(u.searchParams.get('page'));
      if (u.pathname === '/broken/requests.json') {
        res.writeHead(200, { 'content-type': 'text/html' }).end('<html>maintenance</html>');
        return;
      }
      if (page === 2 && flaky > 0) {
        flaky -= 1;
        res.writeHead(503).end('busy');
        return;
      }
      const size = Number(u.searchParams.get('page_size'));
      const total = 5;
      const rows = Array.from({ length: Math.max(0, Math.min(size, total - (page - 1) * size)) }, (_, i) => ({
        service_request_id: String((page - 1) * size + i + 1),
        status: 'open',
        requested_datetime: '2025-01-02T03:04:05Z',
      }));
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(rows));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const addr = server.address();
    base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const fx = { fetch: (url: string) => fetch(url), sleep: async () => {} };

  it('fetches every page of the window, retrying a failing page', async () => {
    const rows = await fetchOpen311({ url: `${base}/requests.json`, start: '2025-01-01', end: '2025-01-31', pageSize: 2, retries: 2 }, fx);
    expect(rows.map((r) => (r as { service_request_id: string }).service_request_id)).toEqual(['1', '2', '3', '4', '5']);
    expect(hits.filter((h) => h.includes('page=2&')).length).toBe(2);
    expect(hits[0]).toContain('start_date=2025-01-01T00%3A00%3A00Z&end_date=2025-01-31T23%3A59%3A59Z&page=1&page_size=2');
  });
  it('fails clearly when the endpoint keeps misbehaving', async () => {
    await expect(fetchOpen311({ url: `${base}/broken/requests.json`, start: '2025-01-01', end: '2025-01-31', pageSize: 2, retries: 1 }, fx)).rejects.toThrow(
      /broken\/requests\.json\?.*page=1.*: Open311 endpoint failed after 2 attempt\(s\): the body is not JSON \(starts "<html>maintenance/,
    );
  });
  it('feeds ingest from the endpoint named by "url"', async () => {
    flaky = 1;
    const yaml = `name: live\npreset: open311-georeport-v2\nurl: ${base}/requests.json\nwindow: { start: 2025-01-01, end: 2025-01-31 }\npageSize: 2\n`;
    const r = await run(dataDirWith('live', yaml), { fetch: { fetch: (url) => fetch(url), sleep: async () => {} } });
    expect(r.sources[0]).toMatchObject({ rowsIn: 5, published: 5, quarantined: 0 });
  });
});
