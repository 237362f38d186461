import { describe, expect, it } from 'vitest';
import type { CanonicalRequest } from '../../scripts/ingest/canonical.ts';
import { censorAtCutoff, DuplicateTracker, rowDigest } from '../../scripts/ingest/check.ts';

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

describe('DuplicateTracker.see(id, fields)', () => {
  it('keeps the first row and tells an exact repeat from a changed one', () => {
    const t = new DuplicateTracker();
    expect(t.see('1', ['1', 'a'])).toBeNull();
    expect(t.see('1', ['1', 'a'])).toBe('duplicate-row');
    expect(t.see('1', ['1', 'b'])).toBe('duplicate-id');
    expect(t.see('1', ['1a', ''])).toBe('duplicate-id');
    expect(t.see('', ['', 'a'])).toBeNull();
    expect(t.see('', ['', 'a'])).toBeNull();
  });
  it('answers as a Map of every id to its first row would, over 200,000 ids with repeats', () => {
    /** The reference: the first row's fields per id. */
    const first = new Map<string, string>();
    const t = new DuplicateTracker();
    let wrong = 0;
    let repeats = 0;
    for (let i = 0; i < 300_000; i++) {
      // Every third row repeats an earlier id, every other repeat with a changed field.
      const n = i % 3 === 2 ? (i * 7919) % 200_000 : i % 200_000;
      const id = n % 5 === 0 ? `受理-${n}` : `12345-2025${String(n).padStart(8, '0')}`;
      const fields = [id, i % 2 === 0 ? '2025-01-01 09:00:00' : '2025-01-01 09:00:01', '云台区'];
      const prior = first.get(id);
      const want = prior === undefined ? null : prior === fields.join('\u0000') ? 'duplicate-row' : 'duplicate-id';
      if (prior === undefined) first.set(id, fields.join('\u0000'));
      else repeats++;
      if (t.see(id, fields) !== want) wrong++;
    }
    expect(repeats).toBeGreaterThan(50_000);
    expect(wrong).toBe(0);
  });
});

describe('rowDigest(fields)', () => {
  /** The reference: cyrb53 over the fields joined by U+0000. */
  function joined(fields: readonly string[]): number {
    const text = fields.join('\u0000');
    let h1 = 0xdeadbeef;
    let h2 = 0x41c6ce57;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 2654435761);
      h2 = Math.imul(h2 ^ c, 1597334677);
    }
    h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
    h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
    return 4294967296 * (2097151 & h2) + (h1 >>> 0);
  }
  it('equals cyrb53 of the fields joined by U+0000, without building the joined string', () => {
    for (const fields of [[], [''], ['', ''], ['a'], ['a', 'b'], ['ab', ''], ['', 'ab'], ['工单', '2025-01-01 09:00:00', '\u0000x'], ['50000001', '01/02/2024 01:00:00 AM', '', 'NYPD']]) {
      expect(rowDigest(fields)).toBe(joined(fields));
    }
  });
  it('tells apart rows that differ only in where a field ends', () => {
    expect(rowDigest(['ab', 'c'])).not.toBe(rowDigest(['a', 'bc']));
  });
});
