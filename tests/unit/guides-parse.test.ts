import { describe, expect, it } from 'vitest';
import { formatPhone, parseEmail, parsePhone } from '../../scripts/guides/contact.ts';
import { parseFees } from '../../scripts/guides/fees.ts';
import { parseLimit } from '../../scripts/guides/limit.ts';
import { parseMaterials } from '../../scripts/guides/materials.ts';
import { isPlaceholder, parseNumeral, splitList } from '../../scripts/guides/text.ts';

describe('parseLimit(value)', () => {
  it('reads the ways guide systems write limits and keeps the original text', () => {
    expect(parseLimit('30(工作日)')).toEqual({ days: 30, unit: 'working', text: '30(工作日)' });
    expect(parseLimit('5个工作日')).toEqual({ days: 5, unit: 'working', text: '5个工作日' });
    expect(parseLimit('３０（工作日）')).toEqual({ days: 30, unit: 'working', text: '３０（工作日）' });
    expect(parseLimit('二十个工作日')).toEqual({ days: 20, unit: 'working', text: '二十个工作日' });
    expect(parseLimit('20日')).toEqual({ days: 20, unit: 'natural', text: '20日' });
    expect(parseLimit('60天')).toEqual({ days: 60, unit: 'natural', text: '60天' });
    expect(parseLimit('即办')).toEqual({ days: 0, unit: 'working', text: '即办' });
    expect(parseLimit(15)).toEqual({ days: 15, unit: 'working', text: '15' });
  });
  it('returns null for placeholders and text without a number of days', () => {
    for (const v of ['无', '/', '—', '', null, '按规定时限']) expect(parseLimit(v), String(v)).toBeNull();
  });
});

describe('parseNumeral(text)', () => {
  it('reads Arabic and Chinese numerals', () => {
    expect([parseNumeral('30'), parseNumeral('十五'), parseNumeral('三十'), parseNumeral('一百二十'), parseNumeral('两')]).toEqual([30, 15, 30, 120, 2]);
    expect(parseNumeral('若干')).toBeNull();
  });
});

describe('isPlaceholder(value) and splitList(value)', () => {
  it('treats 无, 暂无, / and blanks as empty', () => {
    expect(['无', '暂无', '/', ' ', null, ['无', '']].every(isPlaceholder)).toBe(true);
    expect(isPlaceholder('无犯罪记录证明')).toBe(false);
  });
  it('splits numbered lists and drops the numbering', () => {
    expect(splitList('1.申请；2、受理\n3．审查')).toEqual(['申请', '受理', '审查']);
    expect(splitList(['甲；乙', '无'])).toEqual(['甲', '乙']);
  });
});

describe('parsePhone(value)', () => {
  it('reads extensions written with 转, 分机 or ext and formats them one way', () => {
    expect(parsePhone('12345转2111')).toEqual({ number: '12345', ext: '2111' });
    expect(parsePhone('12345-转-2114')).toEqual({ number: '12345', ext: '2114' });
    expect(parsePhone('热线12345 分机 2112（工作日）')).toEqual({ number: '12345', ext: '2112' });
    expect(parsePhone('0000-1234567 ext. 8')).toEqual({ number: '0000-1234567', ext: '8' });
    expect(formatPhone({ number: '12345', ext: '2111' })).toBe('12345 转 2111');
    expect(parsePhone('无')).toBeNull();
  });
  it('finds an e-mail address inside text', () => {
    expect(parseEmail('邮箱：civil@example.org（工作日回复）')).toBe('civil@example.org');
    expect(parseEmail('无')).toBeNull();
  });
});

describe('parseFees(value, basis, issues)', () => {
  it('reads 无 and 不收费 as free', () => {
    const issues: string[] = [];
    expect(parseFees('无', '', issues)).toEqual({ free: true, items: [] });
    expect(parseFees('不收费', '', issues)).toEqual({ free: true, items: [] });
    expect(issues).toEqual([]);
  });
  it('reads amounts in 元 and reports a missing basis and unreadable amounts', () => {
    const issues: string[] = [];
    const fees = parseFees('工本费：20元；加急费10元', '', issues);
    expect(fees.items.map((f) => [f.name.zh, f.amountYuan])).toEqual([['工本费', 20], ['加急费', 10]]);
    expect(issues).toEqual(['fees: legal basis for charging (收费依据) not stated']);
    const more: string[] = [];
    expect(parseFees('按实际面积计收', '某标准', more)).toEqual({ free: false, items: [] });
    expect(more[0]).toContain('no amount');
  });
});

describe('parseMaterials(value, keys, issues)', () => {
  const keys = { name: '材料名称', form: '材料形式', copies: '份数', required: '必要性', condition: '备注', blankForm: '空白表格', children: '子材料' };
  it('reads materials written as one string, with form, copies and condition', () => {
    const issues: string[] = [];
    const m = parseMaterials('身份证原件1份；残疾人证原件及复印件2份；户口簿复印件（非本人申请的）', keys, issues);
    expect(m.map((x) => [x.name.zh, x.form, x.copies, x.required, x.condition?.zh])).toEqual([
      ['身份证', 'original', 1, true, undefined],
      ['残疾人证', 'original-and-copy', 2, true, undefined],
      ['户口簿', 'copy', 1, false, '非本人申请的'],
    ]);
    expect(m[0]?.text).toBe('身份证原件1份');
    expect(issues).toEqual(['material "户口簿复印件（非本人申请的）": number of copies not stated; shown as 1']);
  });
  it('flattens nested objects and lists, and keeps blank-form links', () => {
    const issues: string[] = [];
    const m = parseMaterials(
      { 材料: [{ 材料名称: '申请表', 材料形式: '原件', 份数: '二份', 必要性: '必要', 空白表格: 'https://example.org/a.docx', 子材料: [{ 材料名称: '方案', 材料形式: '复印件', 份数: 1, 必要性: '容缺', 备注: '涉及道路的' }] }, ['说明复印件1份']] },
      keys,
      issues,
    );
    expect(m.map((x) => [x.name.zh, x.form, x.copies, x.required])).toEqual([
      ['申请表', 'original', 2, true],
      ['方案', 'copy', 1, false],
      ['说明', 'copy', 1, true],
    ]);
    expect(m[0]?.blankForm).toBe('https://example.org/a.docx');
    expect(issues).toEqual([]);
  });
  it('reports entries it cannot read instead of dropping them silently', () => {
    const issues: string[] = [];
    expect(parseMaterials([{ 名字: 'x' }, 42], keys, issues)).toEqual([]);
    expect(issues).toHaveLength(2);
  });
});
