import { describe, expect, it } from 'vitest';
import { firstBy, groupBy } from '../../src/lib/data-index.ts';

const rows = [
  { id: 'b', n: 1 },
  { id: 'a', n: 2 },
  { id: 'b', n: 3 },
];

describe('groupBy(rows, key)', () => {
  it('keeps every row, in published order within each key', () => {
    const g = groupBy(rows, (r) => r.id);
    expect([...g.keys()]).toEqual(['b', 'a']);
    expect(g.get('b')?.map((r) => r.n)).toEqual([1, 3]);
    expect(g.get('a')?.map((r) => r.n)).toEqual([2]);
  });
  it('answers as rows.filter does for every key', () => {
    const g = groupBy(rows, (r) => r.id);
    for (const k of ['a', 'b', 'c']) expect(g.get(k) ?? []).toEqual(rows.filter((r) => r.id === k));
  });
});

describe('firstBy(rows, key)', () => {
  it('answers as rows.find does for every key', () => {
    const f = firstBy(rows, (r) => r.id);
    for (const k of ['a', 'b', 'c']) expect(f.get(k)).toBe(rows.find((r) => r.id === k));
  });
});
