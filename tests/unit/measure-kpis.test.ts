import { describe, expect, it } from 'vitest';
import type { CanonicalRequest } from '../../scripts/ingest/canonical.ts';
import type { FeedbackRecord } from '../../scripts/ingest/feedback.ts';
import { buildCalendar } from '../../scripts/measure/calendar.ts';
import type { Derived } from '../../scripts/measure/derive.ts';
import { enrichAll, repeatFlags, type Enriched } from '../../scripts/measure/enrich.ts';
import { computeKpis } from '../../scripts/measure/kpis.ts';
import { classifyTier, effortOf, type TierRule } from '../../scripts/measure/segments.ts';

const calendar = buildCalendar([{ path: '2026.yaml', data: { year: 2026, holidays: [{ from: '2026-02-15', to: '2026-02-23' }], workdays: ['2026-02-14', '2026-02-28'] } }]);
const H = 3_600_000;
const T0 = Date.UTC(2026, 0, 5, 1); // Mon 2026-01-05 09:00 in Shanghai

function request(over: Partial<CanonicalRequest>): CanonicalRequest {
  return {
    id: 'x', source: 's', department: 'a', service: 'svc', category: 'c', needType: 'application', clientType: 'citizen', tier: 1,
    channel: 'online', submittedAt: T0, acceptedAt: null, closedAt: T0 + 24 * H, dueAt: null, status: 'closed', rating: null, ratingComment: null,
    description: null, district: null, requesterKey: null, visits: null, effortMinutes: null, timezone: 'Asia/Shanghai', ...over,
  };
}

function derived(over: Partial<CanonicalRequest>, d: Partial<Derived> = {}): Derived {
  return {
    request: request(over), month: '2026-01', submittedDate: '2026-01-05', closed: true, workingDays: 1, dueDate: '2026-01-12', onTime: true,
    elapsedHours: 24, promiseKept: true, statutoryKept: true, ageWd: null, overdue: false, ...d,
  };
}

function enriched(over: Partial<CanonicalRequest>, d: Partial<Enriched> = {}): Enriched {
  return { ...derived(over), tier: 1, effortMinutes: 30, effortEstimated: false, repeat: false, bad: false, rectification: null, ...d };
}

describe('computeKpis(items, minCell)', () => {
  it('computes every measure of a hand-made cell', () => {
    const items: Enriched[] = [
      enriched({ rating: 5, channel: 'online', visits: 0 }, { workingDays: 0, elapsedHours: 4, effortMinutes: 10 }),
      enriched({ rating: 4, channel: 'mobile', visits: 1 }, { workingDays: 2, promiseKept: false, onTime: false, effortMinutes: 20, effortEstimated: true }),
      enriched({ rating: 1, channel: 'phone', status: 'rejected' }, {
        workingDays: 5, statutoryKept: false, repeat: true, effortMinutes: 30,
        bad: true, rectification: { received: true, verified: true, outcome: 'rectified', inLimit: true, calledBack: true },
      }),
      enriched({ rating: 2, channel: 'in_person', visits: 2 }, {
        workingDays: 9, bad: true, effortMinutes: 40, rectification: { received: true, verified: true, outcome: 'explained', inLimit: false, calledBack: false },
      }),
      enriched({ status: 'open', closedAt: null, channel: 'online' }, { closed: false, workingDays: null, onTime: null, promiseKept: null, statutoryKept: null, elapsedHours: null, ageWd: 7, overdue: true, effortMinutes: 0 }),
    ];
    const { kpis, suppressed } = computeKpis(items, 2);
    expect(suppressed).toBe(false);
    expect(kpis).toMatchObject({
      requests: 5, closed: 4, completed: 3, rejected: 1, open: 1, open_overdue: 1, open_median_age_wd: null, // 1 open < minCell 2
      median_wd: 3.5, p90_wd: 9, median_hours: 24,
      due_n: 4, on_time: 3, on_time_rate: 0.75,
      promise_n: 4, promise_kept: 3, promise_rate: 0.75, statutory_n: 4, statutory_kept: 3,
      rated: 4, r1: 1, r2: 1, r3: 0, r4: 1, r5: 1, satisfied: 2, satisfaction_rate: 0.5, satisfaction_lo: 0.1500, satisfaction_hi: 0.8500, mean_rating: 3, response_rate: 1,
      bad: 2, rectified: 1, explained: 1, resolved_in_limit: 1, rectification_rate: 0.5, called_back: 1, callback_rate: 0.5,
      repeat: 1, repeat_rate: 0.2, digital: 3, digital_rate: 0.6,
      visits_n: 3, visits: 3, visits_per_case: 1,
      effort_hours: 1.7, effort_estimated_share: 0.2,
    });
  });
  it('suppresses a cell of 1..minCell-1 requests entirely and gives rates null below minCell', () => {
    expect(computeKpis([enriched({})], 2)).toMatchObject({ suppressed: true, kpis: { requests: null, satisfaction_lo: null } });
    const { kpis } = computeKpis([enriched({ rating: 5 }), enriched({})], 2);
    expect(kpis.rated).toBe(1);
    expect(kpis.satisfaction_rate).toBeNull();
    expect(kpis.satisfaction_lo).toBeNull();
  });
  it('does not depend on item order', () => {
    const items = [enriched({ rating: 1 }, { workingDays: 4 }), enriched({ rating: 5 }, { workingDays: 1 }), enriched({ rating: 3 }, { workingDays: 2 })];
    expect(computeKpis([...items].reverse(), 1)).toEqual(computeKpis(items, 1));
  });
});

