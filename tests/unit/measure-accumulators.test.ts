/**
 * The streaming accumulators (AggregateAccumulator, MeasuresCell, DistributionAccumulator,
 * CellCounter, KpiCellCounter, DistributionCellCounter) against the array implementations
 * they replaced, kept below verbatim as references: same rows, same numbers, same key order
 * (compared as JSON), and for the counters the same Map entries in the same order. Then the
 * results must not depend on the order requests arrive in, and a few cells are checked by hand.
 */
import { describe, expect, it } from 'vitest';
import type { CanonicalRequest } from '../../scripts/ingest/canonical.ts';
import {
  CellCounter,
  cellCounts,
  cellId,
  DistributionCellCounter,
  distributionCounts,
  KpiCellCounter,
  kpiCounts,
  type DistributionItem,
  type DistributionTables,
  type KpiItem,
  type KpiTables,
} from '../../scripts/anonymize/cells.ts';
import { AggregateAccumulator, aggregateAll, MeasuresCell, type AggregateOptions } from '../../scripts/measure/aggregate.ts';
import type { Derived } from '../../scripts/measure/derive.ts';
import { binOf, CLOSE_BINS, closeHistogram, dailyVolume, datesOfPeriod, DistributionAccumulator, type DistributionInput, type DistributionOptions } from '../../scripts/measure/distributions.ts';
import { inPeriod } from '../../scripts/measure/months.ts';
import { median, nearestRank, ratio, sortNumbers } from '../../scripts/measure/stats.ts';
import type { CloseHistogramRow, DailyVolumeRow, Measures } from '../../src/lib/published.ts';
import { derivedItem, prng } from '../fixtures/anonymize/derived.ts';
import { Dictionary } from '../../scripts/lib/dictionary.ts';
import type { RowKey } from '../../scripts/measure/row-key.ts';
import { shuffled } from './random.ts';

// ---------------------------------------------------------------------------------------------
// References: the array implementations as they were before the streaming change.

function refComputeMeasures(items: readonly Derived[], minCell: number): { measures: Measures; suppressed: boolean } {
  const n = items.length;
  const nulls: Measures = {
    requests: null, ch_online: null, ch_mobile: null, ch_phone: null, ch_in_person: null, ch_other: null, closed: null, median_wd: null,
    p90_wd: null, due_n: null, on_time: null, on_time_rate: null, rated: null, satisfied: null, satisfaction_rate: null, mean_rating: null,
  };
  if (n > 0 && n < minCell) return { measures: nulls, suppressed: true };
  const ch = { online: 0, mobile: 0, phone: 0, in_person: 0, other: 0 };
  const days: number[] = [];
  let dueN = 0;
  let onTime = 0;
  let rated = 0;
  let satisfied = 0;
  let ratingSum = 0;
  for (const d of items) {
    ch[d.request.channel]++;
    if (d.closed && d.workingDays !== null) days.push(d.workingDays);
    if (d.onTime !== null) {
      dueN++;
      if (d.onTime) onTime++;
    }
    const r = d.request.rating;
    if (r !== null) {
      rated++;
      ratingSum += r;
      if (r >= 4) satisfied++;
    }
  }
  const closed = items.reduce((s, d) => s + (d.closed ? 1 : 0), 0);
  const sorted = sortNumbers(days);
  const enough = (den: number): boolean => den >= minCell && den > 0;
  return {
    measures: {
      requests: n, ch_online: ch.online, ch_mobile: ch.mobile, ch_phone: ch.phone, ch_in_person: ch.in_person, ch_other: ch.other, closed,
      median_wd: enough(sorted.length) ? median(sorted) : null,
      p90_wd: enough(sorted.length) ? nearestRank(sorted, 90) : null,
      due_n: dueN, on_time: onTime,
      on_time_rate: enough(dueN) ? ratio(onTime, dueN, 4) : null,
      rated, satisfied,
      satisfaction_rate: enough(rated) ? ratio(satisfied, rated, 4) : null,
      mean_rating: enough(rated) ? ratio(ratingSum, rated, 2) : null,
    },
    suppressed: false,
  };
}

function groupBy(items: readonly Derived[], key: (d: Derived) => string | null): Map<string, Derived[]> {
  const out = new Map<string, Derived[]>();
  for (const d of items) {
    const k = key(d);
    if (k === null) continue;
    const list = out.get(k);
    if (list) list.push(d);
    else out.set(k, [d]);
  }
  return out;
}

