import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SpillingStringSet } from '../../scripts/lib/spilling-set.ts';
import { prng } from '../fixtures/anonymize/derived.ts';

/** What the pipeline publishes: distinct values in Array.prototype.sort order (UTF-16 code units). */
const reference = (values: Iterable<string>): string[] => [...new Set(values)].sort();

/** Real-looking identifier values (names, mobiles, ID numbers, addresses, emails), many repeated. */
function madeUp(n: number, seed: number): string[] {
  const rand = prng(seed);
  const surnames = ['张', '王', '李', '赵', '欧阳'];
  return Array.from({ length: n }, (_, i) => {
    const k = Math.floor(rand() * (n / 3));
    switch (i % 5) {
      case 0: return `${surnames[k % 5] ?? ''}${String.fromCharCode(0x4e00 + (k % 2000))}${k % 7 ? '' : '明'}`;
      case 1: return `139${String(k).padStart(8, '0')}`;
      case 2: return `3301061987${String(k).padStart(7, '0')}X`;
      case 3: return `杭州市西湖区文三路${k}号${k % 11 === 0 ? '😀' : ''}`;
      default: return `zhang.${k}@example.org`;
    }
  });
}

const dirs: string[] = [];
function spillDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'glassbox-spill-'));
  dirs.push(d);
  return join(d, 'runs');
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('SpillingStringSet', () => {
  it('gives every distinct value in code-unit order when the values spill to many runs, and removes the runs', () => {
    const values = madeUp(400_000, 7);
    const dir = spillDir();
    // A small budget: many runs, each over a mebibyte (values cross the reader's pieces), repeats across runs.
    const set = new SpillingStringSet(dir, 2 * 2 ** 20);
    for (const v of values) set.add(v);
    expect(set.spills).toBeGreaterThan(3);
    expect(readdirSync(dir).length).toBe(set.spills);
    expect([...set.sorted()]).toEqual(reference(values));
    expect(existsSync(dir)).toBe(false);
  });

  it('keeps empty, lone-surrogate, astral and very long values exactly', () => {
    const tricky = ['', '\uffff', '\ue000', '😀', '😀a', '\ud83d', 'a\ud800b', 'x'.repeat(700_000), 'x'.repeat(699_999), 'a\u0000b', 'a', 'é'];
    const filler = madeUp(60_000, 3);
    const values = [...tricky, ...filler, ...tricky, ...filler.slice(0, 1000)];
    const dir = spillDir();
    const set = new SpillingStringSet(dir, 2 ** 20);
    for (const v of values) set.add(v);
    expect(set.spills).toBeGreaterThan(0);
    expect([...set.sorted()]).toEqual(reference(values));
  });

  it('writes nothing to disk while the values fit the budget', () => {
    const values = madeUp(20_000, 11);
    const dir = spillDir();
    const set = new SpillingStringSet(dir, 64 * 2 ** 20);
    for (const v of values) set.add(v);
    expect(set.spills).toBe(0);
    expect(existsSync(dir)).toBe(false);
    expect([...set.sorted()]).toEqual(reference(values));
  });

  it('removes its runs on dispose when the values are never read (a failed build)', () => {
    const dir = spillDir();
    const set = new SpillingStringSet(dir, 2 ** 20);
    for (const v of madeUp(100_000, 5)) set.add(v);
    expect(existsSync(dir)).toBe(true);
    set.dispose();
    expect(existsSync(dir)).toBe(false);
  });
});
