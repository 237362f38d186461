import { describe, expect, it } from 'vitest';
import { chartCsv, chartJson } from '../../src/lib/chart-specs.ts';
import { paretoGroups } from '../../src/lib/chart-pareto.ts';

describe('chartCsv(data) and chartJson(data)', () => {
  const data = { columns: ['month', 'requests'], rows: [['2026-01', 12], ['2026-02', null], ['a,"b"', 3]] as (string | number | null)[][] };
  it('writes a header, empty cells for null and RFC 4180 quoting', () => {
    expect(chartCsv(data)).toBe('month,requests\r\n2026-01,12\r\n2026-02,\r\n"a,""b""",3\r\n');
  });
  it('writes one object per row keyed by column, null kept', () => {
    expect(JSON.parse(chartJson(data))).toEqual([
      { month: '2026-01', requests: 12 },
      { month: '2026-02', requests: null },
      { month: 'a,"b"', requests: 3 },
    ]);
  });
});

describe('paretoGroups(groups)', () => {
  it('orders groups by effort per case, most first, from (0, 0) to (1, 1)', () => {
    const pts = paretoGroups([
      { cases: 80, effort: 20 },
      { cases: 20, effort: 80 },
      { cases: null, effort: 5 },
    ]);
    expect(pts).toEqual([{ cases: 0, effort: 0 }, { cases: 0.2, effort: 0.8 }, { cases: 1, effort: 1 }]);
  });
  it('is empty when there is no effort', () => {
    expect(paretoGroups([{ cases: 5, effort: 0 }])).toEqual([]);
  });
});

describe('lineChartModel(input) with markers', () => {
  it('numbers markers inside the chart in date order and drops those outside', async () => {
    const { lineChartModel } = await import('../../src/lib/chart-line.ts');
    const points = ['2026-01', '2026-02', '2026-03'].map((x, i) => ({ x, y: i / 10 }));
    const m = lineChartModel({
      locale: 'en',
      series: [{ key: 'a', label: 'A', points }],
      yFormat: 'percent',
      markers: [{ x: '2026-03', label: 'cut' }, { x: '2025-12', label: 'outside' }, { x: '2026-01', label: 'added' }],
    });
    expect(m.markers.map((k) => [k.n, k.label])).toEqual([[1, 'added'], [2, 'cut']]);
    expect(m.markers[0]?.x).toBe(0);
    expect(m.markers[1]?.x).toBe(m.plotWidth);
  });
});

describe('fitText(text, maxWidth, fontSize)', () => {
  it('keeps text that fits and shortens longer text with an ellipsis', async () => {
    const { fitText, textWidth } = await import('../../src/lib/chart-text.ts');
    expect(fitText('Tax', 100, 12)).toBe('Tax');
    const long = 'Human Resources and Social Security Bureau';
    const short = fitText(long, 120, 12);
    expect(short.endsWith('…')).toBe(true);
    expect(textWidth(short, 12) * 1.15).toBeLessThanOrEqual(120);
  });
});
