import { describe, expect, it } from 'vitest';
import { pyramidModel } from '../../src/lib/chart-pyramid.ts';

const tiers = [
  { key: 'I', label: 'I', requests: 0.6, effort: 0.2 },
  { key: 'II', label: 'II', requests: 0.25, effort: 0.25 },
  { key: 'III', label: 'III', requests: 0.12, effort: 0.3 },
  { key: 'IV', label: 'IV', requests: 0.03, effort: null },
];

describe('pyramidModel(locale, tiers, headers)', () => {
  const m = pyramidModel('en', tiers, ['Tier', 'Requests', 'Effort']);
  it('draws tier IV on top and tier I at the bottom', () => {
    expect(m.rows.map((r) => r.key)).toEqual(['IV', 'III', 'II', 'I']);
    expect(m.rows[0]!.y).toBeLessThan(m.rows[3]!.y);
  });
  it('grows requests leftwards and effort rightwards on one scale', () => {
    const i = m.rows[3]!;
    expect(i.left!.x + i.left!.width).toBeCloseTo(m.leftEnd, 0);
    expect(i.right!.x).toBe(m.rightStart);
    expect(i.left!.width / m.rows[2]!.right!.width).toBeCloseTo(0.6 / 0.25, 1);
    expect(i.left!.text).toBe('60%');
  });
  it('leaves a suppressed share undrawn and dashes it in the table (top tier first)', () => {
    expect(m.rows[0]!.right).toBeNull();
    expect(m.table.rows[0]).toEqual({ head: 'IV', cells: ['3%', '—'] });
  });
  it('rejects shares outside 0–1', () => {
    expect(() => pyramidModel('en', [{ key: 'I', label: 'I', requests: 60, effort: 0.2 }], ['a', 'b', 'c'])).toThrow(/"I" has share 60/);
  });
});
