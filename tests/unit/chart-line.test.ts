import { describe, expect, it } from 'vitest';
import { monthRange } from '../../src/lib/chart-format.ts';
import { lineChartModel } from '../../src/lib/chart-line.ts';

const pts = (ys: (number | null)[], start = 2025) =>
  ys.map((y, i) => ({ x: `${start + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`, y }));

describe('lineChartModel(input)', () => {
  it('breaks the line at a null instead of dropping to zero', () => {
    const m = lineChartModel({ locale: 'en', yFormat: 'percent', series: [{ key: 'a', label: 'A', points: pts([0.9, 0.92, null, 0.95, 0.96]) }] });
    const d = m.lines[0]?.d ?? '';
    expect(d.match(/M/g)).toHaveLength(2);
    expect(m.table.rows[2]?.cells).toEqual(['—']);
    // Four vertices for four values: nothing is drawn for the null month.
    expect(d.match(/[ML]/g)).toHaveLength(4);
  });
  it('treats a month missing from the data as a gap', () => {
    const m = lineChartModel({
      locale: 'en',
      yFormat: 'number',
      series: [{ key: 'a', label: 'A', points: [{ x: '2025-01', y: 1 }, { x: '2025-02', y: 2 }, { x: '2025-04', y: 4 }] }],
    });
    expect(m.months).toEqual(['2025-01', '2025-02', '2025-03', '2025-04']);
    expect(m.lines[0]?.d?.match(/M/g)).toHaveLength(2);
    expect(m.lines[0]?.dots).toHaveLength(1); // 2025-04 stands alone
  });
  it('rounds path coordinates to one decimal', () => {
    const m = lineChartModel({ locale: 'en', yFormat: 'percent', series: [{ key: 'a', label: 'A', points: pts([0.913, 0.927, 0.951]) }] });
    for (const n of (m.lines[0]?.d ?? '').match(/-?\d+(\.\d+)?/g) ?? []) expect(n).toMatch(/^-?\d+(\.\d)?$/);
  });
  it('draws a single point as a dot in the middle', () => {
    const m = lineChartModel({ locale: 'zh-CN', yFormat: 'days', series: [{ key: 'a', label: '甲', points: [{ x: '2025-06', y: 4.2 }] }] });
    expect(m.lines[0]?.dots).toEqual([{ x: Math.round((m.plotWidth / 2) * 10) / 10, y: expect.any(Number) }]);
    expect(m.xTicks).toEqual([{ x: expect.any(Number), label: '2025年6月' }]);
    expect(m.table.rows[0]?.cells).toEqual(['4.2天']);
  });
  it('gives an all-null series no path and no end label, but keeps it in the table', () => {
    const m = lineChartModel({
      locale: 'en',
      yFormat: 'percent',
      series: [
        { key: 'a', label: 'A', points: pts([0.5, 0.6]) },
        { key: 'b', label: 'B', points: pts([null, null]) },
      ],
    });
    expect(m.lines[1]).toMatchObject({ d: null, end: null, dots: [] });
    expect(m.table.columns).toEqual(['A', 'B']);
    expect(m.table.rows.map((r) => r.cells[1])).toEqual(['—', '—']);
    expect(m.empty).toBe(false);
  });
  it('marks a chart with no values at all as empty', () => {
    const m = lineChartModel({ locale: 'en', yFormat: 'number', series: [{ key: 'a', label: 'A', points: pts([null]) }] });
    expect(m.empty).toBe(true);
    expect(m.yTicks.length).toBeGreaterThan(0);
  });
  it('thins 24 month labels and gives each series its own dash', () => {
    const m = lineChartModel({
      locale: 'en',
      yFormat: 'percent',
      series: [
        { key: 'a', label: 'Online', points: pts(Array.from({ length: 24 }, (_, i) => 0.8 + i / 200)) },
        { key: 'b', label: 'In person', points: pts(Array.from({ length: 24 }, (_, i) => 0.81 + i / 200)) },
      ],
      target: { from: 0.9, to: 1, label: 'Target' },
    });
    expect(m.months).toEqual(monthRange(['2025-01', '2026-12']));
    expect(m.xTicks.length).toBeLessThanOrEqual(8);
    expect(m.xTicks[0]?.label).toBe('Jan 2025');
    expect(new Set(m.lines.map((l) => l.dash)).size).toBe(2);
    const [a, b] = m.lines.map((l) => l.end?.y ?? 0) as [number, number];
    expect(Math.abs(a - b)).toBeGreaterThanOrEqual(14);
    expect(m.band).toMatchObject({ y: 0, label: 'Target' });
    expect(m.yTicks.at(-1)?.label).toBe('100%');
  });
});
