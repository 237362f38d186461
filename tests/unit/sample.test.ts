import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import type { City, Service } from '../../scripts/sample/city.ts';
import type { TextSink } from '../../scripts/sample/csv.ts';
import { csvRecord } from '../../scripts/sample/csv.ts';
import { parseArgs } from '../../scripts/sample/generate.ts';
import { parseCalendars, parseDepartments } from '../../scripts/sample/load.ts';
import { idCheckChar, isValidIdNumber, isValidLuhn, isValidUscc, usccCheckChar } from '../../scripts/sample/people.ts';
import { createRng } from '../../scripts/sample/prng.ts';
import { generateSample, type SampleResult } from '../../scripts/sample/sample.ts';
import { formatIso, formatSlash, dayOf, civil } from '../../scripts/sample/time.ts';

/** Made-up services covering the patterns the tests look for. */
const svc = (id: string, department: string, days: number, channels: Service['channels'], serves: Service['serves']): Service => ({
  id,
  code: `TEST-${id.toUpperCase()}`,
  name: { zh: `测试事项${id}`, en: id },
  department,
  promisedLimit: { days, unit: 'working' },
  channels,
  serves,
});

const SERVICES: Service[] = [
  svc('a', 'education', 10, ['online', 'in-person'], ['citizen']),
  svc('b', 'taxation', 0, ['online', 'mobile', 'in-person'], ['citizen', 'enterprise']),
  svc('c', 'market', 5, ['in-person', 'post'], ['enterprise']),
  svc('d', 'housing', 20, ['in-person'], ['citizen']),
  svc('e', 'housing-fund', 3, ['online', 'mobile'], ['citizen']),
];

function loadFixture(): { city: City; calendar: ReturnType<typeof parseCalendars> } {
  const departments = parseDepartments('data/departments.yaml', readFileSync('data/departments.yaml', 'utf8'));
  const calDir = 'data/calendar';
  const calendar = parseCalendars(readdirSync(calDir).sort().map((n) => ({ path: n, text: readFileSync(join(calDir, n), 'utf8') })));
  return { city: { departments, services: SERVICES }, calendar };
}

interface Output {
  files: { hotline: string; hall: string; ratings: string };
  result: SampleResult;
}

function memorySink(): TextSink & { text(): string } {
  const parts: string[] = [];
  return { write: (t) => void parts.push(t), close: () => undefined, text: () => parts.join('') };
}

function generate(seed: number, rows: number): Output {
  const { city, calendar } = loadFixture();
  const sinks = { hotline: memorySink(), hall: memorySink(), ratings: memorySink() };
  const result = generateSample(city, calendar, { seed, rows }, sinks);
  return { files: { hotline: sinks.hotline.text(), hall: sinks.hall.text(), ratings: sinks.ratings.text() }, result };
}

function parse(text: string): string[][] {
  return Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;
}

const ROWS = 20_000;
let out: Output;
let hotline: string[][];
let hall: string[][];
let ratings: string[][];

beforeAll(() => {
  out = generate(42, ROWS);
  hotline = parse(out.files.hotline).slice(1);
  hall = parse(out.files.hall).slice(1);
  ratings = parse(out.files.ratings).slice(1);
});

