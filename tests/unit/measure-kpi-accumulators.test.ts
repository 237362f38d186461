/**
 * The one-pass accumulators of the public's measures (KpiCell, KpiBreakdown,
 * ClientNeedAccumulator, PublicAccumulator) against their array wrappers and against figures
 * computed here straight from the requests, on a made-up city: three listed departments and
 * one unlisted, services in and out of the published list, every channel, client and need type
 * (some unpublished), tiers I–IV, months before, in the previous period and in the period, bad
 * reviews with and without rectification, repeat contacts, visits and measured or estimated effort.
 */
import { describe, expect, it } from 'vitest';
import { kpiCounts } from '../../scripts/anonymize/cells.ts';
import type { CanonicalRequest, Channel, ClientType, NeedType, Status } from '../../scripts/ingest/canonical.ts';
import type { FeedbackRecord } from '../../scripts/ingest/feedback.ts';
import { buildClientNeed, buildKpis, ClientNeedAccumulator, KpiBreakdown, kpiChannels, kpiTiers, type BreakdownOptions } from '../../scripts/measure/breakdown.ts';
import { buildCalendar } from '../../scripts/measure/calendar.ts';
import { deriveAll } from '../../scripts/measure/derive.ts';
import { enrichAll, type Enriched } from '../../scripts/measure/enrich.ts';
import { guideCompleteness } from '../../scripts/measure/guides.ts';
import { computeKpis, KpiCell } from '../../scripts/measure/kpis.ts';
import { inPeriod, periodsFor } from '../../scripts/measure/months.ts';
import { measurePublic, PublicAccumulator, type PublicOptions } from '../../scripts/measure/public.ts';
import type { PublicRowKey } from '../../scripts/measure/row-key.ts';
import { Dictionary } from '../../scripts/lib/dictionary.ts';
import { componentsOf, scoreOf, type Weights } from '../../scripts/measure/score.ts';
import type { Segments } from '../../scripts/measure/segments.ts';
import { median, nearestRank, ratio, sortNumbers } from '../../scripts/measure/stats.ts';
import type { ServiceGuide, TimeLimit } from '../../src/lib/content-schema.ts';
import type { KpiRow } from '../../src/lib/published.ts';
import { prng } from '../fixtures/anonymize/derived.ts';
import { shuffled } from './random.ts';

const TZ = 'Asia/Shanghai';
const H = 3_600_000;
const DAY = 24 * H;
const calendar = buildCalendar([
  { path: '2024.yaml', data: { year: 2024, holidays: [{ from: '2024-10-01', to: '2024-10-07' }], workdays: ['2024-09-29', '2024-10-12'] } },
  { path: '2025.yaml', data: { year: 2025, holidays: [{ from: '2025-10-01', to: '2025-10-08' }], workdays: ['2025-09-28', '2025-10-11'] } },
  { path: '2026.yaml', data: { year: 2026, holidays: [{ from: '2026-02-15', to: '2026-02-23' }], workdays: ['2026-02-14', '2026-02-28'] } },
  { path: '2027.yaml', data: { year: 2027, holidays: [], workdays: [] } },
]);
const asOf = '2026-10-31';
// Published months 2025-05..2026-10; period 2025-11..2026-10; previous period 2024-11..2025-10 (half of it unpublished).
const periods = periodsFor(asOf, 18);
const MIN_CELL = 5;

const departments = ['civil', 'housing', 'transport'];
const serviceDepartments = [
  { id: 'civil-id', department: 'civil' },
  { id: 'civil-marriage', department: 'civil' },
  { id: 'housing-permit', department: 'housing' },
  { id: 'transport-licence', department: 'transport' },
];
const promised = new Map<string, TimeLimit>([
  ['civil-id', { days: 5, unit: 'working' }],
  ['civil-marriage', { days: 1, unit: 'working' }],
  ['housing-permit', { days: 20, unit: 'working' }],
  ['transport-licence', { days: 10, unit: 'natural' }],
]);
const statutory = new Map<string, TimeLimit>([
  ['civil-id', { days: 15, unit: 'working' }],
  ['housing-permit', { days: 30, unit: 'working' }],
]);
const channels: Channel[] = ['online', 'mobile', 'phone', 'in_person', 'other'];
/** Government (2%) and leadership (3%) clients are rare, so some of their cells are small. */
const commonClients: ClientType[] = ['citizen', 'citizen', 'citizen', 'enterprise', 'unknown'];
const needTypes: NeedType[] = ['information', 'complaint', 'complaint', 'application', 'certificate', 'public-service', 'unknown'];

