import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { serviceGuide } from '../../src/lib/content-schema.ts';
import { loadDepartments } from '../../scripts/config/departments.ts';
import { loadGuideStage } from '../../scripts/guides/index.ts';
import { parseMapping, type GuideMapping } from '../../scripts/guides/mapping.ts';
import { idFromCode, normalizeGuide, resolveDepartment } from '../../scripts/guides/normalize.ts';
import { readExport, rowsFromJsonl } from '../../scripts/guides/read-export.ts';

const fx = 'tests/fixtures/guides';
const departments = loadDepartments('data/departments.yaml');
const ctx = { departments, rules: [{ id: 'elderly-allowance-measures', title: { zh: '示例市高龄津贴发放办法' }, status: 'in-force' }] };

const mappingYaml = (format: string, path: string, records = '') => `
name: t
path: ${path}
format: ${format}
records: ${records}
fields: { code: code, name.zh: title, department: dept, promisedLimit: limits.promised, statutoryLimit: limits.statutory, materials: materials, fees: fees, visits: visits, consultPhone: phone, complaintPhone: phone, email: email, effective: date }
defaults: { itemType: 公共服务, serves: 自然人, category: other, channels: 窗口, steps: 受理, place: 大厅, hours: 工作日, legalBasis: 《示例市高龄津贴发放办法》, conditions.zh: 符合条件 }
`;

describe('parseMapping(file, text)', () => {
  it('names the file and the problem when a mapping is malformed', () => {
    expect(() => parseMapping('x.yaml', 'format: csv\npath: a')).toThrow(/x\.yaml: "format" must be json, jsonl or xlsx/);
    expect(() => parseMapping('x.yaml', 'format: json\npath: a\nfields: { code: c, name.zh: n, department: d, colour: c }')).toThrow(/unknown guide field "colour"/);
  });
});

describe('readExport(path, mapping)', () => {
  it('reads the rows of a real .xlsx file with numbers kept as numbers', async () => {
    const m = parseMapping('sheet.yaml', readFileSync(`${fx}/city/guide-sources/sheet.yaml`, 'utf8'));
    const rows = await readExport(`${fx}/city/${m.path}`, m);
    expect(rows.map((r) => r.row)).toEqual([1, 2]);
    expect(rows[0]?.data['承诺办结时限']).toBe('5个工作日');
    expect(rows[1]?.data['法定办结时限']).toBe(20);
  });
  it('reads JSON at a dotted records path and JSON Lines skipping blank lines', async () => {
    const json = await readExport(`${fx}/export.json`, parseMapping('j.yaml', mappingYaml('json', 'x', 'data.items')));
    expect(json.map((r) => r.data['code'])).toEqual(['JS-0001']);
    const jsonl = await readExport(`${fx}/export.jsonl`, parseMapping('l.yaml', mappingYaml('jsonl', 'x')));
    expect(jsonl.map((r) => r.row)).toEqual([1, 3]);
  });
  it('names the line of a bad JSON Lines row', () => {
    expect(() => rowsFromJsonl('a.jsonl', '{"a":1}\n{oops')).toThrow(/a\.jsonl: line 2 is not valid JSON/);
  });
});

describe('normalizeGuide(data, mapping, ctx, where)', () => {
  const mapping: GuideMapping = parseMapping('j.yaml', mappingYaml('json', 'x', 'data.items'));
  it('parses messy values, keeps the original text and links the legal basis to a rule', () => {
    const data = JSON.parse(readFileSync(`${fx}/export.json`, 'utf8')).data.items[0] as Record<string, unknown>;
    const n = normalizeGuide(data, mapping, ctx, { file: 'export.json', row: 1 });
    expect(n.errors).toEqual([]);
    const g = n.guide;
    expect(serviceGuide.safeParse(g).success).toBe(true);
    expect(g?.id).toBe('js-0001');
    expect(g?.department).toBe('civil-affairs');
    expect(g?.promisedLimit).toEqual({ days: 10, unit: 'working', text: '10个工作日' });
    expect(g?.statutoryLimit).toEqual({ days: 10, unit: 'working', text: '无' });
    expect(g?.contacts).toEqual({ consultPhone: '12345 转 3001', complaintPhone: '12345 转 3001', email: 'a@example.org', text: '12345转3001；12345转3001' });
    expect(g?.visits).toBe(0);
    expect(g?.effective).toBe('2026-02-03');
    expect(g?.legalBasis[0]?.rule).toBe('elderly-allowance-measures');
    expect(n.issues).toEqual(['statutory limit "无" could not be read as days; the other limit is shown, with this text beside it']);
  });
  it('rejects a guide that fails the schema, naming each field', () => {
    const n = normalizeGuide({ code: 'JL-0002', title: '', dept: 'market', limits: { promised: '按规定', statutory: '/' }, email: 'b@example.org', date: '2026-03-04' }, mapping, ctx, { file: 'x', row: 3 });
    expect(n.guide).toBeNull();
    expect(n.errors.join('\n')).toMatch(/field "name\.zh"/);
    expect(n.errors.join('\n')).toMatch(/field "promisedLimit"/);
  });
});

describe('idFromCode(code) and resolveDepartment(text, departments)', () => {
  it('derives URL ids and resolves names and aliases', () => {
    expect(idFromCode('SL-MKT-0101')).toBe('sl-mkt-0101');
    expect(resolveDepartment('市场监管局', departments)).toBe('market');
    expect(resolveDepartment('示例市教育局', departments)).toBe('education');
    expect(resolveDepartment('不存在的局', departments)).toBeNull();
  });
});

describe('loadGuideStage({ dataDir, asOf, departments })', () => {
  it('publishes Markdown and imported guides, lists problems and rejects, and diffs with the previous release', async () => {
    const s = await loadGuideStage({ dataDir: `${fx}/city`, asOf: '2026-06-30', departments });
    expect(s.guides.map((g) => g.id)).toEqual(['elderly-allowance', 'xl-0001']);
    expect(s.quality.sources).toEqual([
      { source: 'markdown', file: 'services/*.md', guides_in: 1, published: 1, rejected: 0 },
      { source: 'sheet-export', file: 'guide-exports/guides.xlsx', guides_in: 2, published: 1, rejected: 1 },
    ]);
    const rejected = s.quality.issues.filter((i) => i.severity === 'rejected');
    expect(rejected.map((i) => [i.row, i.message])).toEqual([[2, 'field "department": "不存在的局" is not in departments.yaml']]);
    const xl = s.guides.find((g) => g.id === 'xl-0001');
    expect(xl?.materials.map((m) => [m.name.zh, m.form, m.copies])).toEqual([['身份证', 'original', 1], ['户口簿', 'copy', 2]]);
    expect(xl?.origin).toEqual({ file: 'guide-exports/guides.xlsx', row: 1 });
    expect(s.previous).toBe('2026-01-01');
    // Newest first; xl-0001 took effect after the snapshot, so it is dated by its own effective date.
    expect(s.changes.map((c) => [c.date, c.id, c.change, c.before, c.after])).toEqual([
      ['2026-06-30', 'elderly-allowance-measures', 'added', '', 'in-force'],
      ['2026-06-30', 'elderly-allowance', 'limit-cut', '15 working', '10 working'],
      ['2026-06-30', 'elderly-allowance', 'material-dropped', '户口簿', ''],
      ['2026-01-15', 'xl-0001', 'added', '', '1.0'],
    ]);
  });
});