describe('generateSample(city, calendar, options, sinks)', () => {
  it('gives byte-identical files for the same seed, and different files for another seed', () => {
    const again = generate(42, ROWS);
    expect(again.files).toEqual(out.files);
    expect(generate(43, ROWS).files.hotline).not.toEqual(out.files.hotline);
  });

  it('writes the exact headers, encodings and line endings of each export', () => {
    expect(out.files.hotline.startsWith('\uFEFF工单编号,来电时间,受理时间,办结时间,办结时限,承办单位,诉求类型,诉求内容,来电人,联系电话,证件号码,所属区县,来源渠道,工单状态,诉求人类型,办理用时(分钟)\r\n')).toBe(true);
    expect(out.files.hall.startsWith('申请编号,事项编码,事项名称,实施部门,申请人,证件号码,联系方式,申请人类型,申请方式,申请时间,受理时间,办结时间,办件状态,到现场次数,所在区,备注\n')).toBe(true);
    expect(out.files.ratings.startsWith('评价编号,业务编号,评价渠道,评价等级,评价时间,评价内容\n')).toBe(true);
    expect(out.files.hall).not.toContain('\r');
    expect(out.files.hotline.replaceAll('\r\n', '')).not.toMatch(/^[^"]*\n/);
  });

  it('splits the requested rows 60/40 between hotline and hall, plus the planted duplicate line', () => {
    expect(out.result.records.hotline).toBe(0.6 * ROWS + 1);
    expect(out.result.records.hall).toBe(0.4 * ROWS);
    expect(hotline).toHaveLength(out.result.records.hotline);
    expect(hall).toHaveLength(out.result.records.hall);
    expect(ratings).toHaveLength(out.result.records.ratings);
  });

  it('plants each documented defect exactly where it reports it', () => {
    const kinds = out.result.defects.map((d) => d.kind).sort();
    expect(kinds).toEqual(['closed-before-opened', 'duplicate-id', 'duplicate-row', 'invalid-level', 'malformed-row', 'missing-department', 'unknown-reference', 'unparsable-date', 'unknown-service'].sort());
    const rowOf = (file: string, record: number): string[] => {
      const rows = file === 'hotline-12345.csv' ? hotline : file === 'service-hall.csv' ? hall : ratings;
      return rows[record - 1] ?? [];
    };
    for (const d of out.result.defects) {
      const row = rowOf(d.file, d.record);
      if (d.kind !== 'duplicate-id') expect(row[0]).toBe(d.id);
      if (d.kind === 'malformed-row') expect(row.length).toBeLessThan(16);
      if (d.kind === 'closed-before-opened') expect((row[3] ?? '') < (row[1] ?? '')).toBe(true);
      if (d.kind === 'duplicate-row') expect(rowOf(d.file, d.record - 1)).toEqual(row);
      if (d.kind === 'missing-department') expect(row[5]).toBe('');
      if (d.kind === 'unparsable-date') expect(row[9]).toBe('2025/13/45 25:61');
      if (d.kind === 'unknown-service') expect(SERVICES.map((s) => s.code)).not.toContain(row[1]);
      if (d.kind === 'duplicate-id') {
        expect(row[0]).toBe(d.id);
        expect(rowOf(d.file, d.record - 1)[0]).toBe(d.id);
        expect(rowOf(d.file, d.record - 1)).not.toEqual(row);
      }
      if (d.kind === 'invalid-level') expect(row[3]).toBe('一般');
      if (d.kind === 'unknown-reference') expect(new Set([...hotline, ...hall].map((r) => r[0]))).not.toContain(row[1]);
    }
    // Apart from the planted ones, the files are clean.
    expect(hotline.filter((r) => r.length !== 16)).toHaveLength(1);
    expect(new Set(hotline.map((r) => r[0])).size).toBe(hotline.length - 1);
    expect(new Set(hall.map((r) => r[0])).size).toBe(hall.length - 1);
  });

  it('gives every resident ID number and credit code a valid check character', () => {
    const hotlineIds = hotline.map((r) => r[10] ?? '').filter((v) => v !== '');
    expect(hotlineIds.length / hotline.length).toBeGreaterThan(0.55);
    expect(hotlineIds.length / hotline.length).toBeLessThan(0.65);
    for (const id of hotlineIds) expect(isValidIdNumber(id)).toBe(true);
    for (const r of hall) expect(r[7] === '法人' ? isValidUscc(r[5] ?? '') : isValidIdNumber(r[5] ?? '')).toBe(true);
    const inText = hotline.flatMap((r) => (r[7] ?? '').match(/(?<!\d)\d{17}[\dX](?!\d)/g) ?? []);
    expect(inText.length).toBeGreaterThan(50);
    for (const id of inText) expect(isValidIdNumber(id)).toBe(true);
    const cards = hotline.flatMap((r) => (r[7] ?? '').match(/(?<=(银行卡号|打到))\d{16,19}/g) ?? []);
    expect(cards.length).toBeGreaterThan(0);
    for (const card of cards) expect(isValidLuhn(card)).toBe(true);
  });

  it('has callers who call again about the same kind of matter within four weeks (repeat contacts to measure)', () => {
    // Columns: 1 来电时间, 6 诉求类型, 8 来电人, 9 联系电话, 10 证件号码.
    const seen = new Map<string, { at: number; name: string; id: string }>();
    let again = 0;
    for (const r of hotline) {
      if (r.length !== 16) continue;
      const key = `${r[6]}|${r[9]}`;
      const at = Date.parse(`${(r[1] ?? '').replace(' ', 'T')}Z`);
      const before = seen.get(key);
      if (before) {
        again++;
        // The same person: same name and ID number, within the window.
        expect(before.name).toBe(r[8]);
        expect(before.id).toBe(r[10]);
        expect(at - before.at).toBeLessThanOrEqual(28 * 86_400_000 + 86_400_000);
      }
      seen.set(key, { at, name: r[8] ?? '', id: r[10] ?? '' });
    }
    const share = again / hotline.length;
    expect(share).toBeGreaterThan(0.03);
    expect(share).toBeLessThan(0.07);
  });

  it('puts personal data into roughly a third of hotline texts', () => {
    const pii = /1[3-9]\d[- ]?\d{4}[- ]?\d{4}|\d{17}[\dX]|@(qq|163|126|gmail)\.com|先生|女士|阿姨|师傅|联系人|我叫|本人|来电人[\u4e00-\u9fa5]{2,3}[，。]|\d+号|室|车牌号|银行卡|打到/;
    const share = hotline.filter((r) => pii.test(r[7] ?? '')).length / hotline.length;
    expect(share).toBeGreaterThan(0.28);
    expect(share).toBeLessThan(0.45);
    for (const r of hotline) if (r.length === 16) expect((r[7] ?? '').length).toBeGreaterThanOrEqual(20);
    expect(out.files.hotline).not.toMatch(/@example\.(org|com)/);
  });

  it('shows the Spring Festival dip, the education peak and the tax peak', () => {
    const month = (rows: string[][], col: number, pred: (r: string[]) => boolean = () => true): Map<string, number> => {
      const m = new Map<string, number>();
      for (const r of rows) {
        if (!pred(r)) continue;
        const v = r[col] ?? '';
        const key = v.includes('/') ? v.split('/').slice(0, 2).map((x) => x.padStart(2, '0')).join('-') : v.slice(0, 7);
        m.set(key, (m.get(key) ?? 0) + 1);
      }
      return m;
    };
    const calls = month(hotline, 1);
    expect(calls.get('2026-02') ?? 0).toBeLessThan(0.7 * (calls.get('2026-03') ?? 0));
    const edu = month(hall, 9, (r) => r[1] === 'TEST-A');
    expect(edu.get('2025-06') ?? 0).toBeGreaterThan(2 * (edu.get('2025-11') ?? 0));
    const tax = month(hall, 9, (r) => r[1] === 'TEST-B');
    expect(tax.get('2026-04') ?? 0).toBeGreaterThan(1.5 * (tax.get('2025-09') ?? 0));
  });

  it('keeps requests open only where the story allows it: mostly recent, never with a closing time', () => {
    const open = hotline.filter((r) => r[13] === '办理中' || r[13] === '已转办');
    expect(open.every((r) => r[3] === '')).toBe(true);
    expect(open.filter((r) => (r[1] ?? '') >= '2026-10').length / open.length).toBeGreaterThan(0.6);
    const hallOpen = hall.filter((r) => r[12] === '在办');
    expect(hallOpen.every((r) => r[11] === '')).toBe(true);
    expect(hall.filter((r) => r[12] !== '在办').every((r) => r[11] !== '')).toBe(true);
    expect(hall.filter((r) => r[8] !== '窗口').every((r) => r[13] === '0')).toBe(true);
    expect(hall.filter((r) => r[1] === 'TEST-E').every((r) => r[8] === '网上' || r[8] === '掌上办')).toBe(true);
  });

  it('rates only closed requests, after they closed, at about the documented response rates', () => {
    const closed = new Map<string, string>();
    for (const r of hotline) if (r[13] === '已办结') closed.set(r[0] ?? '', r[3] ?? '');
    const hallClosed = new Map<string, string>();
    for (const r of hall) if (r[12] === '办结') hallClosed.set(r[0] ?? '', r[11] ?? '');
    const byRef = ratings.filter((r) => closed.has(r[1] ?? '') || hallClosed.has(r[1] ?? ''));
    expect(ratings.length - byRef.length).toBeLessThanOrEqual(3);
    for (const r of ratings) if (closed.has(r[1] ?? '') && r[1] !== out.result.defects.find((d) => d.kind === 'closed-before-opened')?.id) expect((r[4] ?? '') >= (closed.get(r[1] ?? '') ?? '')).toBe(true);
    const hotlineRate = ratings.filter((r) => closed.has(r[1] ?? '')).length / closed.size;
    const hallRate = ratings.filter((r) => hallClosed.has(r[1] ?? '')).length / hallClosed.size;
    expect(hotlineRate).toBeGreaterThan(0.5);
    expect(hotlineRate).toBeLessThan(0.6);
    expect(hallRate).toBeGreaterThan(0.35);
    expect(hallRate).toBeLessThan(0.45);
    const numbers = ratings.map((r) => r[0]);
    expect(numbers[0]).toBe('PJ-00000001');
    expect(ratings.every((r, i) => i === 0 || (r[4] ?? '') >= (ratings[i - 1]?.[4] ?? ''))).toBe(true);
  });
});

describe('check characters', () => {
  it('idCheckChar(first17) matches the GB 11643 example 11010519491231002X', () => {
    expect(idCheckChar('11010519491231002')).toBe('X');
    expect(isValidIdNumber('11010519491231002X')).toBe(true);
    expect(isValidIdNumber('110105194912310021')).toBe(false);
  });
  it('usccCheckChar(first17) matches a published GB 32100 code', () => {
    expect(usccCheckChar('91350100M000100Y4')).toBe('3');
    expect(isValidUscc('91350100M000100Y43')).toBe(true);
  });
  it('isValidLuhn(digits) accepts 4111111111111111 and rejects a changed digit', () => {
    expect(isValidLuhn('4111111111111111')).toBe(true);
    expect(isValidLuhn('4111111111111112')).toBe(false);
  });
});

describe('formatting and helpers', () => {
  it('formatIso and formatSlash use the wall clock, whatever the process time zone', () => {
    const sec = dayOf(2026, 2, 3) * 86_400 + 9 * 3600 + 5 * 60 + 7;
    expect(formatIso(sec)).toBe('2026-02-03 09:05:07');
    expect(formatSlash(sec)).toBe('2026/2/3 9:05');
    expect(civil(dayOf(2024, 2, 29))).toEqual({ y: 2024, m: 2, d: 29 });
  });
  it('csvRecord(fields) quotes commas, quotes and newlines per RFC 4180', () => {
    expect(csvRecord(['a', 'b,c', 'say "hi"', 'x\ny'])).toBe('a,"b,c","say ""hi""","x\ny"');
  });
  it('createRng(seed) repeats its stream', () => {
    const a = createRng(1);
    const b = createRng(1);
    expect(Array.from({ length: 5 }, () => a.next())).toEqual(Array.from({ length: 5 }, () => b.next()));
  });
  it('parseArgs(argv) reads options and rejects unknown ones with usage', () => {
    expect(parseArgs(['--seed', '7', '--rows', '1000', '--out', '/tmp/x'])).toMatchObject({ seed: 7, rows: 1000, out: '/tmp/x', data: 'data' });
    expect(() => parseArgs(['--rows', '-5'])).toThrow(/positive integer/);
    expect(() => parseArgs(['--fast', '1'])).toThrow(/unknown option/);
  });
});
