import { describe, expect, it } from 'vitest';
import { effortAt, paretoCurve, paretoModel } from '../../src/lib/chart-pareto.ts';

describe('paretoCurve(efforts, maxPoints)', () => {
  it('sorts by effort, most first, from (0, 0) to (1, 1)', () => {
    expect(paretoCurve([1, 6, 3])).toEqual([
      { cases: 0, effort: 0 },
      { cases: 1 / 3, effort: 0.6 },
      { cases: 2 / 3, effort: 0.9 },
      { cases: 1, effort: 1 },
    ]);
  });
  it('thins long inputs but keeps both ends', () => {
    const c = paretoCurve(Array.from({ length: 1001 }, (_, i) => i), 100);
    expect(c.length).toBeLessThanOrEqual(102);
    expect(c[0]).toEqual({ cases: 0, effort: 0 });
    expect(c.at(-1)).toEqual({ cases: 1, effort: 1 });
  });
  it('is empty when there is no effort at all', () => {
    expect(paretoCurve([0, 0])).toEqual([]);
  });
});

describe('effortAt(points, cases)', () => {
  it('interpolates linearly', () => {
    expect(effortAt(paretoCurve([1, 6, 3]), 1 / 6)).toBeCloseTo(0.3, 10);
    expect(effortAt([], 0.2)).toBeNull();
  });
});

describe('paretoModel(locale, points, headers)', () => {
  it('marks the 80/20 guide and the observed share at 20% of cases; deciles in the table', () => {
    const points = paretoCurve(Array.from({ length: 100 }, (_, i) => (i < 20 ? 16 : 1)));
    const m = paretoModel('en', points, ['Cases', 'Effort']);
    expect(m.ref).toEqual({ x: 64, y: 64 });
    expect(m.at20?.share).toBeCloseTo(0.8, 10);
    expect(m.at20?.y).toBeCloseTo(64, 0);
    expect(m.table.rows).toHaveLength(10);
    expect(m.table.rows[1]).toEqual({ head: '20%', cells: ['80%'] });
    for (const n of m.d?.match(/\d+(\.\d+)?/g) ?? []) expect(n).toMatch(/^\d+(\.\d)?$/);
  });
  it('draws nothing and dashes the table for no points', () => {
    const m = paretoModel('zh-CN', [], ['a', 'b']);
    expect(m.d).toBeNull();
    expect(m.at20).toBeNull();
    expect(m.table.rows.every((r) => r.cells[0] === '—')).toBe(true);
  });
});
