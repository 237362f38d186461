import { describe, expect, it } from 'vitest';
import { median, nearestRank, sortNumbers, ValueCounts } from '../../scripts/measure/stats.ts';
import { random } from './random.ts';

/** The order statistics of `values` the plain way (sort every value). */
function plain(values: readonly number[]): { median: number | null; p90: number | null; p50: number | null } {
  const sorted = sortNumbers(values);
  return { median: median(sorted), p90: nearestRank(sorted, 90), p50: nearestRank(sorted, 50) };
}

function counted(vc: ValueCounts): { median: number | null; p90: number | null; p50: number | null } {
  return { median: vc.median(), p90: vc.nearestRank(90), p50: vc.nearestRank(50) };
}

/** Values of the kinds the measures count: whole working days, tenths of hours, and odd ones the dense table cannot hold. */
function sample(rnd: () => number, n: number, kind: number): number[] {
  return Array.from({ length: n }, () => {
    const r = rnd();
    if (kind === 0) return Math.floor(rnd() * 60);
    if (kind === 1) return Math.round(rnd() * 30_000) / 10;
    // Mixed: mostly dense, some negative, fractional beyond the scale, past the table, huge.
    if (r < 0.6) return Math.floor(rnd() * 300);
    if (r < 0.7) return -Math.floor(rnd() * 5) - 1;
    if (r < 0.8) return Math.round(rnd() * 1000) / 100;
    if (r < 0.9) return 16_000 + Math.floor(rnd() * 5000);
    return Math.round(rnd() * 1e6) / 10;
  });
}

describe('ValueCounts(scale)', () => {
  it('gives exactly the median and nearest ranks of sorting every value, for whole days, tenths and odd values', () => {
    const rnd = random(91);
    for (let trial = 0; trial < 300; trial++) {
      const kind = trial % 3;
      const values = sample(rnd, 1 + Math.floor(rnd() * 400), kind);
      for (const scale of [1, 10]) {
        const vc = new ValueCounts(scale);
        for (const v of values) vc.add(v);
        expect(vc.size).toBe(values.length);
        expect(counted(vc)).toEqual(plain(values));
      }
    }
  });

  it('returns values bit for bit (tenths such as 0.1 + 0.2 rounded stay the doubles added)', () => {
    const vc = new ValueCounts(10);
    const values = [0.3, 0.30000000000000004, 12.3, 12.3, 1e-7, 1638.3, 1638.4, 5000.1];
    for (const v of values) vc.add(v);
    expect(counted(vc)).toEqual(plain(values));
    const lone = new ValueCounts(10);
    lone.add(0.30000000000000004);
    expect(Object.is(lone.median(), 0.30000000000000004)).toBe(true);
  });

  it('keeps answering after more values are added, and is empty-safe', () => {
    const vc = new ValueCounts();
    expect(vc.median()).toBeNull();
    expect(vc.nearestRank(90)).toBeNull();
    const seen: number[] = [];
    for (const v of [5, 1, 9, 1, 300, 2, 70_000]) {
      vc.add(v);
      seen.push(v);
      expect(counted(vc)).toEqual(plain(seen));
    }
  });

  it('merge(other) adds the other counts, whatever both scales', () => {
    const rnd = random(7);
    for (let trial = 0; trial < 50; trial++) {
      const a = sample(rnd, 200, 2);
      const b = sample(rnd, 150, trial % 3);
      const x = new ValueCounts(trial % 2 === 0 ? 1 : 10);
      const y = new ValueCounts(trial % 3 === 0 ? 10 : 1);
      for (const v of a) x.add(v);
      for (const v of b) y.add(v);
      x.median();
      x.merge(y);
      expect(x.size).toBe(a.length + b.length);
      expect(counted(x)).toEqual(plain([...a, ...b]));
    }
  });
});
