import { describe, expect, it } from 'vitest';
import { assignRungs, isoWeek } from '../../scripts/anonymize/kanon.ts';
import type { ClientType, CanonicalRequest } from '../../scripts/ingest/canonical.ts';
import { buildRecords } from '../../scripts/measure/records.ts';
import { derivedItem, prng } from '../fixtures/anonymize/derived.ts';

const DISTRICTS = ['临江区', '青山区', '白沙区', '新港区', '云台区', null];
const CHANNELS: CanonicalRequest['channel'][] = ['online', 'mobile', 'phone', 'in_person', 'other'];
const CLIENTS: ClientType[] = ['citizen', 'enterprise', 'government'];

function pick<T>(rand: () => number, xs: readonly T[]): T {
  return xs[Math.floor(rand() * xs.length)] as T;
}

/** Random requests over a small city: skewed so that many groups are small. */
function randomDerived(seed: number, n: number): ReturnType<typeof derivedItem>[] {
  const rand = prng(seed);
  return Array.from({ length: n }, (_, i) => {
    const dept = pick(rand, ['a', 'b', 'c']);
    const day = 1 + Math.floor(rand() ** 2 * 28);
    const month = pick(rand, ['2026-08', '2026-09', '2026-10']);
    return derivedItem(
      {
        id: String(i),
        department: dept,
        service: rand() < 0.2 ? null : `${dept}-${Math.floor(rand() * 4)}`,
        category: `${dept}-cat${Math.floor(rand() * 2)}`,
        district: pick(rand, DISTRICTS),
        channel: pick(rand, CHANNELS),
        clientType: pick(rand, CLIENTS),
      },
      `${month}-${String(day).padStart(2, '0')}`,
    );
  });
}

describe('isoWeek(date)', () => {
  it('numbers weeks from the week holding the first Thursday', () => {
    expect(isoWeek('2026-01-01')).toBe('2026-W01');
    expect(isoWeek('2025-12-29')).toBe('2026-W01');
    expect(isoWeek('2021-01-03')).toBe('2020-W53');
    expect(isoWeek('2026-10-31')).toBe('2026-W44');
  });
});

describe('assignRungs(rows, keys, k)', () => {
  it('places groups of k at the first rung that has them and withholds the rest', () => {
    const rows = ['a1', 'a1', 'a2', 'b1'];
    const rungs = assignRungs(rows, [(r) => r, (r) => r.slice(0, 1)], 2);
    expect(rungs).toEqual([0, 0, -1, -1]);
  });
});

describe('buildRecords(random derived, { k }) — property', () => {
  for (const [seed, k] of [
    [1, 10],
    [2, 5],
    [3, 10],
    [4, 20],
    [5, 3],
  ] as const) {
    it(`never publishes a quasi-identifier combination shared by fewer than k = ${k} records (seed ${seed})`, () => {
      const derived = randomDerived(seed, 3000);
      const { records, withheld } = buildRecords(derived, { k, city: '示例市' });
      expect(records.length + withheld).toBe(derived.length);
      const groups = new Map<string, number>();
      for (const r of records) {
        const key = [r.source, r.department, r.month, r.period, r.district, r.service, r.category, r.channel, r.client_type].join('|');
        groups.set(key, (groups.get(key) ?? 0) + 1);
      }
      expect(Math.min(...groups.values())).toBeGreaterThanOrEqual(k);
      // Also never below the cell threshold when k ≥ minCell: every department-month recount is 0 or ≥ k.
      const cells = new Map<string, number>();
      for (const r of records) cells.set(`${r.department}|${r.month}`, (cells.get(`${r.department}|${r.month}`) ?? 0) + 1);
      for (const n of cells.values()) expect(n).toBeGreaterThanOrEqual(k);
      // Some rows are generalized and some withheld: the test exercises every branch.
      expect(records.some((r) => r.period.length === 7)).toBe(true);
    });
  }
});
