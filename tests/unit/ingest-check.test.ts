import { describe, expect, it } from 'vitest';
import type { CanonicalRequest } from '../../scripts/ingest/canonical.ts';
import { censorAtCutoff } from '../../scripts/ingest/check.ts';

const base: CanonicalRequest = {
  id: 'A', source: 's', department: 'd', service: null, category: 'c', needType: 'unknown', clientType: 'unknown', tier: 1, channel: 'phone',
  submittedAt: 100, acceptedAt: 150, closedAt: 300, dueAt: 400, status: 'closed', rating: null, ratingComment: null, description: null,
  district: null, requesterKey: null, visits: null, effortMinutes: null, timezone: 'Asia/Shanghai',
};

describe('censorAtCutoff(request, cutoff)', () => {
  it('leaves a case finished before the cut-off alone', () => {
    const r = { ...base };
    expect(censorAtCutoff(r, 500)).toBe(false);
    expect(r).toEqual(base);
  });
  it('treats a closure after the cut-off as not yet happened: open, no closedAt; the due instant stays', () => {
    const r = { ...base };
    expect(censorAtCutoff(r, 200)).toBe(true);
    expect(r).toMatchObject({ acceptedAt: 150, closedAt: null, status: 'open', dueAt: 400 });
  });
  it('also clears an acceptance after the cut-off', () => {
    const r = { ...base, status: 'rejected' as const };
    expect(censorAtCutoff(r, 120)).toBe(true);
    expect(r).toMatchObject({ acceptedAt: null, closedAt: null, status: 'open' });
  });
});
