import { describe, expect, it } from 'vitest';
import { monthRange } from '../../src/lib/chart-format.ts';
import { dodge, labelsThatFit, thinMonthTicks, yScale } from '../../src/lib/chart-scales.ts';

const months24 = monthRange(['2024-01', '2025-12']);

describe('thinMonthTicks(months, maxLabels)', () => {
  it('labels every month when they fit', () => {
    expect(thinMonthTicks(['2025-01', '2025-02', '2025-03'], 5)).toEqual(['2025-01', '2025-02', '2025-03']);
  });
  it('thins 24 months to calendar-aligned quarters or half-years', () => {
    expect(thinMonthTicks(months24, 8)).toEqual(['2024-01', '2024-04', '2024-07', '2024-10', '2025-01', '2025-04', '2025-07', '2025-10']);
    expect(thinMonthTicks(months24, 4)).toEqual(['2024-01', '2024-07', '2025-01', '2025-07']);
  });
  it('prefers calendar-aligned months over the first one', () => {
    expect(thinMonthTicks(['2025-02', '2025-03', '2025-04'], 1)).toEqual(['2025-03']);
  });
  it('labels every n-th January for long ranges', () => {
    expect(thinMonthTicks(monthRange(['2010-01', '2025-12']), 4)).toEqual(['2010-01', '2014-01', '2018-01', '2022-01']);
  });
  it('handles one month and none', () => {
    expect(thinMonthTicks(['2025-05'], 6)).toEqual(['2025-05']);
    expect(thinMonthTicks([], 6)).toEqual([]);
  });
});

describe('labelsThatFit(axisWidth, labelWidth)', () => {
  it('is at least 1', () => {
    expect(labelsThatFit(10, 70)).toBe(1);
    expect(labelsThatFit(450, 70)).toBe(6);
  });
});

describe('yScale(values, opts)', () => {
  it('ignores nulls and keeps shares inside 0–1', () => {
    const s = yScale([0.82, null, 0.97], { range: [100, 0], zero: false, unit: true, ticks: 5 });
    expect(s.domain()).toEqual([0.8, 1]);
  });
  it('includes zero for counts', () => {
    expect(yScale([120, 480], { range: [100, 0], zero: true, unit: false, ticks: 5 }).domain()).toEqual([0, 500]);
  });
  it('gives [0, 1] when every value is null', () => {
    expect(yScale([null, null], { range: [100, 0], zero: true, unit: false, ticks: 5 }).domain()).toEqual([0, 1]);
  });
  it('pads a single value so it is not on an edge', () => {
    const [a, b] = yScale([0.5], { range: [100, 0], zero: false, unit: true, ticks: 5 }).domain() as [number, number];
    expect(a).toBeLessThan(0.5);
    expect(b).toBeGreaterThan(0.5);
  });
});

describe('dodge(positions, gap, min, max)', () => {
  it('keeps input order and spreads close labels at least gap apart', () => {
    const out = dodge([50, 52, 10], 14, 0, 100);
    expect(out[2]).toBe(10);
    expect((out[1] as number) - (out[0] as number)).toBeGreaterThanOrEqual(14);
  });
  it('pushes labels back inside the max', () => {
    expect(dodge([100, 100], 10, 0, 100)).toEqual([90, 100]);
  });
});
