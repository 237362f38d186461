import { describe, expect, it } from 'vitest';
import { feasibleIntervals, wideEnough, type Relation } from '../../scripts/anonymize/bounds.ts';
import { aggregateFamily, applySuppression, cellCounts, cellId, nullMeasures } from '../../scripts/anonymize/cells.ts';
import { complementarySuppress, primaryCells } from '../../scripts/anonymize/suppress.ts';
import type { Aggregates } from '../../scripts/measure/aggregate.ts';
import { prng } from '../fixtures/anonymize/derived.ts';

const MIN_CELL = 10;

function monthList(first: number, n: number): string[] {
  return Array.from({ length: n }, (_, i) => {
    const t = first + i;
    return `${2024 + Math.floor(t / 12)}-${String((t % 12) + 1).padStart(2, '0')}`;
  });
}

interface Request {
  department: string;
  service: string | null;
  month: string;
}

/** A made-up city: departments with services, many small cells, and hotline cases without a service. */
function randomRequests(seed: number, months: readonly string[]): Request[] {
  const rand = prng(seed);
  const out: Request[] = [];
  for (const d of ['a', 'b', 'c', 'd']) {
    const scale = d === 'd' ? 4 : 30;
    for (const m of months) {
      for (const s of [0, 1, 2]) {
        const n = Math.floor(rand() ** 2 * scale);
        for (let i = 0; i < n; i++) out.push({ department: d, service: `${d}${s}`, month: m });
      }
      const hotline = Math.floor(rand() * scale);
      for (let i = 0; i < hotline; i++) out.push({ department: d, service: null, month: m });
    }
  }
  return out;
}

/** One release: its tables' skeleton (ids only matter), true counts, relations. */
function release(requests: readonly Request[], months: readonly string[]) {
  const period = { from: months[months.length - 12] as string, to: months[months.length - 1] as string };
  const previousPeriod = { from: months[0] as string, to: months[11] as string };
  const inMonths = requests.filter((r) => months.includes(r.month));
  const departments = ['a', 'b', 'c', 'd'];
  const services = departments.flatMap((d) => [0, 1, 2].map((s) => ({ id: `${d}${s}`, department: d })));
  const m0 = nullMeasures();
  const skeleton: Pick<Aggregates, 'departmentMonth' | 'serviceMonth' | 'cityMonth' | 'departmentSummary' | 'serviceSummary'> = {
    departmentMonth: departments.flatMap((department) => months.map((month) => ({ department, month, ...m0 }))),
    serviceMonth: services.flatMap((s) => months.map((month) => ({ service: s.id, department: s.department, month, ...m0 }))),
    cityMonth: months.map((month) => ({ month, ...m0 })),
    departmentSummary: departments.map((department) => ({ department, period_from: period.from, period_to: period.to, ...m0, prev_requests: null, prev_on_time_rate: null, prev_satisfaction_rate: null })),
    serviceSummary: services.map((s) => ({ service: s.id, department: s.department, period_from: period.from, period_to: period.to, ...m0 })),
  };
  const counts = cellCounts(inMonths, new Set(services.map((s) => s.id)), period, previousPeriod);
  return { skeleton, ...aggregateFamily(skeleton, counts, period, previousPeriod) };
}

/** What an attacker sees: the published values only. */
function published(values: ReadonlyMap<string, number>, suppressed: ReadonlySet<string>): Map<string, number> {
  return new Map([...values].filter(([id]) => !suppressed.has(id)));
}

describe('feasibleIntervals(values, suppressed, relations)', () => {
  it('recovers a lone suppressed cell exactly from its total', () => {
    const values = new Map([['t', 20], ['x', 3], ['y', 17]]);
    const rel: Relation[] = [{ kind: 'eq', total: 't', parts: ['x', 'y'] }];
    expect(feasibleIntervals(published(values, new Set(['x'])), new Set(['x']), rel).get('x')).toEqual({ lo: 3, hi: 3 });
  });
  it('bounds two suppressed cells of a row by the row total', () => {
    const rel: Relation[] = [{ kind: 'eq', total: 't', parts: ['x', 'y', 'z'] }];
    const iv = feasibleIntervals(new Map([['t', 30], ['z', 10]]), new Set(['x', 'y']), rel);
    expect(iv.get('x')).toEqual({ lo: 1, hi: 19 });
  });
  it('bounds a part of a "le" relation from above only', () => {
    const rel: Relation[] = [{ kind: 'le', total: 't', parts: ['x', 'y'] }];
    expect(feasibleIntervals(new Map([['t', 12], ['y', 9]]), new Set(['x']), rel).get('x')).toEqual({ lo: 1, hi: 3 });
  });
});

