/**
 * Complementary suppression across the public's tables: kpis.csv and client-need.csv (every dimension over the
 * period adds up to the city; client × need to its margins; routine + priority months to the city month) and
 * daily-volume.csv and close-histogram.csv (days add up to months; bins to closed counts). Each test attacks
 * every suppressed cell with the published margins of all tables at once.
 */
import { describe, expect, it } from 'vitest';
import { feasibleIntervals, wideEnough, type Interval, type Relation } from '../../scripts/anonymize/bounds.ts';
import {
  aggregateFamily,
  cellCounts,
  cellId,
  distributionCounts,
  distributionFamily,
  familyOf,
  kpiCellId,
  kpiCounts,
  kpiFamily,
  mergeFamilies,
  nullMeasures,
  suppressClientNeed,
  suppressCloseHistogram,
  suppressDaily,
  suppressKpis,
  type CellFamily,
  type DistributionItem,
  type KpiItem,
} from '../../scripts/anonymize/cells.ts';
import { complementarySuppress, exposedCells, primaryCells } from '../../scripts/anonymize/suppress.ts';
import { binOf, CLOSE_BINS, datesOfPeriod } from '../../scripts/measure/distributions.ts';
import type { Aggregates } from '../../scripts/measure/aggregate.ts';
import { prng } from '../fixtures/anonymize/derived.ts';

const MIN_CELL = 10;
const channels = ['online', 'mobile', 'phone', 'in_person', 'other'];
const clientTypes = ['citizen', 'enterprise', 'leadership'];
const needTypes = ['information', 'complaint', 'application', 'unknown'];
const tiers = ['1', '2', '3', '4'];

type Item = KpiItem & DistributionItem;

interface City {
  departments: string[];
  services: { id: string; department: string }[];
  months: string[];
  period: { from: string; to: string };
  previousPeriod: { from: string; to: string };
}

function monthList(n: number): string[] {
  return Array.from({ length: n }, (_, i) => `${2025 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`);
}

function city(months: number, period: number): City {
  const m = monthList(months);
  const departments = ['a', 'b', 'c'];
  return {
    departments,
    services: departments.flatMap((d) => [0, 1].map((s) => ({ id: `${d}${s}`, department: d }))),
    months: m,
    period: { from: m[m.length - period] as string, to: m[m.length - 1] as string },
    previousPeriod: { from: m[0] as string, to: m[0] as string },
  };
}

/** Every table family of one release, as production merges them (measure/index.ts). */
function families(items: readonly Item[], c: City): CellFamily & { followers: Map<string, string> } {
  const m0 = nullMeasures();
  const skeleton: Pick<Aggregates, 'departmentMonth' | 'serviceMonth' | 'cityMonth' | 'departmentSummary' | 'serviceSummary'> = {
    departmentMonth: c.departments.flatMap((department) => c.months.map((month) => ({ department, month, ...m0 }))),
    serviceMonth: c.services.flatMap((s) => c.months.map((month) => ({ service: s.id, department: s.department, month, ...m0 }))),
    cityMonth: c.months.map((month) => ({ month, ...m0 })),
    departmentSummary: c.departments.map((department) => ({ department, period_from: c.period.from, period_to: c.period.to, ...m0, prev_requests: null, prev_on_time_rate: null, prev_satisfaction_rate: null })),
    serviceSummary: c.services.map((s) => ({ service: s.id, department: s.department, period_from: c.period.from, period_to: c.period.to, ...m0 })),
  };
  const agg = aggregateFamily(skeleton, cellCounts(items, new Set(c.services.map((s) => s.id)), c.period, c.previousPeriod), c.period, c.previousPeriod);
  const kt = { departments: c.departments, services: c.services, months: c.months, period: c.period, channels, clientTypes, needTypes, tiers };
  const dt = { departments: c.departments, services: c.services, period: c.period, dates: datesOfPeriod(c.period), binOf, bins: CLOSE_BINS.length };
  return mergeFamilies(agg, kpiFamily(kpiCounts(items, kt), kt), distributionFamily(distributionCounts(items, dt), dt));
}

/** The attacker: published values are constants, suppressed cells (and sub-counts of suppressed rows) unknowns. */
function attack(f: CellFamily & { followers: Map<string, string> }, suppressed: ReadonlySet<string>): Map<string, Interval> {
  const unknown = new Set(suppressed);
  for (const [id, parent] of f.followers) if (suppressed.has(parent)) unknown.add(id);
  const floors = new Map([...f.followers.keys()].map((id): [string, number] => [id, 0]));
  return feasibleIntervals(new Map([...f.values].filter(([id]) => !unknown.has(id))), unknown, f.relations, 10_000, floors);
}