describe('repeatFlags(items, windowDays)', () => {
  it('marks a second contact by the same requester about the same service within the window, whatever the order', () => {
    const items = [
      derived({ id: '3', requesterKey: 'k1', submittedAt: T0 + 31 * 24 * H }), // 31 days after #2's previous contact (#2 at +0.5d): 30.5 d > 30
      derived({ id: '1', requesterKey: 'k1', submittedAt: T0 }),
      derived({ id: '2', requesterKey: 'k1', submittedAt: T0 + 12 * H }), // 12 h after #1: repeat
      derived({ id: '4', requesterKey: 'k1', service: 'other', submittedAt: T0 + 13 * H }), // other service: not a repeat
      derived({ id: '5', requesterKey: null, submittedAt: T0 + 14 * H }), // no key: never a repeat
    ];
    expect(repeatFlags(items, 30)).toEqual([false, false, true, false, false]);
  });
});

describe('classifyTier(request, rules) and effortOf(request, estimates)', () => {
  const rules: TierRule[] = [
    { tier: 4, label: { zh: '领导', en: 'leadership' }, clientType: ['leadership'] },
    { tier: 4, label: { zh: '安全', en: 'safety' }, descriptionContains: ['安全隐患'] },
    { tier: 3, label: { zh: '投诉', en: 'complaint' }, needType: ['complaint'] },
  ];
  it('takes the first matching rule, and tier I when none matches', () => {
    expect(classifyTier(request({ clientType: 'leadership', needType: 'complaint' }), rules)).toBe(4);
    expect(classifyTier(request({ needType: 'complaint', description: '小区有安全隐患' }), rules)).toBe(4);
    expect(classifyTier(request({ needType: 'complaint', description: '噪音' }), rules)).toBe(3);
    expect(classifyTier(request({ needType: 'information' }), rules)).toBe(1);
  });
  it('uses recorded minutes, else the labelled estimate for the need type', () => {
    expect(effortOf(request({ effortMinutes: 12 }), { application: 45 })).toEqual({ minutes: 12, estimated: false });
    expect(effortOf(request({ effortMinutes: null }), { application: 45 })).toEqual({ minutes: 45, estimated: true });
  });
});

describe('enrichAll(derived, context)', () => {
  const fb = (over: Partial<FeedbackRecord>): FeedbackRecord => ({
    source: 'feedback', targetSource: 's', target: 'x', receivedAt: T0, verifiedAt: T0 + 24 * H, outcome: 'rectified', outcomeAt: null, calledBackAt: null, ...over,
  });
  const ctx = (feedback: FeedbackRecord[]) => ({
    segments: { rules: [], effortEstimateMinutes: { application: 45 } }, feedback, calendar, timezone: 'Asia/Shanghai', rectificationLimitWd: 15, repeatWindowDays: 30,
  });
  it('counts rectification within 15 working days of receipt, across Spring Festival', () => {
    // Received Fri 2026-02-06: 02-09..13 = 5, make-up Sat 02-14 = 6, 02-15..23 off, 02-24..27 = 10, make-up Sat 02-28 = 11,
    // 03-02..05 = 15. So Thu 2026-03-05 is the last day within the limit and Fri 03-06 (16) is late.
    const received = Date.UTC(2026, 1, 6, 2);
    const onTime = enrichAll([derived({ id: 'x', rating: 1 })], ctx([fb({ receivedAt: received, outcomeAt: Date.UTC(2026, 2, 5, 8) })]));
    expect(onTime[0]?.rectification).toEqual({ received: true, verified: true, outcome: 'rectified', inLimit: true, calledBack: false });
    const late = enrichAll([derived({ id: 'x', rating: 2 })], ctx([fb({ receivedAt: received, outcomeAt: Date.UTC(2026, 2, 6, 1), calledBackAt: Date.UTC(2026, 2, 10) })]));
    expect(late[0]?.rectification).toMatchObject({ inLimit: false, calledBack: true });
  });
  it('counts a bad review without a feedback row as not rectified, and ignores feedback on good ratings', () => {
    const [bad, good] = enrichAll([derived({ id: 'x', rating: 2 }), derived({ id: 'y', rating: 4 })], ctx([fb({ target: 'y', outcomeAt: T0 + 48 * H })]));
    expect(bad?.rectification).toEqual({ received: false, verified: false, outcome: null, inLimit: false, calledBack: false });
    expect(good?.rectification).toBeNull();
    expect(good?.effortEstimated).toBe(true);
  });
});