function refAggregateAll(derived: readonly Derived[], opts: AggregateOptions): ReturnType<typeof aggregateAll> {
  const SEP = '\u0000';
  let suppressedCells = 0;
  const cell = (items: readonly Derived[] | undefined): Measures => {
    const { measures, suppressed } = refComputeMeasures(items ?? [], opts.minCell);
    if (suppressed) suppressedCells++;
    return measures;
  };
  const monthSet = new Set(opts.months);
  const inMonths = derived.filter((d) => monthSet.has(d.month));
  const serviceIds = new Set(opts.services.map((s) => s.id));
  const byDeptMonth = groupBy(inMonths, (d) => d.request.department + SEP + d.month);
  const bySvcMonth = groupBy(inMonths, (d) => (d.request.service !== null && serviceIds.has(d.request.service) ? d.request.service + SEP + d.month : null));
  const byMonth = groupBy(inMonths, (d) => d.month);
  const departmentMonth = [];
  for (const department of opts.departments) {
    for (const month of opts.months) departmentMonth.push({ department, month, ...cell(byDeptMonth.get(department + SEP + month)) });
  }
  const serviceMonth = [];
  for (const s of opts.services) {
    for (const month of opts.months) serviceMonth.push({ service: s.id, department: s.department, month, ...cell(bySvcMonth.get(s.id + SEP + month)) });
  }
  const cityMonth = opts.months.map((month) => ({ month, ...cell(byMonth.get(month)) }));
  const current = derived.filter((d) => inPeriod(d.month, opts.period));
  const previous = derived.filter((d) => inPeriod(d.month, opts.previousPeriod));
  const curByDept = groupBy(current, (d) => d.request.department);
  const prevByDept = groupBy(previous, (d) => d.request.department);
  const curBySvc = groupBy(current, (d) => d.request.service);
  const departmentSummary = opts.departments.map((department) => {
    const prev = cell(prevByDept.get(department));
    return {
      department, period_from: opts.period.from, period_to: opts.period.to, ...cell(curByDept.get(department)),
      prev_requests: prev.requests, prev_on_time_rate: prev.on_time_rate, prev_satisfaction_rate: prev.satisfaction_rate,
    };
  });
  const serviceSummary = opts.services.map((s) => ({ service: s.id, department: s.department, period_from: opts.period.from, period_to: opts.period.to, ...cell(curBySvc.get(s.id)) }));
  return { departmentMonth, serviceMonth, cityMonth, departmentSummary, serviceSummary, suppressedCells };
}

function refBinOf(days: number): number {
  const i = CLOSE_BINS.findIndex(([from, to]) => days >= from && (to === null || days <= to));
  return i < 0 ? 0 : i;
}

const suppressSmall = (n: number, minCell: number): number | null => (n > 0 && n < minCell ? null : n);

function refDailyVolume(derived: readonly DistributionInput[], opts: DistributionOptions): DailyVolumeRow[] {
  const dates = datesOfPeriod(opts.period);
  const counts = new Map<string, number>();
  const bump = (k: string) => counts.set(k, (counts.get(k) ?? 0) + 1);
  for (const d of derived) {
    if (!inPeriod(d.month, opts.period)) continue;
    bump(`all|${d.submittedDate}`);
    bump(`${d.request.department}|${d.submittedDate}`);
  }
  const scopes: [DailyVolumeRow['scope'], string][] = [['city', 'all'], ...[...opts.departments].sort().map((id): [DailyVolumeRow['scope'], string] => ['department', id])];
  return scopes.flatMap(([scope, key]) => dates.map((date) => ({ scope, key, date, requests: suppressSmall(counts.get(`${key}|${date}`) ?? 0, opts.minCell) })));
}

