import { describe, expect, it } from 'vitest';
import { CandidateTrials, feasibleIntervals, type Relation } from '../../scripts/anonymize/bounds.ts';
import { complementarySuppress, exposedCells, type PriorRelease } from '../../scripts/anonymize/suppress.ts';
import { random } from './random.ts';
import { complementarySuppressV1, exposedCellsV1, feasibleIntervalsV1 } from './suppress-v1.ts';

/**
 * The typed-array bound tightening and the incremental suppression loop against the code they
 * replaced (suppress-v1.ts): same suppressed cells in the same order, same intervals, on
 * generated releases shaped like the pipeline's (service × month cells under department and
 * city totals, period summaries, sub-counts that follow their row, a previous release).
 */

interface System {
  values: Map<string, number>;
  relations: Relation[];
  followers: Map<string, string>;
}

function system(seed: number, departments: number, servicesPer: number, months: number): System {
  const rnd = random(seed);
  const count = (d: number): number => {
    const r = rnd();
    // Many empty and small cells, as a release with many rarely used services has; the last
    // department is a rarely used one (its period summary is small too).
    if (d === departments - 1) return r < 0.8 ? 0 : 1;
    return r < 0.3 ? 0 : r < 0.6 ? 1 + Math.floor(rnd() * 4) : Math.floor(rnd() * 60);
  };
  const values = new Map<string, number>();
  const relations: Relation[] = [];
  const followers = new Map<string, string>();
  const cityParts: string[] = [];
  for (let m = 0; m < months; m++) {
    const deptMonths: string[] = [];
    for (let d = 0; d < departments; d++) {
      const parts: string[] = [];
      let sum = 0;
      for (let s = 0; s < servicesPer; s++) {
        const id = `sm|d${d}s${s}|${m}`;
        const v = count(d);
        values.set(id, v);
        parts.push(id);
        sum += v;
      }
      const dm = `dm|d${d}|${m}`;
      // Some cases have no service: the department total is at least the sum of its services.
      const extra = rnd() < 0.5 ? 0 : Math.floor(rnd() * 3);
      values.set(dm, sum + extra);
      relations.push({ total: dm, parts, kind: extra > 0 ? 'le' : 'eq' });
      deptMonths.push(dm);
    }
    const cm = `cm|${m}`;
    values.set(cm, deptMonths.reduce((n, id) => n + (values.get(id) ?? 0), 0));
    relations.push({ total: cm, parts: deptMonths, kind: 'eq' });
    cityParts.push(cm);
  }
  // Period summaries per department, with a closed sub-count that follows its row.
  const summaries: string[] = [];
  const closed: string[] = [];
  for (let d = 0; d < departments; d++) {
    const parts = Array.from({ length: months }, (_, m) => `dm|d${d}|${m}`);
    const ds = `ds|d${d}`;
    const total = parts.reduce((n, id) => n + (values.get(id) ?? 0), 0);
    values.set(ds, total);
    relations.push({ total: ds, parts, kind: 'eq' });
    summaries.push(ds);
    // Closed and open cases of the summary's row: sub-counts that follow it and add up to it.
    const c = `closed|d${d}`;
    const o = `open|d${d}`;
    values.set(c, Math.floor(total * rnd()));
    values.set(o, total - (values.get(c) ?? 0));
    followers.set(c, ds);
    followers.set(o, ds);
    relations.push({ total: ds, parts: [c, o], kind: 'eq' });
    closed.push(c);
  }
  values.set('cp', summaries.reduce((n, id) => n + (values.get(id) ?? 0), 0));
  relations.push({ total: 'cp', parts: summaries, kind: 'eq' });
  values.set('closed|city', closed.reduce((n, id) => n + (values.get(id) ?? 0), 0));
  relations.push({ total: 'closed|city', parts: closed, kind: 'eq' });
  return { values, relations, followers };
}