/** Suppresses, attacks every suppressed cell and checks it: true value inside, small cells at least minCell − 1 wide. */
function checkRelease(items: readonly Item[], c: City): { suppressed: Set<string>; primary: Set<string>; values: Map<string, number> } {
  const f = families(items, c);
  const { suppressed, primary } = complementarySuppress(f.values, f.relations, MIN_CELL, undefined, { followers: f.followers });
  const intervals = attack(f, suppressed);
  for (const id of suppressed) {
    const iv = intervals.get(id) as Interval;
    const v = f.values.get(id) as number;
    expect(iv.lo <= v && v <= iv.hi, `${id} = ${v} inside [${iv.lo}, ${iv.hi}]`).toBe(true);
    if (primary.has(id)) expect(wideEnough(iv, MIN_CELL), `${id} = ${v}: [${iv.lo}, ${iv.hi}]`).toBe(true);
  }
  expect(exposedCells(f.values, f.relations, suppressed, primary, MIN_CELL, f.followers)).toEqual([]);
  // No equality relation leaves exactly one suppressed request cell among published ones.
  for (const r of f.relations.filter((x: Relation) => x.kind === 'eq')) {
    const members = [r.total, ...r.parts].filter((id) => !f.followers.has(id));
    if (members.length === r.parts.length + 1) expect(members.filter((id) => suppressed.has(id)).length, `${r.total}`).not.toBe(1);
  }
  return { suppressed, primary, values: f.values };
}

function item(o: Partial<Item> & { department: string; month: string }): Item {
  return {
    service: null, channel: 'online', clientType: 'citizen', needType: 'information', tier: 1,
    date: `${o.month}-01`, closed: true, workingDays: 3, ...o,
  };
}

describe('kpis.csv and client-need.csv: hand-made', () => {
  // One month, one department; 40 requests: 35 tier I, 5 tier IV (a small cell). Without more suppression
  // tier IV = city − tiers I–III, and priority month = city month − routine month.
  const c = city(1, 1);
  const base = (n: number, o: Partial<Item>): Item[] => Array.from({ length: n }, (_, i) => item({ department: 'a', month: '2025-01', date: `2025-01-${String((i % 28) + 1).padStart(2, '0')}`, ...o }));
  const items = [...base(35, { tier: 1 }), ...base(5, { tier: 4, clientType: 'leadership', needType: 'complaint' })];

  it('recovers tier IV exactly from the city total when only the small cells are hidden (the attack has teeth)', () => {
    const f = families(items, c);
    const primary = primaryCells(f.values, MIN_CELL, f.followers);
    expect(primary.has(cellId.kpi('tier', '4'))).toBe(true);
    const iv = attack(f, primary).get(cellId.kpi('tier', '4'));
    expect(iv).toEqual({ lo: 5, hi: 5 });
  });

  it('hides enough partners that tier IV, the priority month and the client × need cell stay wide', () => {
    const { suppressed } = checkRelease(items, c);
    for (const id of [cellId.kpi('tier', '4'), cellId.kpi('priority_month', '2025-01'), cellId.kpi('client_type', 'leadership'), cellId.clientNeed('leadership', 'complaint')]) {
      expect(suppressed.has(id), id).toBe(true);
    }
    // Complements come from the same tables: a tier, a routine month, a need type, a client × need cell.
    const families_ = new Set([...suppressed].map(familyOf));
    expect(families_.has('kpis') && families_.has('client-need')).toBe(true);
  });

  it('nulls every measure of a suppressed kpis row and the figures of a suppressed client × need cell', () => {
    const { suppressed } = checkRelease(items, c);
    const rows = tiers.map((key) => ({ dimension: 'tier', key, requests: 1 as number | null, closed: 1 as number | null, median_wd: 2 as number | null, satisfaction_lo: 0.1 as number | null }));
    const out = suppressKpis(rows, suppressed, ['requests', 'closed', 'median_wd', 'satisfaction_lo']);
    const t4 = out.find((r) => r.key === '4');
    expect(t4).toEqual({ dimension: 'tier', key: '4', requests: null, closed: null, median_wd: null, satisfaction_lo: null });
    for (const r of out) expect(r.requests === null).toBe(suppressed.has(kpiCellId('tier', r.key)));
    const cn = suppressClientNeed([{ client_type: 'leadership', need_type: 'complaint', requests: 5, median_wd: 3, satisfaction_rate: 0.5 }], suppressed);
    expect(cn[0]).toEqual({ client_type: 'leadership', need_type: 'complaint', requests: null, median_wd: null, satisfaction_rate: null });
  });
});