function refCloseHistogram(derived: readonly DistributionInput[], opts: DistributionOptions): CloseHistogramRow[] {
  type Scope = CloseHistogramRow['scope'];
  const counts = new Map<string, number[]>();
  const bump = (k: string, bin: number) => {
    const row = counts.get(k) ?? CLOSE_BINS.map(() => 0);
    row[bin] = (row[bin] ?? 0) + 1;
    counts.set(k, row);
  };
  for (const d of derived) {
    if (!d.closed || d.workingDays === null || !inPeriod(d.month, opts.period)) continue;
    const bin = refBinOf(d.workingDays);
    bump('city|all', bin);
    bump(`department|${d.request.department}`, bin);
    if (d.request.service !== null) bump(`service|${d.request.service}`, bin);
  }
  const scopes: [Scope, string][] = [
    ['city', 'all'],
    ...[...opts.departments].sort().map((id): [Scope, string] => ['department', id]),
    ...[...opts.services].sort().map((id): [Scope, string] => ['service', id]),
  ];
  return scopes.flatMap(([scope, key]) => {
    const row = counts.get(`${scope}|${key}`) ?? CLOSE_BINS.map(() => 0);
    return CLOSE_BINS.map(([from, to], i) => ({ scope, key, bin_from: from, bin_to: to, requests: suppressSmall(row[i] ?? 0, opts.minCell) }));
  });
}

const inRange = (month: string, p: { from: string; to: string }): boolean => month >= p.from && month <= p.to;
const bumpId = (counts: Map<string, number>, id: string): void => {
  counts.set(id, (counts.get(id) ?? 0) + 1);
};

function refCellCounts(items: Iterable<{ department: string; service: string | null; month: string }>, serviceIds: ReadonlySet<string>, period: { from: string; to: string }, previousPeriod: { from: string; to: string }): Map<string, number> {
  const counts = new Map<string, number>();
  for (const r of items) {
    bumpId(counts, cellId.cityMonth(r.month));
    bumpId(counts, cellId.departmentMonth(r.department, r.month));
    const svc = r.service !== null && serviceIds.has(r.service) ? r.service : null;
    if (svc !== null) bumpId(counts, cellId.serviceMonth(svc, r.month));
    if (inRange(r.month, period)) {
      bumpId(counts, cellId.departmentSummary(r.department));
      if (svc !== null) bumpId(counts, cellId.serviceSummary(svc));
    }
    if (inRange(r.month, previousPeriod)) bumpId(counts, cellId.departmentPrevious(r.department));
  }
  return counts;
}

function refKpiCounts(items: Iterable<KpiItem>, t: KpiTables): Map<string, number> {
  const counts = new Map<string, number>();
  const months = new Set(t.months);
  const services = new Set(t.services.map((s) => s.id));
  for (const r of items) {
    if (!months.has(r.month)) continue;
    bumpId(counts, cellId.cityMonth(r.month));
    bumpId(counts, cellId.kpi(r.tier === 4 ? 'priority_month' : 'routine_month', r.month));
    if (!inRange(r.month, t.period)) continue;
    bumpId(counts, cellId.cityPeriod());
    bumpId(counts, cellId.departmentSummary(r.department));
    if (r.service !== null && services.has(r.service)) bumpId(counts, cellId.serviceSummary(r.service));
    bumpId(counts, cellId.kpi('channel', r.channel));
    bumpId(counts, cellId.kpi('client_type', r.clientType));
    bumpId(counts, cellId.kpi('need_type', r.needType));
    bumpId(counts, cellId.kpi('tier', String(r.tier)));
    bumpId(counts, cellId.clientNeed(r.clientType, r.needType));
  }
  return counts;
}

function refDistributionCounts(items: Iterable<DistributionItem>, t: DistributionTables): Map<string, number> {
  const counts = new Map<string, number>();
  const services = new Set(t.services.map((s) => s.id));
  for (const r of items) {
    if (!inRange(r.month, t.period)) continue;
    const svc = r.service !== null && services.has(r.service) ? r.service : null;
    bumpId(counts, cellId.cityMonth(r.month));
    bumpId(counts, cellId.departmentMonth(r.department, r.month));
    bumpId(counts, cellId.cityPeriod());
    bumpId(counts, cellId.departmentSummary(r.department));
    if (svc !== null) bumpId(counts, cellId.serviceSummary(svc));
    bumpId(counts, cellId.daily('all', r.date));
    bumpId(counts, cellId.daily(r.department, r.date));
    if (!r.closed) continue;
    bumpId(counts, cellId.closed('city', 'all'));
    bumpId(counts, cellId.closed('department', r.department));
    if (svc !== null) bumpId(counts, cellId.closed('service', svc));
    if (r.workingDays === null) continue;
    const b = t.binOf(r.workingDays);
    bumpId(counts, cellId.closeBin('city', 'all', b));
    bumpId(counts, cellId.closeBin('department', r.department, b));
    if (svc !== null) bumpId(counts, cellId.closeBin('service', svc, b));
  }
  return counts;
}

