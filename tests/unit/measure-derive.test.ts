import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { CanonicalRequest } from '../../scripts/ingest/canonical.ts';
import type { TimeLimit } from '../../src/lib/content-schema.ts';
import { loadCalendar } from '../../scripts/measure/calendar.ts';
import { deriveRequest, deriveRequestPlain, type DeriveContext } from '../../scripts/measure/derive.ts';
import { earlierLimits } from '../../scripts/guides/index.ts';
import type { ServiceGuide } from '../../src/lib/content-schema.ts';

const calendar = loadCalendar(join(import.meta.dirname, '../../data/calendar'));
/** Shanghai local time (UTC+8, no DST) to epoch ms. */
const sh = (date: string, hm = '10:00'): number => Date.parse(`${date}T${hm}:00+08:00`);

function req(over: Partial<CanonicalRequest>): CanonicalRequest {
  return {
    id: 'x', source: 's', department: 'd', service: 'svc', category: 'c', needType: 'application', clientType: 'citizen', tier: 1,
    channel: 'online', submittedAt: sh('2026-03-02'), acceptedAt: null, closedAt: null, dueAt: null, status: 'open', rating: null,
    ratingComment: null, description: null, district: null, requesterKey: null, visits: null, effortMinutes: null, timezone: 'Asia/Shanghai',
    ...over,
  };
}

const ctx: DeriveContext = {
  calendar,
  timezone: 'Asia/Shanghai',
  asOf: '2026-10-31',
  promised: new Map<string, TimeLimit>([
    ['svc', { days: 5, unit: 'working' }],
    ['nat', { days: 10, unit: 'natural' }],
    ['now', { days: 0, unit: 'working' }],
  ]),
};

describe('deriveRequest(request, ctx)', () => {
  it('follows a context changed in place between calls (its as-of date and time zone), as deriveRequestPlain does', () => {
    const live: DeriveContext = { ...ctx };
    const r = req({ submittedAt: sh('2026-03-02', '07:30'), status: 'closed', closedAt: sh('2026-03-20') });
    const before = deriveRequest(r, live);
    expect(before).toEqual(deriveRequestPlain(r, live));
    live.asOf = '2026-03-10';
    expect(deriveRequest(r, live)).toEqual(deriveRequestPlain(r, live));
    expect(deriveRequest(r, live).closed).toBe(false);
    live.timezone = 'UTC';
    expect(deriveRequest(r, live)).toEqual(deriveRequestPlain(r, live));
    expect(deriveRequest(r, live).submittedDate).toBe('2026-03-01');
    live.asOf = ctx.asOf;
    live.timezone = ctx.timezone;
    expect(deriveRequest(r, live)).toEqual(before);
  });
  it('treats a due date past the last calendar year as later than any covered date, not as an error', () => {
    const long = { ...ctx, asOf: '2026-12-31', promised: new Map<string, TimeLimit>([['svc', { days: 60, unit: 'working' }]]) };
    const open = deriveRequest(req({ submittedAt: sh('2026-12-01') }), long);
    expect(open).toMatchObject({ dueDate: '9999-12-31', overdue: false, onTime: null });
    const closed = deriveRequest(req({ submittedAt: sh('2026-12-01'), status: 'closed', closedAt: sh('2026-12-30') }), long);
    expect(closed).toMatchObject({ onTime: true, promiseKept: true, workingDays: 21 });
  });
  it('takes the month from the local submission date', () => {
    // 2026-02-28T17:00Z is 2026-03-01 01:00 in Shanghai.
    expect(deriveRequest(req({ submittedAt: Date.UTC(2026, 1, 28, 17) }), ctx).month).toBe('2026-03');
  });
  it('leaves working days and on-time null while open, but still sets the due date', () => {
    const d = deriveRequest(req({}), ctx);
    expect(d).toMatchObject({ closed: false, workingDays: null, onTime: null, dueDate: '2026-03-09' });
  });
  it('applies a promised limit in working days (on the due day is on time)', () => {
    const d = deriveRequest(req({ status: 'closed', closedAt: sh('2026-03-09', '17:59') }), ctx);
    expect(d).toMatchObject({ closed: true, workingDays: 5, dueDate: '2026-03-09', onTime: true });
    expect(deriveRequest(req({ status: 'closed', closedAt: sh('2026-03-10') }), ctx).onTime).toBe(false);
  });
  it('applies a promised limit in natural days', () => {
    const d = deriveRequest(req({ service: 'nat', status: 'closed', closedAt: sh('2026-03-12') }), ctx);
    expect(d).toMatchObject({ dueDate: '2026-03-12', onTime: true, workingDays: 8 });
  });
  it('prefers the source due instant and compares instants', () => {
    const dueAt = sh('2026-03-04', '12:00');
    expect(deriveRequest(req({ dueAt, status: 'closed', closedAt: sh('2026-03-04', '11:59') }), ctx).onTime).toBe(true);
    expect(deriveRequest(req({ dueAt, status: 'closed', closedAt: sh('2026-03-04', '12:01') }), ctx).onTime).toBe(false);
  });
  it('has no due date for a hotline case without a guide', () => {
    const d = deriveRequest(req({ service: null, status: 'closed', closedAt: sh('2026-03-03') }), ctx);
    expect(d).toMatchObject({ dueDate: null, onTime: null, workingDays: 1 });
  });
  it('counts a same-day (即办) request closed the same day as 0 days and on time', () => {
    expect(deriveRequest(req({ service: 'now', status: 'closed', closedAt: sh('2026-03-02', '16:00') }), ctx)).toMatchObject({ workingDays: 0, onTime: true });
  });
  it('treats a request closed after the as-of date as open', () => {
    const d = deriveRequest(req({ submittedAt: sh('2026-10-30'), status: 'closed', closedAt: sh('2026-11-02') }), ctx);
    expect(d).toMatchObject({ closed: false, workingDays: null, onTime: null });
  });
  it('counts from the next working day when submitted on a holiday', () => {
    // Submitted Sat 2026-10-03 (国庆节); +5 working days = 10-08, 10-09, 10-10 (make-up), 10-12, 10-13.
    const d = deriveRequest(req({ submittedAt: sh('2026-10-03'), status: 'closed', closedAt: sh('2026-10-13') }), ctx);
    expect(d).toMatchObject({ month: '2026-10', dueDate: '2026-10-13', workingDays: 5, onTime: true });
  });
});