describe('daily-volume.csv and close-histogram.csv: hand-made', () => {
  const c = city(1, 1);
  // Department a: 60 requests over 6 days (10 a day); department b: 3 requests on 01-02 (small), in bin 1 day.
  const items: Item[] = [
    ...Array.from({ length: 60 }, (_, i) => item({ department: 'a', month: '2025-01', date: `2025-01-0${(i % 6) + 1}`, workingDays: 3 })),
    ...Array.from({ length: 3 }, () => item({ department: 'b', month: '2025-01', date: '2025-01-02', workingDays: 1 })),
  ];

  it('would give b\'s day away as city day − a\'s day, and its bin as city bin − a\'s bin', () => {
    const f = families(items, c);
    const primary = primaryCells(f.values, MIN_CELL, f.followers);
    expect(primary.has(cellId.daily('b', '2025-01-02'))).toBe(true);
    expect(primary.has(cellId.closeBin('department', 'b', binOf(1)))).toBe(true);
    const iv = attack(f, primary);
    expect(iv.get(cellId.daily('b', '2025-01-02'))).toEqual({ lo: 3, hi: 3 });
    expect(iv.get(cellId.closeBin('department', 'b', binOf(1)))).toEqual({ lo: 3, hi: 3 });
  });

  it('protects them with complements, and the tables publish null for every suppressed cell', () => {
    const { suppressed } = checkRelease(items, c);
    const daily = suppressDaily(
      datesOfPeriod(c.period).flatMap((date) => [{ scope: 'city', key: 'all', date, requests: 0 as number | null }, ...c.departments.map((key) => ({ scope: 'department', key, date, requests: 0 as number | null }))]),
      suppressed,
    );
    expect(daily.filter((r) => r.requests === null).length).toBe([...suppressed].filter((id) => id.startsWith('dv|')).length);
    expect(daily.find((r) => r.key === 'b' && r.date === '2025-01-02')?.requests).toBeNull();
    const bins = suppressCloseHistogram(
      CLOSE_BINS.map(([from]) => ({ scope: 'department', key: 'b', bin_from: from, requests: 0 as number | null })),
      suppressed,
      (from) => CLOSE_BINS.findIndex(([f]) => f === from),
    );
    expect(bins[binOf(1)]?.requests).toBeNull();
  });
});

/** A made-up city: three departments of very different size, many small cells in every table. */
function randomItems(seed: number, c: City): Item[] {
  const rand = prng(seed);
  const out: Item[] = [];
  const pick = <T,>(xs: readonly T[], skew = 1): T => xs[Math.min(xs.length - 1, Math.floor(rand() ** skew * xs.length))] as T;
  for (const month of c.months) {
    const days = datesOfPeriod({ from: month, to: month });
    for (const [d, scale] of [['a', 120], ['b', 40], ['c', 8]] as const) {
      const n = Math.floor(scale * (0.5 + rand()));
      for (let i = 0; i < n; i++) {
        const s = rand();
        const tier = rand() < 0.06 ? 4 : (1 + Math.floor(rand() * 3));
        out.push({
          department: d,
          service: s < 0.4 ? `${d}0` : s < 0.6 ? `${d}1` : null,
          month,
          date: pick(days),
          channel: pick(channels, 2),
          clientType: tier === 4 && rand() < 0.5 ? 'leadership' : pick(['citizen', 'enterprise'], 2),
          needType: pick(needTypes, 1.5),
          tier,
          closed: rand() < 0.9,
          workingDays: rand() < 0.97 ? Math.floor(rand() ** 3 * 70) : null,
        });
      }
    }
  }
  return out;
}

describe('every table family: random seeded cities', () => {
  for (const seed of [31, 32, 33, 34, 35, 36, 37, 38, 39, 40]) {
    it(`leaves every small cell of every table at least minCell − 1 wide (seed ${seed})`, () => {
      const c = city(6, 3);
      const items = randomItems(seed, c);
      const f = families(items, c);
      const primary = primaryCells(f.values, MIN_CELL, f.followers);
      const byFamily = (ids: Iterable<string>): Set<string> => new Set([...ids].map(familyOf));
      // Small cells in every new family, and without complements the attack pins some of them.
      for (const fam of ['kpis', 'client-need', 'daily-volume', 'close-histogram']) expect(byFamily(primary).has(fam), fam).toBe(true);
      const naive = attack(f, primary);
      expect([...primary].some((id) => !wideEnough(naive.get(id) as Interval, MIN_CELL))).toBe(true);
      const { suppressed } = checkRelease(items, c);
      expect(suppressed.size).toBeGreaterThan(primary.size);
    });
  }
  it('is deterministic', () => {
    const c = city(6, 3);
    const f = families(randomItems(31, c), c);
    const run = (): string[] => [...complementarySuppress(f.values, f.relations, MIN_CELL, undefined, { followers: f.followers }).suppressed].sort();
    expect(run()).toEqual(run());
  });
});