// ---------------------------------------------------------------------------------------------
// A made-up city: listed and unlisted departments and services, months before, inside and after
// the published ones (some in the previous period only), open and closed, rated and not.

const channels: CanonicalRequest['channel'][] = ['online', 'mobile', 'phone', 'in_person', 'other'];
const clientTypes: CanonicalRequest['clientType'][] = ['citizen', 'enterprise', 'government', 'unknown'];
const needTypes: CanonicalRequest['needType'][] = ['information', 'complaint', 'application', 'certificate'];
const departments = ['market', 'hrss', 'taxation', 'civil-affairs'];
const services = [
  { id: 'market-licence', department: 'market' },
  { id: 'hrss-pension', department: 'hrss' },
  { id: 'hrss-unemployment', department: 'hrss' },
  { id: 'tax-invoice', department: 'taxation' },
];
const months = Array.from({ length: 14 }, (_, i) => `2025-${String(i + 1).padStart(2, '0')}`).map((m, i) => (i < 12 ? m : `2026-${String(i - 11).padStart(2, '0')}`));
// Published 2025-01..2026-02; period 2025-03..2026-02; previous period 2024-03..2025-02 (mostly unpublished).
const period = { from: '2025-03', to: '2026-02' };
const previousPeriod = { from: '2024-03', to: '2025-02' };

function pick<T>(rnd: () => number, list: readonly T[]): T {
  return list[Math.floor(rnd() * list.length)] as T;
}

function city(n: number, seed: number): Derived[] {
  const rnd = prng(seed);
  const out: Derived[] = [];
  for (let i = 0; i < n; i++) {
    const department = rnd() < 0.05 ? 'ghost' : pick(rnd, departments);
    const own = services.filter((s) => s.department === department).map((s) => s.id);
    const service = rnd() < 0.25 ? null : rnd() < 0.1 ? 'unlisted-service' : own.length > 0 ? pick(rnd, own) : null;
    // 2024-01 .. 2026-05: before the previous period, inside it, published, and after the last published month.
    const mi = Math.floor(rnd() * 29);
    const month = `${2024 + Math.floor(mi / 12)}-${String((mi % 12) + 1).padStart(2, '0')}`;
    const date = `${month}-${String(1 + Math.floor(rnd() * 28)).padStart(2, '0')}`;
    const closed = rnd() < 0.8;
    const workingDays = closed ? (rnd() < 0.1 ? null : rnd() < 0.1 ? 61 + Math.floor(rnd() * 100) : Math.floor(rnd() * 25)) : null;
    const ratingRoll = Math.floor(rnd() * 8);
    const rating = ratingRoll >= 1 && ratingRoll <= 5 ? (ratingRoll as 1 | 2 | 3 | 4 | 5) : null;
    const tier = (1 + Math.floor(rnd() * 4)) as 1 | 2 | 3 | 4;
    const d = derivedItem({ department, service, channel: pick(rnd, channels), clientType: pick(rnd, clientTypes), needType: pick(rnd, needTypes), tier, rating }, date, workingDays);
    out.push({ ...d, closed: closed && (workingDays !== null || rnd() < 2), onTime: closed ? (rnd() < 0.2 ? null : rnd() < 0.7) : null });
  }
  return out;
}


const aggOpts = (minCell: number): AggregateOptions => ({ departments: [...departments].sort(), services, months, period, previousPeriod, minCell });

function accumulate(items: readonly Derived[], opts: AggregateOptions): ReturnType<typeof aggregateAll> {
  const acc = new AggregateAccumulator(opts);
  for (const d of items) acc.add(d);
  return acc.finish();
}