describe('complementarySuppress(values, relations, minCell) — attack on every suppressed cell', () => {
  for (const seed of [11, 12, 13, 14, 15, 16]) {
    it(`leaves every small cell with a feasible interval at least minCell − 1 wide (seed ${seed})`, () => {
      const months = monthList(0, 24);
      const { values, relations } = release(randomRequests(seed, months), months);
      const primary = primaryCells(values, MIN_CELL);
      expect(primary.size).toBeGreaterThan(5);
      // Without complementary suppression the same attack recovers some small cells: it has teeth.
      const naive = feasibleIntervals(published(values, primary), primary, relations);
      expect([...primary].some((id) => !wideEnough(naive.get(id) as { lo: number; hi: number }, MIN_CELL))).toBe(true);
      const { suppressed, secondary } = complementarySuppress(values, relations, MIN_CELL);
      expect(secondary.size).toBeGreaterThan(0);
      const intervals = feasibleIntervals(published(values, suppressed), suppressed, relations);
      for (const id of primary) {
        const iv = intervals.get(id) as { lo: number; hi: number };
        const v = values.get(id) as number;
        expect(iv.lo <= v && v <= iv.hi, `${id}: true value inside the interval`).toBe(true);
        expect(wideEnough(iv, MIN_CELL), `${id}: [${iv.lo}, ${iv.hi}]`).toBe(true);
      }
      // No equality relation has exactly one suppressed member.
      for (const r of relations.filter((x) => x.kind === 'eq')) {
        expect([r.total, ...r.parts].filter((id) => suppressed.has(id)).length).not.toBe(1);
      }
    });
  }
  it('is deterministic', () => {
    const months = monthList(0, 24);
    const { values, relations } = release(randomRequests(11, months), months);
    expect([...complementarySuppress(values, relations, MIN_CELL).suppressed]).toEqual([...complementarySuppress(values, relations, MIN_CELL).suppressed]);
  });
});

describe('complementarySuppress(values, relations, minCell, prior) — two consecutive releases', () => {
  for (const seed of [21, 22, 23, 24, 25, 26, 27, 28]) {
    it(`keeps every small cell of either release protected when both are compared (seed ${seed})`, () => {
      const all = monthList(0, 25);
      const requests = randomRequests(seed, all);
      const a = release(requests, all.slice(0, 24));
      const b = release(requests, all.slice(1, 25));
      const supA = complementarySuppress(a.values, a.relations, MIN_CELL);
      // Summary cells differ between releases (their periods move): A's get ids of their own; month cells are the same cells.
      const tagA = (id: string): string => (id.startsWith('dm|') || id.startsWith('sm|') || id.startsWith('cm|') ? id : `A:${id}`);
      const tagB = (id: string): string => id;
      const relationsA = a.relations.map((r) => ({ ...r, total: tagA(r.total), parts: r.parts.map(tagA) }));
      const prior = {
        published: new Map([...a.values].filter(([id]) => !supA.suppressed.has(id)).map(([id, v]): [string, number] => [tagA(id), v])),
        hidden: new Set([...supA.suppressed].map(tagA)),
        relations: relationsA,
        protect: new Set([...primaryCells(a.values, MIN_CELL)].map(tagA)),
      };
      const supB = complementarySuppress(b.values, b.relations, MIN_CELL, prior);
      const relations: Relation[] = [...relationsA, ...b.relations];
      const values = new Map<string, number>([...[...a.values].map(([id, v]): [string, number] => [tagA(id), v]), ...[...b.values].map(([id, v]): [string, number] => [tagB(id), v])]);
      // A cell is unknown to the attacker only if neither release published it.
      const hidden = new Set<string>();
      const shown = new Set<string>([...a.values.keys()].filter((id) => !supA.suppressed.has(id)).map(tagA));
      for (const id of [...b.values.keys()].filter((x) => !supB.suppressed.has(x)).map(tagB)) shown.add(id);
      for (const id of [...supA.suppressed].map(tagA)) if (!shown.has(id)) hidden.add(id);
      for (const id of [...supB.suppressed].map(tagB)) if (!shown.has(id)) hidden.add(id);
      const intervals = feasibleIntervals(published(values, hidden), hidden, relations);
      const small = [...primaryCells(a.values, MIN_CELL)].map(tagA).concat([...primaryCells(b.values, MIN_CELL)].map(tagB));
      expect(small.length).toBeGreaterThan(5);
      for (const id of small) {
        expect(hidden.has(id), `${id} is hidden in both releases`).toBe(true);
        const iv = intervals.get(id) as { lo: number; hi: number };
        expect(wideEnough(iv, MIN_CELL), `${id}: [${iv.lo}, ${iv.hi}]`).toBe(true);
      }
    });
  }
});

describe('applySuppression(aggregates, suppressed)', () => {
  it('nulls every measure of a suppressed cell and leaves the others', () => {
    const m = { ...nullMeasures(), requests: 12, closed: 12 };
    const a = {
      departmentMonth: [{ department: 'a', month: '2026-10', ...m }, { department: 'b', month: '2026-10', ...m }],
      serviceMonth: [],
      cityMonth: [],
      departmentSummary: [],
      serviceSummary: [],
    };
    const out = applySuppression(a, new Set([cellId.departmentMonth('a', '2026-10')]));
    expect(out.departmentMonth.map((r) => r.requests)).toEqual([null, 12]);
    expect(out.departmentMonth[0]?.closed).toBeNull();
  });
});
