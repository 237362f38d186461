import { describe, expect, it } from 'vitest';
import { stackedBarsModel } from '../../src/lib/chart-stack.ts';

const categories = [
  { key: 'online', label: 'Online' },
  { key: 'counter', label: 'Counter' },
];

describe('stackedBarsModel(input)', () => {
  it('stacks categories bottom-up in the given order', () => {
    const m = stackedBarsModel({ locale: 'en', categories, rows: [{ x: '2025-01', values: { online: 300, counter: 100 } }] });
    const [online, counter] = m.segments;
    expect(online?.key).toBe('online');
    expect((online?.y ?? 0) + (online?.height ?? 0)).toBeCloseTo(m.plotHeight, 0);
    expect(counter?.y ?? 0).toBeLessThan(online?.y ?? 0);
    expect(m.legend.map((l) => l.key)).toEqual(['counter', 'online']); // top of stack first
    expect(m.flags).toEqual([]);
  });
  it('leaves a suppressed value out, flags the bar and shows a dash in the table', () => {
    const m = stackedBarsModel({
      locale: 'zh-CN',
      categories,
      rows: [
        { x: '2025-01', values: { online: 300, counter: null } },
        { x: '2025-02', values: { online: 200, counter: 50 } },
      ],
    });
    expect(m.segments.filter((s) => s.key === 'counter')).toHaveLength(1);
    expect(m.flags).toHaveLength(1);
    expect(m.table.rows[0]?.cells).toEqual(['300', '—']);
    expect(m.table.rows[0]?.label).toBe('2025年1月');
  });
  it('flags a month absent from the rows and draws nothing for it', () => {
    const m = stackedBarsModel({
      locale: 'en',
      categories,
      rows: [
        { x: '2025-01', values: { online: 1, counter: 1 } },
        { x: '2025-03', values: { online: 1, counter: 1 } },
      ],
    });
    expect(m.table.rows.map((r) => r.month)).toEqual(['2025-01', '2025-02', '2025-03']);
    expect(m.segments).toHaveLength(4);
    expect(m.flags).toHaveLength(1);
  });
  it('rejects negative values with the month and category named', () => {
    expect(() => stackedBarsModel({ locale: 'en', categories, rows: [{ x: '2025-01', values: { online: -1, counter: 0 } }] })).toThrow(
      /2025-01 "online" is -1/,
    );
  });
  it('uses integer y ticks with grouping and rounded coordinates', () => {
    const m = stackedBarsModel({ locale: 'en', categories, rows: [{ x: '2025-01', values: { online: 12000, counter: 3456 } }] });
    expect(m.yTicks.map((t) => t.label)).toContain('10,000');
    for (const s of m.segments) for (const v of [s.x, s.y, s.width, s.height]) expect(Math.round(v * 10) / 10).toBe(v);
    expect(m.segments[0]?.title).toBe('Jan 2025 · Online: 12,000');
  });
  it('marks an all-null chart as empty', () => {
    const m = stackedBarsModel({ locale: 'en', categories, rows: [{ x: '2025-01', values: { online: null, counter: null } }] });
    expect(m.empty).toBe(true);
    expect(m.segments).toEqual([]);
  });
});