describe('AggregateAccumulator(opts): add(d), finish()', () => {
  const items = city(3000, 7);
  for (const minCell of [1, 5, 30]) {
    it(`gives the array implementation's aggregates, rows and key order, with minCell ${minCell}`, () => {
      const expected = JSON.stringify(refAggregateAll(items, aggOpts(minCell)));
      expect(JSON.stringify(accumulate(items, aggOpts(minCell)))).toBe(expected);
      expect(JSON.stringify(aggregateAll(items, aggOpts(minCell)))).toBe(expected);
    });
  }
  it('does not depend on the order requests arrive in', () => {
    const expected = JSON.stringify(accumulate(items, aggOpts(5)));
    expect(JSON.stringify(accumulate([...items].reverse(), aggOpts(5)))).toBe(expected);
    expect(JSON.stringify(accumulate(shuffled(items, 3), aggOpts(5)))).toBe(expected);
  });
  it('suppresses some cells and publishes others in this city (the comparison covers both)', () => {
    const agg = accumulate(items, aggOpts(30));
    expect(agg.suppressedCells).toBeGreaterThan(0);
    expect(agg.departmentMonth.some((r) => r.requests === null)).toBe(true);
    expect(agg.departmentSummary.some((r) => r.median_wd !== null && r.prev_requests !== null)).toBe(true);
    expect(accumulate(items, aggOpts(5)).serviceMonth.some((r) => r.p90_wd !== null)).toBe(true);
  });
  it('keeps duplicate departments, services and months as repeated rows, as before', () => {
    const opts = { ...aggOpts(5), departments: ['market', 'hrss', 'market'], months: ['2025-05', '2025-06', '2025-05'], services: [...services, services[0] as { id: string; department: string }] };
    expect(JSON.stringify(accumulate(items, opts))).toBe(JSON.stringify(refAggregateAll(items, opts)));
  });

  it('computes a small city by hand', () => {
    const at = (department: string, service: string | null, date: string, workingDays: number | null, over: Partial<CanonicalRequest> = {}, onTime: boolean | null = null): Derived => ({
      ...derivedItem({ department, service, ...over }, date, workingDays),
      onTime,
    });
    const small = [
      at('a', 's1', '2026-10-02', 1, { rating: 5 }, true),
      at('a', 's1', '2026-10-03', 3, { rating: 2, channel: 'phone' }, false),
      at('a', 's1', '2026-10-04', null, {}),
      at('a', null, '2026-09-10', 0, { channel: 'mobile' }, true),
      at('a', null, '2026-09-11', 4, {}, true),
      at('b', null, '2026-10-20', 2, {}),
      at('a', 's1', '2026-08-01', 5, {}, true), // previous period, not a published month
      at('a', 's1', '2026-07-01', 6, {}, false),
      at('b', 's1', '2024-01-05', 1, {}), // outside everything
    ];
    const opts: AggregateOptions = {
      departments: ['a', 'b'],
      services: [{ id: 's1', department: 'a' }],
      months: ['2026-09', '2026-10'],
      period: { from: '2026-09', to: '2026-10' },
      previousPeriod: { from: '2026-07', to: '2026-08' },
      minCell: 2,
    };
    const agg = accumulate(shuffled(small, 11), opts);
    expect(agg.departmentMonth.find((r) => r.department === 'a' && r.month === '2026-10')).toEqual({
      department: 'a', month: '2026-10', requests: 3, ch_online: 2, ch_mobile: 0, ch_phone: 1, ch_in_person: 0, ch_other: 0, closed: 2,
      median_wd: 2, p90_wd: 3, due_n: 2, on_time: 1, on_time_rate: 0.5, rated: 2, satisfied: 1, satisfaction_rate: 0.5, mean_rating: 3.5,
    });
    expect(agg.cityMonth.map((r) => r.requests)).toEqual([2, 4]);
    expect(agg.departmentMonth.find((r) => r.department === 'b' && r.month === '2026-10')?.requests).toBeNull();
    expect(agg.serviceMonth.map((r) => r.requests)).toEqual([0, 3]);
    expect(agg.departmentSummary[0]).toMatchObject({ department: 'a', requests: 5, closed: 4, median_wd: 2, prev_requests: 2, prev_on_time_rate: 0.5 });
    expect(agg.departmentSummary[1]).toMatchObject({ department: 'b', requests: null, prev_requests: 0 });
    expect(agg.serviceSummary[0]).toMatchObject({ service: 's1', requests: 3, closed: 2 });
    // b × 2026-10 and b's period summary.
    expect(agg.suppressedCells).toBe(2);
  });
});

describe('MeasuresCell: add(d), result(minCell)', () => {
  it("gives computeMeasures' figures of the same requests, in any order", () => {
    const items = city(400, 5).filter((d) => d.request.department === 'hrss');
    for (const minCell of [1, 10, 1000]) {
      const expected = refComputeMeasures(items, minCell);
      for (const order of [items, [...items].reverse(), shuffled(items, 9)]) {
        const cell = new MeasuresCell();
        for (const d of order) cell.add(d);
        expect(cell.result(minCell)).toEqual(expected);
      }
    }
  });
});