const label = { zh: '标签', en: 'label' };
/** Published client and need types leave out some that occur (unknown, public-service). */
const segments: Segments = {
  clientTypes: { citizen: label, enterprise: label, government: label, leadership: label },
  needTypes: { information: { ...label, internal: false }, complaint: { ...label, internal: false }, application: { ...label, internal: false }, certificate: { ...label, internal: false } },
  tiers: { '1': { ...label, description: label }, '2': { ...label, description: label }, '3': { ...label, description: label }, '4': { ...label, description: label } },
  rules: [
    { tier: 4, label, clientType: ['leadership'] },
    { tier: 4, label, descriptionContains: ['安全隐患'] },
    { tier: 3, label, needType: ['complaint'] },
    { tier: 2, label, channel: ['phone'] },
    { tier: 1, label },
  ],
  effortEstimateMinutes: { information: 10, complaint: 90, application: 45, certificate: 30, unknown: 20 },
};

/** Only the parts guideCompleteness reads (and the department); the rest of a guide plays no part here. */
function guide(department: string, complete: boolean): ServiceGuide {
  const parts = {
    department,
    onlineUrl: complete ? 'https://example.org/apply' : undefined,
    faq: complete ? [{ q: 'q', a: 'a' }] : [],
    legalBasis: complete ? [{ rule: 'rule-1' }] : [],
    materials: [],
    summary: { zh: '摘要', en: complete ? 'Summary' : '' },
  };
  return parts as unknown as ServiceGuide;
}
const guides = [guide('civil', true), guide('civil', false), guide('housing', true)];

const weights: Weights = { timeliness: 30, satisfaction: 25, rectification: 15, digital: 10, guides: 10, repeat: 10 };
const pub: PublicOptions = {
  segments,
  feedback: [],
  guides,
  rectificationLimitWd: 15,
  repeatWindowDays: 30,
  minCasesForScore: 20,
  score: { version: 'test', weights },
};

/** Made-up requests submitted 2024-06-01..2026-10-31, and feedback rows for most bad reviews. */
function city(n: number, seed: number): { requests: CanonicalRequest[]; feedback: FeedbackRecord[] } {
  const rnd = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  const start = Date.UTC(2024, 5, 1) - 8 * H; // 2024-06-01 00:00 in Shanghai
  const days = Math.round((Date.UTC(2026, 9, 31) - Date.UTC(2024, 5, 1)) / DAY) + 1;
  const requests: CanonicalRequest[] = [];
  const feedback: FeedbackRecord[] = [];
  for (let i = 0; i < n; i++) {
    const department = rnd() < 0.03 ? 'port' : pick(departments); // 'port' is not a listed department
    const own = serviceDepartments.filter((s) => s.department === department);
    const x = rnd();
    const service = x < 0.15 ? null : x < 0.2 ? 'retired-service' : own.length > 0 ? pick(own).id : null;
    const channel = pick(channels);
    const submittedAt = start + Math.floor(rnd() * days) * DAY + Math.floor(rnd() * DAY);
    const s = rnd();
    const status: Status = s < 0.15 ? 'open' : s < 0.75 ? 'closed' : s < 0.85 ? 'rejected' : s < 0.93 ? 'withdrawn' : 'transferred';
    const closedAt = status === 'open' ? null : submittedAt + Math.floor(rnd() * rnd() * 40 * DAY) + Math.floor(rnd() * 6) * 60_000;
    const rating = closedAt !== null && rnd() < 0.6 ? pick([1, 2, 3, 4, 4, 5, 5, 5] as const) : null;
    const id = `r${i}`;
    const c = rnd();
    requests.push({
      id,
      source: channel === 'phone' ? 'hotline' : 'hall',
      department,
      service,
      category: service === null ? pick(['noise', 'roads', 'water']) : 'licence',
      needType: pick(needTypes),
      clientType: c < 0.02 ? 'government' : c < 0.05 ? 'leadership' : pick(commonClients),
      tier: 1,
      channel,
      submittedAt,
      acceptedAt: null,
      closedAt,
      dueAt: rnd() < 0.3 ? submittedAt + 10 * DAY : null,
      status,
      rating,
      ratingComment: null,
      description: rnd() < 0.02 ? '楼道有安全隐患' : null,
      district: null,
      requesterKey: rnd() < 0.1 ? null : `k${Math.floor(rnd() * 250)}`,
      visits: channel === 'in_person' ? Math.floor(rnd() * 4) : rnd() < 0.1 ? 1 : null,
      effortMinutes: rnd() < 0.5 ? 5 + Math.floor(rnd() * 120) : null,
      timezone: TZ,
    });
    if (rating !== null && rating <= 2 && closedAt !== null && rnd() < 0.8) {
      const receivedAt = closedAt + DAY;
      const outcome = pick(['rectified', 'explained', null] as const);
      feedback.push({
        source: 'feedback',
        targetSource: channel === 'phone' ? 'hotline' : 'hall',
        target: id,
        receivedAt,
        verifiedAt: rnd() < 0.7 ? receivedAt + H : null,
        outcome,
        outcomeAt: outcome === null ? null : receivedAt + Math.floor(rnd() * 30) * DAY,
        calledBackAt: rnd() < 0.5 ? receivedAt + 2 * DAY : null,
      });
    }
  }
  return { requests, feedback };
}

