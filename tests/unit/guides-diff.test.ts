import { describe, expect, it } from 'vitest';
import type { Rule, ServiceGuide } from '../../src/lib/content-schema.ts';
import { changeDate, diffGuide, diffGuides, diffRules } from '../../scripts/guides/diff.ts';
import { loadGuides, loadRules } from '../../scripts/content/load.ts';

const base: ServiceGuide = loadGuides('tests/fixtures/guides/city/services')[0] as ServiceGuide;
const rule: Rule = loadRules('tests/fixtures/guides/city/rules')[0] as Rule;

describe('diffGuide(prev, cur, date)', () => {
  it('reports materials added and dropped, limits cut, fees and visits changed', () => {
    const cur: ServiceGuide = {
      ...base,
      materials: [...base.materials.slice(1), { ...base.materials[0]!, name: { zh: '新材料', en: 'New' } }],
      promisedLimit: { days: base.promisedLimit.days - 5, unit: base.promisedLimit.unit },
      statutoryLimit: { days: base.statutoryLimit.days, unit: 'natural' },
      fees: { free: false, items: [{ name: { zh: '工本费', en: '' }, amountYuan: 20, basis: { zh: '某规定', en: '' } }] },
      visits: base.visits + 1,
    };
    const rows = diffGuide(base, cur, '2026-05-01');
    expect(rows.map((r) => r.change)).toEqual(['material-dropped', 'material-added', 'limit-cut', 'limit-changed', 'fee-changed', 'visits-changed']);
    expect(rows[0]?.before).toBe(base.materials[0]?.name.zh);
    expect(rows[4]).toMatchObject({ before: 'free', after: '工本费 20' });
  });
  it('reports nothing for an unchanged guide, even when only the English text differs', () => {
    expect(diffGuide(base, { ...base, summary: { zh: base.summary.zh, en: 'x' } }, '2026-05-01')).toEqual([]);
  });
});

describe('diffGuides(prev, cur, since, asOf)', () => {
  it('dates a change by the new version when it took effect after the previous release, else by the release', () => {
    const newer = { ...base, effective: '2026-03-01', visits: 9 };
    expect(diffGuides([base], [newer], '2026-01-01', '2026-06-30')[0]?.date).toBe('2026-03-01');
    expect(diffGuides([base], [{ ...base, visits: 9 }], '2026-01-01', '2026-06-30')[0]?.date).toBe('2026-06-30');
    expect(changeDate('2027-01-01', '2026-01-01', '2026-06-30')).toBe('2026-06-30');
  });
  it('lists added and withdrawn guides', () => {
    const other = { ...base, id: 'other' };
    expect(diffGuides([base], [other], '2026-01-01', '2026-06-30').map((r) => [r.id, r.change])).toEqual([['elderly-allowance', 'removed'], ['other', 'added']]);
  });
});

describe('diffRules(prev, cur, since, asOf)', () => {
  it('reports a status change dated by the repeal', () => {
    const repealed: Rule = { ...rule, status: 'repealed', repealed: '2026-04-01' };
    expect(diffRules([rule], [repealed], '2026-01-01', '2026-06-30')).toEqual([
      { date: '2026-04-01', kind: 'rule', id: rule.id, change: 'status-changed', field: 'status', before: 'in-force', after: 'repealed' },
    ]);
  });
});
