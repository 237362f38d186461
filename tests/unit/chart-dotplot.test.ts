import { describe, expect, it } from 'vitest';
import { dotPlotModel } from '../../src/lib/chart-dotplot.ts';

const headers: [string, string, string, string] = ['Dept', 'Est', 'Low', 'High'];

describe('dotPlotModel(input)', () => {
  const m = dotPlotModel({
    locale: 'en',
    valueFormat: 'percent',
    headers,
    reference: { value: 0.9, label: 'City' },
    rows: [
      { key: 'a', label: 'Tax', estimate: 0.95, low: 0.92, high: 0.97 },
      { key: 'b', label: 'Housing', estimate: null, low: null, high: null },
      { key: 'c', label: 'Transport', estimate: 0.85, low: 0.8, high: 0.89 },
    ],
  });
  it('keeps the caller order and puts whiskers around the dot', () => {
    expect(m.rows.map((r) => r.key)).toEqual(['a', 'b', 'c']);
    const r = m.rows[0]!;
    expect(r.whisker!.x1).toBeLessThan(r.dot!.x);
    expect(r.whisker!.x2).toBeGreaterThan(r.dot!.x);
    expect(m.rows[2]!.dot!.x).toBeLessThan(m.reference!.x);
  });
  it('shows a row without an estimate as a dash, never at zero', () => {
    expect(m.rows[1]).toMatchObject({ dot: null, whisker: null });
    expect(m.anyMissing).toBe(true);
    expect(m.table.rows[1]?.cells).toEqual(['—', '—', '—']);
    expect(m.table.rows[0]?.cells).toEqual(['95%', '92%', '97%']);
    expect(m.reference?.label).toBe('City 90%');
  });
  it('draws a lone dot when the interval is missing', () => {
    const d = dotPlotModel({ locale: 'en', valueFormat: 'number', headers, rows: [{ key: 'a', label: 'A', estimate: 3, low: null, high: null }] });
    expect(d.rows[0]).toMatchObject({ whisker: null, dot: { text: '3' } });
    expect(d.anyMissing).toBe(false);
  });
  it('rejects an interval that excludes its estimate', () => {
    expect(() => dotPlotModel({ locale: 'en', valueFormat: 'number', headers, rows: [{ key: 'z', label: 'Z', estimate: 5, low: 6, high: 7 }] })).toThrow(/"z".*outside/);
  });
});