const made = city(3000, 20261031);
const derived = deriveAll(made.requests, { calendar, timezone: TZ, asOf, promised, statutory });
const options: PublicOptions = { ...pub, feedback: made.feedback };
const enriched = enrichAll(derived, {
  segments,
  feedback: made.feedback,
  calendar,
  timezone: TZ,
  rectificationLimitWd: options.rectificationLimitWd,
  repeatWindowDays: options.repeatWindowDays,
});
const ctx = { periods, departments, services: serviceDepartments.map((s) => s.id), minCell: MIN_CELL, serviceDepartments };
const bo: BreakdownOptions = {
  departments,
  services: ctx.services,
  months: periods.months,
  period: periods.period,
  clientTypes: Object.keys(segments.clientTypes),
  needTypes: Object.keys(segments.needTypes),
  minCell: MIN_CELL,
};

const orders: [string, readonly Enriched[]][] = [
  ['input order', enriched],
  ['reversed', [...enriched].reverse()],
  ['shuffled', shuffled(enriched, 7)],
];

function feed<A extends { add(e: Enriched): void }>(acc: A, items: readonly Enriched[]): A {
  for (const e of items) acc.add(e);
  return acc;
}

/** Figures of a cell computed directly from its requests (sorting lists, no accumulator). */
function direct(items: readonly Enriched[]) {
  const closed = items.filter((d) => d.closed);
  const days = sortNumbers(closed.flatMap((d) => (d.workingDays === null ? [] : [d.workingDays])));
  const hours = sortNumbers(closed.flatMap((d) => (d.elapsedHours === null ? [] : [d.elapsedHours])));
  const ages = sortNumbers(items.flatMap((d) => (!d.closed && d.ageWd !== null ? [d.ageWd] : [])));
  const ratings = items.flatMap((d) => (d.request.rating === null ? [] : [d.request.rating]));
  const bad = items.filter((d) => d.rectification !== null);
  const effort = items.reduce((s, d) => s + d.effortMinutes, 0);
  return {
    n: items.length,
    closed: closed.length,
    completed: closed.filter((d) => d.request.status === 'closed').length,
    open: items.length - closed.length,
    days,
    hours,
    ages,
    rated: ratings.length,
    satisfied: ratings.filter((r) => r >= 4).length,
    ratingSum: ratings.reduce((s, r) => s + r, 0),
    bad: bad.length,
    inLimit: bad.filter((d) => d.rectification?.inLimit === true).length,
    repeat: items.filter((d) => d.repeat).length,
    digital: items.filter((d) => d.request.channel === 'online' || d.request.channel === 'mobile').length,
    visits: closed.reduce((s, d) => s + (d.request.status === 'closed' && d.request.visits !== null ? d.request.visits : 0), 0),
    effortHours: Math.round((effort / 60) * 10) / 10,
  };
}

