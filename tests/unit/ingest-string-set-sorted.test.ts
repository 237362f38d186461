import { describe, expect, it } from 'vitest';
import { StringSet } from '../../scripts/ingest/string-set.ts';
import { prettyStringArray, prettyStrings } from '../../scripts/publish/index.ts';
import { prng } from '../fixtures/anonymize/derived.ts';

/** The order anonymize publishes: distinct values by Array.prototype.sort (UTF-16 code units). */
const reference = (values: Iterable<string>): string[] => [...new Set(values)].sort();

function madeUp(n: number, seed: number): string[] {
  const rand = prng(seed);
  const surnames = ['张', '王', '李', '赵', '欧阳'];
  return Array.from({ length: n }, (_, i) => {
    const k = Math.floor(rand() * n);
    switch (i % 5) {
      case 0: return `${surnames[k % 5] ?? ''}${String.fromCharCode(0x4e00 + (k % 2000))}${k % 7 ? '' : '明'}`;
      case 1: return `13${String(k).padStart(9, '0')}`;
      case 2: return `1101011990${String(k).padStart(8, '0')}`;
      case 3: return `幸福里小区${k}号楼`;
      default: return `user${k}@example.org`;
    }
  });
}

describe('StringSet.sorted()', () => {
  it('reads the values in the order of [...set].sort(), for made-up identifier values with repeats', () => {
    const values = madeUp(300_000, 1);
    const set = new StringSet();
    for (const v of values) set.add(v);
    expect([...set.sorted()]).toEqual(reference(values));
  });

  it('orders by UTF-16 code units (astral characters before U+E000..U+FFFF), empty, lone-surrogate and long values included', () => {
    const tricky = ['', '\uffff', '\ue000', '😀', '😀a', '\ud83d', 'a\ud800b', 'x'.repeat(30_000), 'x'.repeat(29_999), 'ab', 'a', 'a\u0000', 'a\u0000b', 'ﬀ', 'Z', 'é'];
    // Enough values sharing long prefixes that the radix sort (not only the small-group sort) meets them.
    const shared = Array.from({ length: 2000 }, (_, i) => `${'共同前缀'.repeat(20)}${i % 3 === 0 ? '😀' : i % 3 === 1 ? '\ue000' : ''}${i}`);
    const values = [...tricky, ...shared, ...tricky];
    const set = new StringSet();
    for (const v of values) set.add(v);
    expect([...set.sorted()]).toEqual(reference(values));
  });

  it('sorts more values than two code units a digit allow (one unit a digit at the top)', () => {
    const values = Array.from({ length: 1_100_000 }, (_, i) => `1${String((i * 7919) % 1_100_003).padStart(7, '0')}`);
    const set = new StringSet();
    for (const v of values) set.add(v);
    const got = [...set.sorted()];
    expect(got.length).toBe(1_100_000);
    // One string compare: toEqual over a million elements is slow.
    expect(got.join('\n') === reference(values).join('\n')).toBe(true);
  });

  it('reads nothing from an empty set', () => {
    expect([...new StringSet().sorted()]).toEqual([]);
  });
});

describe('prettyStrings(values)', () => {
  it('writes the bytes of prettyStringArray', () => {
    for (const values of [[], ['一'], ['13800000000', '张三', 'a "q" \\ \u2028']]) {
      expect(Buffer.from(prettyStrings(values)).equals(Buffer.from(prettyStringArray(values)))).toBe(true);
    }
  });
});
