import { describe, expect, it } from 'vitest';
import type { CanonicalRequest } from '../../scripts/ingest/canonical.ts';
import type { Derived } from '../../scripts/measure/derive.ts';
import { buildRecords } from '../../scripts/measure/records.ts';

function item(over: Partial<CanonicalRequest>, month = '2026-10', workingDays: number | null = 2): Derived {
  const request: CanonicalRequest = {
    id: 'x', source: 's', department: 'a', service: 'svc', category: 'c', needType: 'application', clientType: 'citizen', tier: 1,
    channel: 'online', submittedAt: 0, acceptedAt: null, closedAt: 1, dueAt: null, status: 'closed', rating: null, ratingComment: null,
    description: null, district: null, requesterKey: 'secret-key', visits: null, effortMinutes: null, timezone: 'Asia/Shanghai', ...over,
  };
  return { request, month, submittedDate: `${month}-01`, closed: workingDays !== null, workingDays, dueDate: null, onTime: null };
}

describe('buildRecords(derived, k)', () => {
  const derived = [
    item({ id: 'z', rating: 5 }, '2026-10', 3),
    item({ id: 'y' }, '2026-10', 1),
    item({ id: 'w', clientType: 'government' }, '2026-09'),
    item({ id: 'v', clientType: 'leadership' }, '2026-09'),
    item({ id: 'u', channel: 'phone' }, '2026-09'),
  ];
  const { records, withheld } = buildRecords(derived, 2);
  it('withholds records whose quasi-identifier combination has fewer than k records', () => {
    expect(withheld).toBe(1); // the phone record
    expect(records).toHaveLength(4);
  });
  it('generalizes government and leadership client types to unknown (so they form a group)', () => {
    expect(records.filter((r) => r.client_type === 'unknown')).toHaveLength(2);
  });
  it('numbers records after sorting on published columns only', () => {
    expect(records.map((r) => [r.record, r.month, r.working_days])).toEqual([
      [1, '2026-09', 2], [2, '2026-09', 2], [3, '2026-10', 1], [4, '2026-10', 3],
    ]);
    expect(Object.keys(records[0] ?? {})).toEqual(['record', 'source', 'department', 'service', 'channel', 'client_type', 'month', 'status', 'working_days', 'on_time', 'rating']);
    expect(JSON.stringify(records)).not.toContain('secret-key');
  });
  it('is independent of input order', () => {
    expect(buildRecords([...derived].reverse(), 2).records).toEqual(records);
  });
});
