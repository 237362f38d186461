import { describe, expect, it } from 'vitest';
import { divergingModel, type DivergingInput } from '../../src/lib/chart-diverging.ts';

const base: Omit<DivergingInput, 'rows'> = {
  locale: 'en',
  levels: ['1', '2', '3', '4', '5'],
  valueFormat: 'number',
  relative: true,
  rowHeader: 'Dept',
  suppressedLabel: 'Suppressed',
};

describe('divergingModel(input)', () => {
  it('puts levels 1–2 and half of 3 left of the centre line', () => {
    const m = divergingModel({ ...base, rows: [{ key: 'a', label: 'A', values: [10, 10, 20, 30, 30] }] });
    const segs = m.rows[0]?.segments ?? [];
    expect(segs.map((s) => s.level)).toEqual([1, 2, 3, 4, 5]);
    const neutral = segs[2]!;
    expect(neutral.x + neutral.width / 2).toBeCloseTo(m.centre, 0);
    expect(segs[1]!.x + segs[1]!.width).toBeCloseTo(neutral.x, 0);
    expect(segs[0]!.x).toBeLessThan(m.centre);
    expect(segs[4]!.x).toBeGreaterThan(m.centre);
    expect(m.xTicks.find((t) => t.x === m.centre)?.label).toBe('0%');
    expect(m.table.rows[0]?.cells).toEqual(['10', '10', '20', '30', '30', '100']);
  });
  it('makes a suppressed row a labelled gap, never a zero bar, and keeps it in the table', () => {
    const m = divergingModel({
      ...base,
      rows: [
        { key: 'a', label: 'A', values: [1, 2, 3, 4, 5] },
        { key: 'b', label: 'B', values: null },
        { key: 'c', label: 'C', values: [1, null, 3, 4, 5] },
      ],
    });
    expect(m.rows[1]).toMatchObject({ segments: [], gap: 'Suppressed' });
    expect(m.rows[2]).toMatchObject({ segments: [], gap: 'Suppressed' });
    expect(m.table.rows[1]?.cells).toEqual(['—', '—', '—', '—', '—', '—']);
    expect(m.table.rows[2]?.cells).toEqual(['1', '—', '3', '4', '5', '—']);
  });
  it('scales raw values on one symmetric axis when not relative', () => {
    const m = divergingModel({ ...base, relative: false, rows: [{ key: 'a', label: 'A', values: [0, 0, 0, 50, 50] }, { key: 'b', label: 'B', values: [0, 0, 0, 5, 5] }] });
    const wa = m.rows[0]!.segments.reduce((a, s) => a + s.width, 0);
    const wb = m.rows[1]!.segments.reduce((a, s) => a + s.width, 0);
    expect(wa / wb).toBeCloseTo(10, 0);
    expect(m.rows[0]!.segments.map((s) => s.level)).toEqual([4, 5]); // zero levels not drawn
  });
  it('rejects a wrong number of values', () => {
    expect(() => divergingModel({ ...base, rows: [{ key: 'x', label: 'X', values: [1, 2, 3] }] })).toThrow(/"x" needs 5 values/);
  });
});