describe('guide versions: a request is held to the limits in force on its submission date', () => {
  // Business licence: 3 working days promised (statutory 10) until 2026-01-01, then 1 (statutory 5).
  const guide = (effective: string, promised: number, statutory: number) =>
    ({ id: 'svc', effective, promisedLimit: { days: promised, unit: 'working' }, statutoryLimit: { days: statutory, unit: 'working' } }) as unknown as ServiceGuide;
  const earlier = earlierLimits([guide('2025-07-01', 3, 10)], [guide('2026-01-01', 1, 5)]);
  const versioned: DeriveContext = { ...ctx, promised: new Map([['svc', { days: 1, unit: 'working' }]]), statutory: new Map([['svc', { days: 5, unit: 'working' }]]), earlier };

  it('earlierLimits keeps the previous limits of guides whose new version changed them, until it took effect', () => {
    expect([...earlier]).toEqual([['svc', { until: '2026-01-01', promised: { days: 3, unit: 'working' }, statutory: { days: 10, unit: 'working' } }]]);
    // Same version (not newer), or a newer version with the same limits: nothing to keep.
    expect(earlierLimits([guide('2026-01-01', 3, 10)], [guide('2026-01-01', 1, 5)]).size).toBe(0);
    expect(earlierLimits([guide('2025-07-01', 1, 5)], [guide('2026-01-01', 1, 5)]).size).toBe(0);
    expect(earlierLimits([], [guide('2026-01-01', 1, 5)]).size).toBe(0);
  });

  it('judges a request submitted before the change by the old limits, and one after by the new', () => {
    // Mon 2025-12-01, closed Wed 12-03: 2 working days — within the old promise of 3, not the new 1.
    const before = req({ submittedAt: sh('2025-12-01'), status: 'closed', closedAt: sh('2025-12-03') });
    expect(deriveRequest(before, versioned)).toMatchObject({ dueDate: '2025-12-04', onTime: true, promiseKept: true, statutoryKept: true, workingDays: 2 });
    // Mon 2026-03-02, closed Wed 03-04: 2 working days — past the new promise of 1.
    const after = req({ submittedAt: sh('2026-03-02'), status: 'closed', closedAt: sh('2026-03-04') });
    expect(deriveRequest(after, versioned)).toMatchObject({ dueDate: '2026-03-03', onTime: false, promiseKept: false, workingDays: 2 });
    // The day the new version took effect is under it.
    const onTheDay = req({ submittedAt: sh('2026-01-01'), status: 'closed', closedAt: sh('2026-01-06') });
    expect(deriveRequest(onTheDay, versioned).promiseKept).toBe(false);
    // Without the versions, the old request is judged by today's limit.
    expect(deriveRequest(before, { ...versioned, earlier: new Map() }).promiseKept).toBe(false);
    // The plain path agrees.
    for (const r of [before, after, onTheDay]) expect(deriveRequestPlain(r, versioned)).toEqual(deriveRequest(r, versioned));
  });
});