describe('DistributionAccumulator(opts): add(d), dailyVolume(), closeHistogram()', () => {
  const items = city(3000, 21);
  const dopts = (minCell: number): DistributionOptions => ({ period, departments: ['taxation', 'market', 'hrss', 'civil-affairs'], services: ['tax-invoice', 'hrss-pension', 'market-licence', 'hrss-unemployment'], minCell });
  const run = (order: readonly Derived[], opts: DistributionOptions): string => {
    const acc = new DistributionAccumulator(opts);
    for (const d of order) acc.add(d);
    return JSON.stringify([acc.dailyVolume(), acc.closeHistogram()]);
  };
  for (const minCell of [1, 3, 10]) {
    it(`gives the array implementation's rows with minCell ${minCell}`, () => {
      const expected = JSON.stringify([refDailyVolume(items, dopts(minCell)), refCloseHistogram(items, dopts(minCell))]);
      expect(run(items, dopts(minCell))).toBe(expected);
      expect(JSON.stringify([dailyVolume(items, dopts(minCell)), closeHistogram(items, dopts(minCell))])).toBe(expected);
    });
  }
  it('does not depend on the order requests arrive in', () => {
    const expected = run(items, dopts(3));
    expect(run([...items].reverse(), dopts(3))).toBe(expected);
    expect(run(shuffled(items, 4), dopts(3))).toBe(expected);
  });
  it('keeps what the string keys did for a department called "all" (it shares the city key)', () => {
    const odd = [...items.slice(0, 500), ...items.slice(500, 600).map((d) => ({ ...d, request: { ...d.request, department: 'all' } }))];
    const opts = { ...dopts(1), departments: ['all', 'market'] };
    expect(run(odd, opts)).toBe(JSON.stringify([refDailyVolume(odd, opts), refCloseHistogram(odd, opts)]));
    expect(run(odd, dopts(1))).toBe(JSON.stringify([refDailyVolume(odd, dopts(1)), refCloseHistogram(odd, dopts(1))]));
  });
  it('counts a small period by hand', () => {
    const req = (department: string, service: string | null, date: string, workingDays: number | null): DistributionInput => ({
      request: { department, service }, month: date.slice(0, 7), submittedDate: date, closed: workingDays !== null, workingDays,
    });
    const acc = new DistributionAccumulator({ period: { from: '2026-01', to: '2026-01' }, departments: ['b', 'a'], services: ['s1'], minCell: 1 });
    for (const d of [req('a', 's1', '2026-01-05', 7), req('a', 's1', '2026-01-05', 6), req('b', null, '2026-01-05', null), req('a', null, '2026-01-31', 70), req('a', 's1', '2025-12-31', 1)]) acc.add(d);
    const daily = acc.dailyVolume();
    expect(daily.length).toBe(31 * 3);
    expect(daily.find((r) => r.key === 'all' && r.date === '2026-01-05')?.requests).toBe(3);
    expect(daily.find((r) => r.key === 'a' && r.date === '2026-01-31')?.requests).toBe(1);
    expect(daily.find((r) => r.key === 'b' && r.date === '2026-01-05')?.requests).toBe(1);
    const hist = acc.closeHistogram();
    const bin = (scope: string, key: string, from: number) => hist.find((r) => r.scope === scope && r.key === key && r.bin_from === from)?.requests;
    expect(bin('city', 'all', 6)).toBe(2); // 6 and 7 days share the 6..7 bin
    expect(bin('service', 's1', 6)).toBe(2);
    expect(bin('department', 'a', 61)).toBe(1);
    expect(bin('city', 'all', 1)).toBe(0); // December is outside the period
  });
});

describe('binOf(days)', () => {
  it('matches the search over CLOSE_BINS for whole, fractional, negative and huge days', () => {
    for (let d = -5; d <= 1500; d++) expect(binOf(d)).toBe(refBinOf(d));
    for (const d of [0.5, 5.5, 6.5, 60.5, 61.25, -0.5, 1e9, Number.NaN, -0]) expect(binOf(d)).toBe(refBinOf(d));
  });
});

