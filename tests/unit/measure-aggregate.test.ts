import { describe, expect, it } from 'vitest';
import type { CanonicalRequest } from '../../scripts/ingest/canonical.ts';
import { aggregateAll, computeMeasures } from '../../scripts/measure/aggregate.ts';
import type { Derived } from '../../scripts/measure/derive.ts';
import { median, nearestRank, ratio } from '../../scripts/measure/stats.ts';

function item(over: Partial<Derived> & { rating?: CanonicalRequest['rating']; channel?: CanonicalRequest['channel']; department?: string; service?: string | null }): Derived {
  const request = {
    id: 'x', source: 's', department: over.department ?? 'a', service: over.service === undefined ? 'svc' : over.service, category: 'c',
    needType: 'application', clientType: 'citizen', tier: 1, channel: over.channel ?? 'online', submittedAt: 0, acceptedAt: null,
    closedAt: null, dueAt: null, status: 'closed', rating: over.rating ?? null, ratingComment: null, description: null, district: null,
    requesterKey: null, visits: null, effortMinutes: null, timezone: 'Asia/Shanghai',
  } satisfies CanonicalRequest;
  return { request, month: '2026-10', submittedDate: '2026-10-09', closed: true, workingDays: 1, dueDate: '2026-10-16', onTime: true, elapsedHours: 24, promiseKept: true, statutoryKept: true, ageWd: null, overdue: false, ...over };
}

describe('median(sorted) and nearestRank(sorted, p)', () => {
  it('computes the exact median, averaging the middle pair for an even count', () => {
    expect(median([1, 2, 3])).toBe(2);
    expect(median([1, 2, 3, 10])).toBe(2.5);
    expect(median([])).toBeNull();
  });
  it('computes p90 by nearest rank ceil(0.9 n)', () => {
    expect(nearestRank([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90)).toBe(9);
    expect(nearestRank([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 90)).toBe(10);
    expect(nearestRank([4], 90)).toBe(4);
    expect(nearestRank([0, 0, 1, 1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 233, 377, 610, 987, 1597, 2584], 90)).toBe(987); // rank ceil(18) = 18th value
  });
  it('rounds ratios half up to fixed places', () => {
    expect(ratio(2, 3, 4)).toBe(0.6667);
    expect(ratio(1, 8, 2)).toBe(0.13);
    expect(ratio(1, 0, 4)).toBeNull();
  });
});

describe('computeMeasures(items, minCell)', () => {
  it('computes every measure of a cell by hand', () => {
    // working days 0,1,2,3,10 ; on time 4 of 5 ; ratings 5,4,2 ; channels 3 online, 2 phone.
    const items = [
      item({ workingDays: 0, rating: 5 }),
      item({ workingDays: 1, rating: 4 }),
      item({ workingDays: 2, rating: 2 }),
      item({ workingDays: 3, channel: 'phone' }),
      item({ workingDays: 10, onTime: false, channel: 'phone' }),
    ];
    const { measures, suppressed } = computeMeasures(items, 3);
    expect(suppressed).toBe(false);
    expect(measures).toEqual({
      requests: 5, ch_online: 3, ch_mobile: 0, ch_phone: 2, ch_in_person: 0, ch_other: 0, closed: 5,
      median_wd: 2, p90_wd: 10, due_n: 5, on_time: 4, on_time_rate: 0.8,
      rated: 3, satisfied: 2, satisfaction_rate: 0.6667, mean_rating: 3.67,
    });
  });
  it('suppresses every value of a cell of 1..minCell-1 requests', () => {
    const { measures, suppressed } = computeMeasures([item({}), item({})], 3);
    expect(suppressed).toBe(true);
    expect(Object.values(measures).every((v) => v === null)).toBe(true);
  });
  it('publishes a cell of 0 requests as zeros with null rates, not suppressed', () => {
    const { measures, suppressed } = computeMeasures([], 3);
    expect(suppressed).toBe(false);
    expect(measures).toMatchObject({ requests: 0, closed: 0, due_n: 0, rated: 0, median_wd: null, on_time_rate: null, satisfaction_rate: null, mean_rating: null });
  });
  it('nulls a rate whose denominator is below minCell but keeps the counts', () => {
    const items = [item({ rating: 5 }), item({ onTime: null }), item({ onTime: null, closed: false, workingDays: null })];
    const { measures } = computeMeasures(items, 3);
    expect(measures).toMatchObject({ requests: 3, closed: 2, median_wd: null, p90_wd: null, due_n: 1, on_time: 1, on_time_rate: null, rated: 1, satisfaction_rate: null, mean_rating: null });
  });
});

describe('aggregateAll(derived, options)', () => {
  const opts = {
    departments: ['a', 'b'],
    services: [{ id: 'svc', department: 'a' }],
    months: ['2026-09', '2026-10'],
    period: { from: '2026-09', to: '2026-10' },
    previousPeriod: { from: '2026-07', to: '2026-08' },
    minCell: 2,
  };
  const derived = [item({}), item({}), item({ department: 'b', service: null }), item({ month: '2026-08' }), item({ month: '2026-07' })];
  const agg = aggregateAll(derived, opts);
  it('emits a row for every department and month, with zeros for empty months', () => {
    expect(agg.departmentMonth.map((r) => [r.department, r.month, r.requests])).toEqual([
      ['a', '2026-09', 0], ['a', '2026-10', 2], ['b', '2026-09', 0], ['b', '2026-10', null],
    ]);
    expect(agg.cityMonth.map((r) => r.requests)).toEqual([0, 3]);
    expect(agg.serviceMonth.map((r) => r.requests)).toEqual([0, 2]);
  });
  it('summarizes the period with the previous period for change', () => {
    expect(agg.departmentSummary[0]).toMatchObject({ department: 'a', period_from: '2026-09', period_to: '2026-10', requests: 2, prev_requests: 2, prev_on_time_rate: 1 });
    expect(agg.departmentSummary[1]).toMatchObject({ department: 'b', requests: null, prev_requests: 0, prev_on_time_rate: null });
  });
  it('counts suppressed cells', () => {
    // b×2026-10 (month), b summary (period).
    expect(agg.suppressedCells).toBe(2);
  });
});
