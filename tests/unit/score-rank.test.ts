import { describe, expect, it } from 'vitest';
import type { KpiMeasures } from '../../src/lib/published.ts';
import { buildScores, componentsOf, rankRanges, scoreOf, type Weights } from '../../scripts/measure/score.ts';
import { computeKpis } from '../../scripts/measure/kpis.ts';

const weights: Weights = { timeliness: 30, satisfaction: 25, rectification: 15, digital: 10, guides: 10, repeat: 10 };

function kpi(over: Partial<KpiMeasures>): KpiMeasures {
  return { ...computeKpis([], 1).kpis, ...over };
}

describe('scoreOf(components, weights)', () => {
  it('is the weighted mean × 100, rescaling weights over the components that exist', () => {
    const b = (v: number) => ({ value: v, lo: v, hi: v });
    // (30×0.9 + 25×0.8 + 10×0.5 + 10×1 + 10×1) / 85 = 72/85 = 84.705… → 84.7 (no rectification component).
    expect(scoreOf({ timeliness: b(0.9), satisfaction: b(0.8), rectification: null, digital: b(0.5), guides: b(1), repeat: b(1) }, weights)).toEqual({ score: 84.7, lo: 84.7, hi: 84.7 });
  });
  it('is null when no component exists', () => {
    expect(scoreOf({ timeliness: null, satisfaction: null, rectification: null, digital: null, guides: null, repeat: null }, weights)).toBeNull();
  });
});

describe('componentsOf(kpis, guides, minCell)', () => {
  it('takes Wilson bounds of each rate and leaves guide completeness exact', () => {
    const c = componentsOf(kpi({ requests: 10, on_time: 5, due_n: 10, satisfied: 0, rated: 10, bad: 0, resolved_in_limit: 0, digital: 10, repeat: 0 }), 0.8, 5);
    expect(c.timeliness).toEqual({ value: 0.5, lo: 0.2366, hi: 0.7634 });
    expect(c.satisfaction).toEqual({ value: 0, lo: 0, hi: 0.2775 });
    expect(c.rectification).toBeNull();
    expect(c.guides).toEqual({ value: 0.8, lo: 0.8, hi: 0.8 });
    expect(c.repeat).toEqual({ value: 1, lo: 0.7225, hi: 1 });
  });
});

describe('rankRanges(entries)', () => {
  it('gives competition ranks and the ranks compatible with the intervals', () => {
    const r = rankRanges([
      { id: 'a', score: 90, lo: 88, hi: 92 },
      { id: 'b', score: 80, lo: 70, hi: 89 },
      { id: 'c', score: 80, lo: 79, hi: 81 },
      { id: 'd', score: 50, lo: 45, hi: 55 },
    ]);
    expect(r.get('a')).toEqual({ rank: 1, best: 1, worst: 2 }); // b overlaps a; c and d are surely below.
    expect(r.get('b')).toEqual({ rank: 2, best: 1, worst: 3 });
    expect(r.get('c')).toEqual({ rank: 2, best: 2, worst: 3 }); // a is surely above.
    expect(r.get('d')).toEqual({ rank: 4, best: 4, worst: 4 });
  });
});

describe('buildScores(inputs, options)', () => {
  const opts = { weights, version: '1.0', minCases: 10, minCell: 5, period: { from: '2026-01', to: '2026-12' } };
  const a = { department: 'a', current: kpi({ requests: 20, on_time: 18, due_n: 20, satisfied: 15, rated: 20, digital: 10, repeat: 2, bad: 0 }), previous: kpi({ requests: 20, on_time: 10, due_n: 20, satisfied: 15, rated: 20, digital: 10, repeat: 2, bad: 0 }), guides: 1 };
  const b = { department: 'b', current: kpi({ requests: 30, on_time: 15, due_n: 30, satisfied: 10, rated: 30, digital: 3, repeat: 0, bad: 0 }), previous: kpi({ requests: 3 }), guides: null };
  const c = { department: 'c', current: kpi({ requests: 9, on_time: 9, due_n: 9 }), previous: kpi({}), guides: 1 };
  it('scores, ranks and compares with the previous period by hand', () => {
    const rows = buildScores([a, b, c], opts);
    const byId = Object.fromEntries(rows.map((r) => [r.department, r]));
    // a: (30×0.9 + 25×0.75 + 10×0.5 + 10×1 + 10×0.9) / 85 = 69.75/85 = 82.06 → 82.1; previous: 30×0.5 … = 57.75/85 = 67.9.
    expect(byId['a']).toMatchObject({ ranked: true, score: 82.1, rank: 1, prev_score: 67.9, change: 14.2, timeliness: 0.9, guides: 1 });
    // b has no guides: (30×0.5 + 25×0.3333 + 10×0.1 + 10×1) / 75 = 34.33/75 = 45.8; previous below minCases -> no change.
    expect(byId['b']).toMatchObject({ ranked: true, score: 45.8, rank: 2, prev_score: null, change: null, guides: null });
    // c is below 10 cases: no score, no rank.
    expect(byId['c']).toMatchObject({ ranked: false, score: null, rank: null, rank_best: null, timeliness: null });
  });
  it('is stable when input rows are reordered', () => {
    expect(buildScores([c, b, a], opts)).toEqual(buildScores([a, b, c], opts));
  });
});