describe('CellCounter, KpiCellCounter and DistributionCellCounter: add(item), finish()', () => {
  const items = city(3000, 33);
  const published = new Set(months);
  const cellItems = items.filter((d) => published.has(d.month)).map((d) => ({ department: d.request.department, service: d.request.service, month: d.month }));
  const kpiItems: KpiItem[] = items.map((d) => ({
    department: d.request.department, service: d.request.service, month: d.month, channel: d.request.channel, clientType: d.request.clientType, needType: d.request.needType, tier: d.request.tier,
  }));
  const distItems: DistributionItem[] = items.map((d) => ({ department: d.request.department, service: d.request.service, month: d.month, date: d.submittedDate, closed: d.closed, workingDays: d.workingDays }));
  const serviceIds = new Set(services.map((s) => s.id));
  const kt: KpiTables = { departments, services, months, period, channels, clientTypes, needTypes, tiers: ['1', '2', '3', '4'] };
  const dt: DistributionTables = { departments, services, period, dates: datesOfPeriod(period), binOf, bins: CLOSE_BINS.length };
  const sorted = (m: Map<string, number>): [string, number][] => [...m].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const cells = (order: readonly typeof cellItems[number][]): Map<string, number> => {
    const c = new CellCounter(serviceIds, period, previousPeriod);
    for (const r of order) c.add(r);
    return c.finish();
  };
  const kpis = (order: readonly KpiItem[]): Map<string, number> => {
    const c = new KpiCellCounter(kt);
    for (const r of order) c.add(r);
    return c.finish();
  };
  const dists = (order: readonly DistributionItem[]): Map<string, number> => {
    const c = new DistributionCellCounter(dt);
    for (const r of order) c.add(r);
    return c.finish();
  };

  it('give the same Map as the array implementations: entries and their order', () => {
    const refCells = refCellCounts(cellItems, serviceIds, period, previousPeriod);
    expect([...cells(cellItems)]).toEqual([...refCells]);
    expect([...cellCounts(cellItems, serviceIds, period, previousPeriod)]).toEqual([...refCells]);
    const refKpis = refKpiCounts(kpiItems, kt);
    expect([...kpis(kpiItems)]).toEqual([...refKpis]);
    expect([...kpiCounts(kpiItems, kt)]).toEqual([...refKpis]);
    const refDists = refDistributionCounts(distItems, dt);
    expect([...dists(distItems)]).toEqual([...refDists]);
    expect([...distributionCounts(distItems, dt)]).toEqual([...refDists]);
    // The city covers every kind of cell, so the comparison is not vacuous.
    for (const prefix of ['cm|', 'dm|', 'sm|', 'ds|', 'ss|', 'dp|']) expect([...refCells.keys()].some((id) => id.startsWith(prefix)), prefix).toBe(true);
    for (const prefix of ['pc', 'k|channel|', 'k|tier|4', 'k|priority_month|', 'k|routine_month|', 'cn|']) expect([...refKpis.keys()].some((id) => id.startsWith(prefix)), prefix).toBe(true);
    for (const prefix of ['dv|all|', 'dv|ghost|', 'cl|service|', 'cb|city|all|13', 'cb|service|']) expect([...refDists.keys()].some((id) => id.startsWith(prefix)), prefix).toBe(true);
  });
  it('count the same whatever the order (the Map lists cells in the order first counted)', () => {
    for (const seed of [1, 2]) {
      expect(sorted(cells(shuffled(cellItems, seed)))).toEqual(sorted(cells(cellItems)));
      expect(sorted(kpis(shuffled(kpiItems, seed)))).toEqual(sorted(kpis(kpiItems)));
      expect(sorted(dists(shuffled(distItems, seed)))).toEqual(sorted(dists(distItems)));
    }
    const reversed = [...distItems].reverse();
    expect([...dists(reversed)]).toEqual([...refDistributionCounts(reversed, dt)]);
  });
  it('add up ids shared by two cells, as the string keys did (a department called "all")', () => {
    const odd = distItems.slice(0, 300).map((r, i) => (i % 3 === 0 ? { ...r, department: 'all' } : r));
    expect([...dists(odd)]).toEqual([...refDistributionCounts(odd, dt)]);
  });
  it('count a few cells by hand', () => {
    const c = new CellCounter(new Set(['s1']), { from: '2026-09', to: '2026-10' }, { from: '2026-07', to: '2026-08' });
    for (const r of [
      { department: 'a', service: 's1', month: '2026-10' },
      { department: 'a', service: 's2', month: '2026-10' },
      { department: 'b', service: null, month: '2026-10' },
      { department: 'a', service: 's1', month: '2026-08' },
    ]) c.add(r);
    expect(Object.fromEntries(c.finish())).toEqual({
      'cm|2026-10': 3, 'dm|a|2026-10': 2, 'sm|s1|2026-10': 1, 'ds|a': 2, 'ss|s1': 1, 'dm|b|2026-10': 1, 'ds|b': 1,
      'cm|2026-08': 1, 'dm|a|2026-08': 1, 'sm|s1|2026-08': 1, 'dp|a': 1,
    });
    const k = new KpiCellCounter({ ...kt, months: ['2026-10'], period: { from: '2026-10', to: '2026-10' } });
    k.add({ department: 'a', service: null, month: '2026-10', channel: 'phone', clientType: 'citizen', needType: 'complaint', tier: 4 });
    k.add({ department: 'a', service: null, month: '2026-09', channel: 'phone', clientType: 'citizen', needType: 'complaint', tier: 4 });
    expect(Object.fromEntries(k.finish())).toEqual({
      'cm|2026-10': 1, 'k|priority_month|2026-10': 1, pc: 1, 'ds|a': 1, 'k|channel|phone': 1, 'k|client_type|citizen': 1, 'k|need_type|complaint': 1, 'k|tier|4': 1, 'cn|citizen|complaint': 1,
    });
  });
});