/** Checks the row's published figures against direct(), with kpis.ts's suppression rules. */
function expectRowMatches(k: KpiRow | ReturnType<typeof computeKpis>['kpis'], items: readonly Enriched[], minCell: number): void {
  const x = direct(items);
  if (x.n > 0 && x.n < minCell) {
    expect(Object.values(k).filter((v) => typeof v === 'number')).toEqual([]);
    return;
  }
  const enough = (den: number): boolean => den >= minCell && den > 0;
  expect(k).toMatchObject({
    requests: x.n,
    closed: x.closed,
    completed: x.completed,
    open: x.open,
    median_wd: enough(x.days.length) ? median(x.days) : null,
    p90_wd: enough(x.days.length) ? nearestRank(x.days, 90) : null,
    median_hours: enough(x.hours.length) ? median(x.hours) : null,
    open_median_age_wd: enough(x.ages.length) ? median(x.ages) : null,
    rated: x.rated,
    satisfied: x.satisfied,
    satisfaction_rate: enough(x.rated) ? ratio(x.satisfied, x.rated, 4) : null,
    mean_rating: enough(x.rated) ? ratio(x.ratingSum, x.rated, 2) : null,
    bad: x.bad,
    resolved_in_limit: x.inLimit,
    repeat: x.repeat,
    digital: x.digital,
    visits: x.visits,
    effort_hours: x.effortHours,
  });
}

describe('the made-up city', () => {
  it('has what the tests need: every tier, bad reviews, repeats, open cases, months outside the period', () => {
    for (const t of [1, 2, 3, 4]) expect(enriched.some((d) => d.tier === t)).toBe(true);
    expect(enriched.filter((d) => d.rectification?.outcome === 'rectified' && d.rectification.inLimit).length).toBeGreaterThan(5);
    expect(enriched.filter((d) => d.rectification?.received === false).length).toBeGreaterThan(5);
    expect(enriched.filter((d) => d.repeat).length).toBeGreaterThan(50);
    expect(enriched.filter((d) => !d.closed && d.overdue).length).toBeGreaterThan(5);
    expect(enriched.filter((d) => inPeriod(d.month, periods.previousPeriod) && !periods.months.includes(d.month)).length).toBeGreaterThan(100);
    expect(enriched.filter((d) => d.month < periods.previousPeriod.from).length).toBeGreaterThan(100);
  });
});

describe('KpiCell.add(e) and result(minCell)', () => {
  const civil = enriched.filter((d) => d.request.department === 'civil' && inPeriod(d.month, periods.period));
  it.each(orders)('equals computeKpis over the same requests, fed in %s', (_, items) => {
    const cell = feed(new KpiCell(), items.filter((d) => d.request.department === 'civil' && inPeriod(d.month, periods.period)));
    expect(cell.result(MIN_CELL)).toEqual(computeKpis(civil, MIN_CELL));
    expect(cell.result(1)).toEqual(computeKpis(civil, 1));
  });
  it('matches figures computed straight from the requests', () => {
    const { kpis, suppressed } = feed(new KpiCell(), civil).result(MIN_CELL);
    expect(suppressed).toBe(false);
    expectRowMatches(kpis, civil, MIN_CELL);
  });
  it('suppresses 1..minCell-1 requests and leaves result() repeatable', () => {
    const cell = feed(new KpiCell(), civil.slice(0, MIN_CELL - 1));
    expect(cell.result(MIN_CELL)).toEqual(computeKpis(civil.slice(0, MIN_CELL - 1), MIN_CELL));
    expect(cell.result(MIN_CELL).suppressed).toBe(true);
    expect(cell.result(1)).toEqual(cell.result(1));
    expect(new KpiCell().result(MIN_CELL)).toEqual(computeKpis([], MIN_CELL));
  });
});