describe('complementary suppression: the faster code decides as the code it replaced', () => {
  for (const [seed, departments, servicesPer, months] of [
    [1, 3, 4, 6],
    [2, 5, 8, 12],
    [3, 8, 12, 12],
    [10, 4, 30, 24],
  ] as const) {
    it(`same cells, same order, same intervals (seed ${seed}: ${departments} × ${servicesPer} services × ${months} months)`, () => {
      const { values, relations, followers } = system(seed, departments, servicesPer, months);
      const now = complementarySuppress(values, relations, 5, undefined, { followers });
      const v1 = complementarySuppressV1(values, relations, 5, undefined, { followers });
      expect(now.primary.size).toBeGreaterThan(3);
      expect(now.secondary.size).toBeGreaterThan(0);
      expect([...now.suppressed]).toEqual([...v1.suppressed]);
      expect([...now.secondary]).toEqual([...v1.secondary]);
      const unknown = new Set(now.suppressed);
      for (const [id, parent] of followers) if (unknown.has(parent)) unknown.add(id);
      const floors = new Map([...followers.keys()].map((id): [string, number] => [id, 0]));
      const published = new Map([...values].filter(([id]) => !unknown.has(id)));
      expect([...feasibleIntervals(published, unknown, relations, 10_000, floors)]).toEqual([...feasibleIntervalsV1(published, unknown, relations, 10_000, floors)]);
      expect(exposedCells(values, relations, now.suppressed, now.primary, 5, followers)).toEqual(exposedCellsV1(values, relations, now.suppressed, now.primary, 5, followers));
      // Only the primary cells hidden: both attacks pin the same cells to the same intervals.
      const naive = feasibleIntervals(new Map([...values].filter(([id]) => !now.primary.has(id))), now.primary, relations, 200, floors);
      expect([...naive]).toEqual([...feasibleIntervalsV1(new Map([...values].filter(([id]) => !now.primary.has(id))), now.primary, relations, 200, floors)]);
      expect([...naive.values()].some((iv) => iv.hi - iv.lo < 4)).toBe(true);
    });
  }

  it('same cells on 60 more generated releases of other shapes', () => {
    const differ: string[] = [];
    for (let seed = 100; seed < 160; seed++) {
      const [d, sp, m] = [2 + (seed % 5), 2 + (seed % 7) * 3, 3 + (seed % 4) * 4];
      const { values, relations, followers } = system(seed, d, sp, m);
      const now = complementarySuppress(values, relations, 5, undefined, { followers });
      const v1 = complementarySuppressV1(values, relations, 5, undefined, { followers });
      if (JSON.stringify([...now.suppressed]) !== JSON.stringify([...v1.suppressed])) differ.push(`seed ${seed}: ${d} × ${sp} × ${m}`);
    }
    expect(differ).toEqual([]);
  });

  it('with a previous release: same cells as the code it replaced', () => {
    const a = system(7, 4, 6, 12);
    const b = system(8, 4, 6, 12);
    const supA = complementarySuppress(a.values, a.relations, 5, undefined, { followers: a.followers });
    const tag = (id: string): string => `A:${id}`;
    const prior: PriorRelease = {
      published: new Map([...a.values].filter(([id]) => !supA.suppressed.has(id)).map(([id, v]): [string, number] => [tag(id), v])),
      hidden: new Set([...supA.suppressed].map(tag)),
      relations: a.relations.map((r) => ({ ...r, total: tag(r.total), parts: r.parts.map(tag) })),
      protect: new Set([...supA.primary].map(tag)),
    };
    const now = complementarySuppress(b.values, b.relations, 5, prior, { followers: b.followers });
    const v1 = complementarySuppressV1(b.values, b.relations, 5, prior, { followers: b.followers });
    expect(now.suppressed.size).toBeGreaterThan(now.primary.size);
    expect([...now.suppressed]).toEqual([...v1.suppressed]);
  });

  it('CandidateTrials gives, for each extra unknown, the intervals feasibleIntervals gives with it', () => {
    const { values, relations, followers } = system(9, 3, 5, 6);
    const floors = new Map([...followers.keys()].map((id): [string, number] => [id, 0]));
    const hidden = new Set([...values].filter(([, v]) => v > 0 && v < 5).map(([id]) => id));
    const trials = new CandidateTrials(values, (x) => hidden.has(x), relations, 200, floors);
    const extras = [...values.keys()].filter((id) => !hidden.has(id)).slice(0, 40);
    let narrowed = 0;
    for (const extra of extras) {
      const all = feasibleIntervals(values, new Set([...hidden, extra]), relations, 200, floors);
      for (const id of [...hidden, extra]) {
        const iv = trials.intervalOf(id, extra);
        expect(iv, `${id} with ${extra}`).toEqual(all.get(id));
        if (iv && Number.isFinite(iv.hi)) narrowed++;
      }
    }
    expect(narrowed).toBeGreaterThan(0);
    // Not unknown: no interval. A cell in no relation keeps its floor and no upper bound.
    expect(trials.intervalOf('cp', 'sm|d0s0|0')).toBeUndefined();
    expect(trials.intervalOf('lonely', 'lonely')).toEqual({ lo: 1, hi: Infinity });
  });
});
