import { describe, expect, it } from 'vitest';
import { checkBins, histogramModel, limitPosition, type HistogramBin } from '../../src/lib/chart-histogram.ts';

const bins: HistogramBin[] = [
  { from: 0, to: 0, count: 120 },
  { from: 1, to: 2, count: 300 },
  { from: 3, to: 5, count: 250 },
  { from: 6, to: 10, count: null },
  { from: 11, to: 20, count: 40 },
  { from: 21, to: null, count: 7 },
];
const binLabel = (f: number, t: number | null) => (t === null ? `${f}+` : f === t ? `${f}` : `${f}–${t}`);

describe('limitPosition(bins, days)', () => {
  it('puts a limit on the right edge of the bin that ends on it', () => {
    expect(limitPosition(bins, 5)).toBe(3);
    expect(limitPosition(bins, 0)).toBe(1);
  });
  it('interpolates inside a bin and takes the middle of an open bin', () => {
    expect(limitPosition(bins, 4)).toBeCloseTo(2 + 2 / 3, 5);
    expect(limitPosition(bins, 30)).toBe(5.5);
  });
  it('is null before the first bin', () => {
    expect(limitPosition([{ from: 2, to: 4, count: 1 }], 0)).toBeNull();
  });
});

describe('checkBins(bins)', () => {
  it('rejects overlapping, unsorted and open middle bins', () => {
    expect(() => checkBins([{ from: 0, to: 3, count: 1 }, { from: 3, to: 5, count: 1 }])).toThrow(/bin 1/);
    expect(() => checkBins([{ from: 0, to: null, count: 1 }, { from: 3, to: 5, count: 1 }])).toThrow(/bin 0/);
    expect(() => checkBins([{ from: 0, to: 1, count: -1 }])).toThrow(/counts ≥ 0/);
  });
});

describe('histogramModel(input)', () => {
  const m = histogramModel({
    locale: 'en',
    bins,
    binLabel,
    headers: ['Days', 'Cases', 'Share'],
    limits: [
      { days: 5, kind: 'promised', label: 'Promised 5' },
      { days: 20, kind: 'statutory', label: 'Statutory 20' },
    ],
  });
  it('draws a bar per counted bin and a hatched gap, not a zero bar, for the suppressed one', () => {
    expect(m.bars).toHaveLength(5);
    expect(m.gaps).toHaveLength(1);
    expect(m.bars.map((b) => b.within)).toEqual([true, true, true, false, false]);
    expect(m.bars.every((b) => b.y + b.height === m.plotHeight || Math.abs(b.y + b.height - m.plotHeight) < 0.11)).toBe(true);
  });
  it('places both limit lines on bin boundaries, labels above the plot', () => {
    expect(m.limits.map((l) => l.kind)).toEqual(['promised', 'statutory']);
    const gapLeft = m.gaps[0]!.x;
    expect(m.limits[0]!.x).toBeLessThan(gapLeft);
    expect(m.limits[0]!.x).toBeGreaterThan(m.bars[2]!.x + m.bars[2]!.width - 0.2);
    expect(m.limits.every((l) => l.labelY < 0)).toBe(true);
    expect(new Set(m.limits.map((l) => l.labelY)).size).toBe(2);
  });
  it('gives no shares when any bin is suppressed, and dashes for the null count', () => {
    expect(m.table.rows[3]?.cells).toEqual(['—', '—']);
    expect(m.table.rows[0]).toEqual({ head: '0', cells: ['120', '—'] });
    expect(m.table.rows[5]?.head).toBe('21+');
  });
  it('gives shares when every bin is published', () => {
    const h = histogramModel({ locale: 'en', bins: [{ from: 0, to: 1, count: 1 }, { from: 2, to: 3, count: 3 }], binLabel, headers: ['a', 'b', 'c'], limits: [] });
    expect(h.table.rows.map((r) => r.cells[1])).toEqual(['25%', '75%']);
    expect(h.bars.every((b) => !b.within)).toBe(true);
  });
});