describe('KpiBreakdown(options).add(e) and finish()', () => {
  const expected = buildKpis(enriched, bo);
  it.each(orders)('equals buildKpis, rows in the same order, fed in %s', (_, items) => {
    const got = feed(new KpiBreakdown(bo), items).finish();
    expect(got).toEqual(expected);
    expect(JSON.stringify(got)).toBe(JSON.stringify(expected));
  });
  it('keeps the published row order: city, dimensions in key order, then month, routine and priority per month', () => {
    const keys = expected.rows.map((r) => `${r.dimension}:${r.key}`);
    expect(keys).toEqual([
      'city:all',
      ...departments.map((d) => `department:${d}`),
      ...ctx.services.map((s) => `service:${s}`),
      ...kpiChannels.map((c) => `channel:${c}`),
      ...bo.clientTypes.map((c) => `client_type:${c}`),
      ...bo.needTypes.map((n) => `need_type:${n}`),
      ...kpiTiers.map((t) => `tier:${t}`),
      ...periods.months.flatMap((m) => [`month:${m}`, `routine_month:${m}`, `priority_month:${m}`]),
    ]);
  });
  it('covers the period in dimension rows and every request of the month in month rows', () => {
    const cur = enriched.filter((d) => inPeriod(d.month, periods.period));
    const cellOf = (r: KpiRow): Enriched[] => {
      const q = (d: Enriched) => d.request;
      switch (r.dimension) {
        case 'city': return cur;
        case 'department': return cur.filter((d) => q(d).department === r.key);
        case 'service': return cur.filter((d) => q(d).service === r.key);
        case 'channel': return cur.filter((d) => q(d).channel === r.key);
        case 'client_type': return cur.filter((d) => q(d).clientType === r.key);
        case 'need_type': return cur.filter((d) => q(d).needType === r.key);
        case 'tier': return cur.filter((d) => String(d.tier) === r.key);
        case 'month': return enriched.filter((d) => d.month === r.key);
        case 'routine_month': return enriched.filter((d) => d.month === r.key && d.tier !== 4);
        case 'priority_month': return enriched.filter((d) => d.month === r.key && d.tier === 4);
      }
    };
    let small = 0;
    for (const r of expected.rows) {
      const items = cellOf(r);
      if (items.length > 0 && items.length < MIN_CELL) small++;
      expectRowMatches(r, items, MIN_CELL);
    }
    expect(small).toBeGreaterThan(0); // some priority months are small
    expect(expected.suppressed).toBe(small);
    // Requests of the unlisted department count in the city row only.
    const city = expected.rows[0];
    const listed = expected.rows.filter((r) => r.dimension === 'department').reduce((n, r) => n + (r.requests ?? 0), 0);
    expect(city?.requests).toBe(cur.length);
    expect(listed).toBe(cur.filter((d) => d.request.department !== 'port').length);
  });
  it('counts by hand: a request of an unpublished month is in no month row, one in the previous period in none of the period rows', () => {
    const base = enriched.find((d) => d.closed && d.tier === 4 && inPeriod(d.month, periods.period)) as Enriched;
    const old = { ...base, month: periods.previousPeriod.to };
    const ancient = { ...base, month: '2020-01' };
    const o = { ...bo, minCell: 1 };
    const { rows, suppressed } = feed(new KpiBreakdown(o), [base, old, ancient]).finish();
    const get = (dimension: string, key: string) => rows.find((r) => r.dimension === dimension && r.key === key)?.requests;
    expect(suppressed).toBe(0);
    expect(get('city', 'all')).toBe(1);
    expect(get('tier', '4')).toBe(1);
    expect(get('month', base.month)).toBe(1);
    expect(get('priority_month', base.month)).toBe(1);
    expect(get('routine_month', base.month)).toBe(0);
    expect(get('month', periods.previousPeriod.to)).toBe(1); // published month before the period
    expect(rows.filter((r) => r.dimension.endsWith('month')).reduce((n, r) => n + (r.requests ?? 0), 0)).toBe(4);
  });
});

describe('ClientNeedAccumulator(options).add(e) and finish()', () => {
  const expected = buildClientNeed(enriched, bo);
  it.each(orders)('equals buildClientNeed, fed in %s', (_, items) => {
    expect(feed(new ClientNeedAccumulator(bo), items).finish()).toEqual(expected);
  });
  it('matches the matrix computed straight from the requests of the period', () => {
    const cur = enriched.filter((d) => inPeriod(d.month, periods.period));
    expect(expected.map((r) => `${r.client_type}/${r.need_type}`)).toEqual(bo.clientTypes.flatMap((c) => bo.needTypes.map((n) => `${c}/${n}`)));
    for (const r of expected) {
      const cell = cur.filter((d) => d.request.clientType === r.client_type && d.request.needType === r.need_type);
      const x = direct(cell);
      if (x.n > 0 && x.n < MIN_CELL) {
        expect(r).toEqual({ client_type: r.client_type, need_type: r.need_type, requests: null, median_wd: null, satisfaction_rate: null });
        continue;
      }
      expect(r.requests).toBe(x.n);
      expect(r.median_wd).toBe(x.days.length >= MIN_CELL ? median(x.days) : null);
      expect(r.satisfaction_rate).toBe(x.rated >= MIN_CELL ? ratio(x.satisfied, x.rated, 4) : null);
    }
    expect(expected.some((r) => r.requests === null)).toBe(true); // leadership × certificate and the like are small
  });
});