describe('addKeyed(…, key): the accumulators fed RowKey codes, as measureAll feeds them', () => {
  /** RowKeys as measureAll makes them: one dictionary per key, codes in first-seen order. */
  function keyed(items: readonly Derived[]): RowKey[] {
    const codes = [new Dictionary<string>(), new Dictionary<string>(), new Dictionary<string>(), new Dictionary<string>()] as const;
    return items.map((d) => ({
      department: d.request.department,
      service: d.request.service,
      month: d.month,
      date: d.submittedDate,
      departmentCode: codes[0].code(d.request.department),
      serviceCode: d.request.service === null ? -1 : codes[1].code(d.request.service),
      monthCode: codes[2].code(d.month),
      dateCode: codes[3].code(d.submittedDate),
    }));
  }

  it('give what add(…) gives: aggregates, distributions and cell counts (entries and order)', () => {
    for (const seed of [33, 34]) {
      // A department called "all", one nobody lists and services nobody lists are in the city.
      const items = city(4000, seed).map((d, i) => (i % 97 === 0 ? { ...d, request: { ...d.request, department: 'all' } } : d));
      const keys = keyed(items);
      const a = new AggregateAccumulator(aggOpts(5));
      const ak = new AggregateAccumulator(aggOpts(5));
      const dopts: DistributionOptions = { period, departments, services: services.map((s) => s.id), minCell: 5 };
      const ds = new DistributionAccumulator(dopts);
      const dsk = new DistributionAccumulator(dopts);
      const serviceIds = new Set(services.map((s) => s.id));
      const cc = new CellCounter(serviceIds, period, previousPeriod);
      const cck = new CellCounter(serviceIds, period, previousPeriod);
      const dt: DistributionTables = { departments, services, period, dates: datesOfPeriod(period), binOf, bins: CLOSE_BINS.length };
      const dc = new DistributionCellCounter(dt);
      const dck = new DistributionCellCounter(dt);
      const published = new Set(months);
      items.forEach((d, i) => {
        const k = keys[i] as RowKey;
        a.add(d);
        ak.addKeyed(d, k);
        ds.add(d);
        dsk.addKeyed(d, k);
        if (published.has(d.month)) {
          cc.add({ department: d.request.department, service: d.request.service, month: d.month });
          cck.addKeyed(k);
        }
        dc.add({ department: d.request.department, service: d.request.service, month: d.month, date: d.submittedDate, closed: d.closed, workingDays: d.workingDays });
        dck.addKeyed(k, d.closed, d.workingDays);
      });
      expect(JSON.stringify(ak.finish())).toBe(JSON.stringify(a.finish()));
      expect(JSON.stringify(dsk.dailyVolume())).toBe(JSON.stringify(ds.dailyVolume()));
      expect(JSON.stringify(dsk.closeHistogram())).toBe(JSON.stringify(ds.closeHistogram()));
      expect([...cck.finish()]).toEqual([...cc.finish()]);
      expect([...dck.finish()]).toEqual([...dc.finish()]);
      expect(cc.finish().size).toBeGreaterThan(100);
      expect(dc.finish().size).toBeGreaterThan(500);
    }
  });
});
