import { describe, expect, it } from 'vitest';
import { sparklineModel } from '../../src/lib/chart-sparkline.ts';

describe('sparklineModel(values, yFormat)', () => {
  it('breaks at nulls and dots the last value', () => {
    const m = sparklineModel([1, 2, null, 3, 4]);
    expect(m.d?.match(/M/g)).toHaveLength(2);
    expect(m.dots.filter((d) => d.last)).toHaveLength(1);
  });
  it('puts shares on a fixed 0–100% scale', () => {
    const m = sparklineModel([0, 1], 'percent');
    expect(m.d).toBe('M2.5,21.5L97.5,2.5');
  });
  it('has no path when all values are null', () => {
    expect(sparklineModel([null, null])).toMatchObject({ d: null, dots: [] });
  });
  it('centres a single value', () => {
    expect(sparklineModel([5]).dots).toEqual([{ x: 50, y: expect.any(Number), last: true }]);
  });
});