describe('PublicAccumulator(ctx, pub).add(e) and finish()', () => {
  const expected = measurePublic(derived, { ...ctx, calendar, timezone: TZ }, options);
  it.each(orders)('equals measurePublic over the same requests, fed in %s', (_, items) => {
    const got = feed(new PublicAccumulator(ctx, options), items).finish();
    expect(got).toEqual(expected);
    expect(JSON.stringify({ ...got, family: null })).toBe(JSON.stringify({ ...expected, family: null }));
    expect([...got.family.values]).toEqual([...expected.family.values]);
    expect(got.family.relations).toEqual(expected.family.relations);
  });
  it('scores each department from its requests in the period and the previous period', () => {
    const mine = (dep: string, p: { from: string; to: string }) => enriched.filter((d) => d.request.department === dep && inPeriod(d.month, p));
    expect(expected.scores.map((s) => s.department)).toEqual(departments);
    for (const s of expected.scores) {
      const cur = mine(s.department, periods.period);
      const prev = mine(s.department, periods.previousPeriod);
      const g = guideCompleteness(guides.filter((x) => x.department === s.department));
      expect(s.cases).toBe(cur.length);
      expect(s.ranked).toBe(true);
      expect(s.score).toBe(scoreOf(componentsOf(computeKpis(cur, 1).kpis, g, MIN_CELL), weights)?.score);
      expect(prev.length).toBeGreaterThanOrEqual(options.minCasesForScore);
      expect(s.prev_score).toBe(scoreOf(componentsOf(computeKpis(prev, 1).kpis, g, MIN_CELL), weights)?.score);
    }
  });
  it('counts the cells for suppression as kpiCounts does, and the city over the period by hand', () => {
    const items = enriched.map((d) => ({ department: d.request.department, service: d.request.service, month: d.month, channel: d.request.channel, clientType: d.request.clientType, needType: d.request.needType, tier: d.tier }));
    const counts = kpiCounts(items, { departments, services: serviceDepartments, months: periods.months, period: periods.period, channels: kpiChannels, clientTypes: bo.clientTypes, needTypes: bo.needTypes, tiers: kpiTiers });
    for (const [id, v] of expected.family.values) expect(v, id).toBe(counts.get(id) ?? 0);
    expect(expected.family.values.get('pc')).toBe(enriched.filter((d) => inPeriod(d.month, periods.period)).length);
    expect(expected.kpis[0]?.requests).toBe(expected.family.values.get('pc'));
  });
});

describe('PublicAccumulator(ctx, pub).addKeyed(e, key)', () => {
  it('gives what add(e) gives (kpis, client × need, scores, cell counts in order), in any order', () => {
    for (const [, items] of orders) {
      const codes = Array.from({ length: 7 }, () => new Dictionary<string>());
      const keyed = new PublicAccumulator(ctx, options);
      for (const e of items) {
        const q = e.request;
        const key: PublicRowKey = {
          department: q.department, service: q.service, month: e.month, date: e.submittedDate, channel: q.channel, clientType: q.clientType, needType: q.needType,
          departmentCode: codes[0]?.code(q.department) ?? 0, serviceCode: q.service === null ? -1 : (codes[1]?.code(q.service) ?? 0),
          monthCode: codes[2]?.code(e.month) ?? 0, dateCode: codes[3]?.code(e.submittedDate) ?? 0, channelCode: codes[4]?.code(q.channel) ?? 0,
          clientTypeCode: codes[5]?.code(q.clientType) ?? 0, needTypeCode: codes[6]?.code(q.needType) ?? 0,
        };
        keyed.addKeyed(e, key);
      }
      const got = keyed.finish();
      const want = feed(new PublicAccumulator(ctx, options), items).finish();
      expect(JSON.stringify({ ...got, family: undefined })).toBe(JSON.stringify({ ...want, family: undefined }));
      expect([...got.family.values]).toEqual([...want.family.values]);
      expect(got.family.relations).toEqual(want.family.relations);
    }
  });
});
