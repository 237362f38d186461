/**
 * assignRungsByRuns (every rung's groups as runs of one sorted order) against
 * assignRungsByGroup over the same keys grouped as strings: the same rung for every row.
 */
import { describe, expect, it } from 'vitest';
import { assignRungsByGroup, assignRungsByRuns, groupsOf } from '../../scripts/anonymize/kanon.ts';
import { prng } from '../fixtures/anonymize/derived.ts';

describe('assignRungsByRuns(n, sorted, split, cut, k)', () => {
  it('gives assignRungsByGroup’s rungs when each level’s key is a prefix of the sort columns', () => {
    for (const [seed, k, n] of [[1, 2, 400], [2, 3, 2000], [3, 5, 3000], [4, 1, 50], [5, 10, 3000]] as const) {
      const rand = prng(seed);
      // Four key columns of skewed small codes, so groups of every size appear; some rows are not eligible.
      const keys = Array.from({ length: n }, () => [0, 1, 2, 3].map((c) => Math.floor(rand() ** 2 * (3 + 4 * c))));
      const eligible = Int32Array.from(Array.from(keys.keys()).filter((i) => i % 7 !== 3));
      // Levels from the finest (all four columns) to the coarsest (none): what the ladder does.
      const cut = [4, 3, 3, 2, 1, 0];
      const key = (row: number, c: number): string => (keys[row] ?? []).slice(0, c).join(',');
      const expected = assignRungsByGroup(n, eligible, cut.length, (level, open) => groupsOf(Array.from(open, (row) => key(row, cut[level] ?? 0))), k);
      // The eligible rows sorted on the columns (shuffled ties), and where each differs from the one before.
      const sorted = Int32Array.from([...eligible].sort((a, b) => key(a, 4).localeCompare(key(b, 4)) || (a * 7919) % 101 - (b * 7919) % 101));
      const split = Uint8Array.from(sorted, (row, j) => {
        if (j === 0) return 0;
        const prev = keys[sorted[j - 1] ?? 0] ?? [];
        const c = (keys[row] ?? []).findIndex((v, i) => v !== prev[i]);
        return c < 0 ? 4 : c;
      });
      const given = split.slice();
      const rung = assignRungsByRuns(n, sorted, split, cut, k);
      expect(Array.from(rung)).toEqual(Array.from(expected));
      expect(split).toEqual(given);
      // Splits past four bits (more than 15 columns) take the path that reads rungs by row: the same rungs.
      const wide = Uint8Array.from(split, (s) => (s === 4 ? 40 : s));
      expect(Array.from(assignRungsByRuns(n, sorted, wide, cut, k))).toEqual(Array.from(expected));
      // Not vacuous: rows placed at several levels and some withheld.
      expect(new Set(rung).size).toBeGreaterThan(k === 1 ? 1 : 3);
    }
  });
});
