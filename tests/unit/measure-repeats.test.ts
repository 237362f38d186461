import { describe, expect, it } from 'vitest';
import type { CanonicalRequest } from '../../scripts/ingest/canonical.ts';
import type { Derived } from '../../scripts/measure/derive.ts';
import { repeatFlags, repeatFlagsOf, type RepeatSource } from '../../scripts/measure/enrich.ts';

const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 0, 5, 1, 0, 0);

/** Real-looking requests: 400 requesters, some calling often about the same service, some ties in time. */
function requests(): CanonicalRequest[] {
  const out: CanonicalRequest[] = [];
  let seed = 7;
  const rnd = (n: number): number => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed % n;
  };
  for (let i = 0; i < 5000; i++) {
    const who = rnd(10) === 0 ? null : `requester-${rnd(400)}`;
    const service = rnd(4) === 0 ? null : `svc-${rnd(6)}`;
    const submittedAt = T0 + rnd(24 * 90) * HOUR; // hours: many exact ties
    out.push({
      id: `${rnd(2) ? 'H' : 'S'}-${String(i).padStart(6, '0')}`,
      source: i % 3 === 0 ? 'service-hall' : 'hotline-12345',
      department: 'dept-a',
      service,
      category: `cat-${rnd(3)}`,
      needType: 'complaint',
      clientType: 'citizen',
      tier: 1,
      channel: 'phone',
      submittedAt,
      acceptedAt: null,
      closedAt: null,
      dueAt: null,
      status: 'open',
      rating: null,
      ratingComment: null,
      description: null,
      district: null,
      requesterKey: who,
      visits: null,
      effortMinutes: null,
      timezone: 'Asia/Shanghai',
    });
  }
  return out;
}

function sourceOf(rs: readonly CanonicalRequest[]): RepeatSource {
  const at = (i: number): CanonicalRequest => rs[i] as CanonicalRequest;
  return {
    length: rs.length,
    requesterKey: (i) => at(i).requesterKey,
    serviceOrCategory: (i) => at(i).service ?? `category:${at(i).category}`,
    submittedAt: (i) => at(i).submittedAt,
    sourceAndId: (i) => `${at(i).source}\u0000${at(i).id}`,
  };
}

describe('repeatFlagsOf (hashed pre-pass over a table)', () => {
  it('flags exactly the rows repeatFlags flags, for several windows', () => {
    const rs = requests();
    const derived = rs.map((request) => ({ request }) as unknown as Derived);
    for (const days of [0, 1, 7, 30]) {
      const expected = repeatFlags(derived, days);
      const got = Array.from(repeatFlagsOf(sourceOf(rs), days), (f) => f === 1);
      expect(got).toEqual(expected);
    }
    // The data exercise the interesting cases: some repeats, some not.
    const flagged = repeatFlags(derived, 7).filter(Boolean).length;
    expect(flagged).toBeGreaterThan(100);
    expect(flagged).toBeLessThan(rs.length - 100);
  });

  it('is independent of row order', () => {
    const rs = requests();
    const reversed = [...rs].reverse();
    const a = repeatFlagsOf(sourceOf(rs), 7);
    const b = repeatFlagsOf(sourceOf(reversed), 7);
    const byId = new Map(reversed.map((r, i) => [`${r.source}:${r.id}`, b[i]]));
    rs.forEach((r, i) => expect(byId.get(`${r.source}:${r.id}`)).toBe(a[i]));
  });

  it('never flags requests without a requester', () => {
    const rs = requests().map((r) => ({ ...r, requesterKey: null }));
    expect(repeatFlagsOf(sourceOf(rs), 30).every((f) => f === 0)).toBe(true);
  });
});

/** sourceOf with the numeric readers: requester-N as (hi, lo) = (N mod 7, N), a code per service-or-category. */
function numericSourceOf(rs: readonly CanonicalRequest[]): RepeatSource {
  const plain = sourceOf(rs);
  const groups = new Map<string, number>();
  const who = (i: number): number => Number((rs[i]?.requesterKey ?? 'requester-0').slice('requester-'.length));
  return {
    ...plain,
    numeric: {
      hasRequester: (i) => plain.requesterKey(i) !== null,
      // Many requesters share hi (and every lo differs), so equal hashes and equal halves are both exercised.
      hi: (i) => who(i) % 7,
      lo: (i) => who(i),
      group: (i) => {
        const key = plain.serviceOrCategory(i);
        let g = groups.get(key);
        if (g === undefined) {
          g = groups.size;
          groups.set(key, g);
        }
        return g;
      },
    },
  };
}

describe('repeatFlagsOf with numeric readers (RepeatSource.numeric)', () => {
  it('flags exactly the rows the string path and repeatFlags flag, for several windows', () => {
    const rs = requests();
    const derived = rs.map((request) => ({ request }) as unknown as Derived);
    for (const days of [0, 1, 7, 30]) {
      const expected = repeatFlags(derived, days);
      expect(Array.from(repeatFlagsOf(numericSourceOf(rs), days), (f) => f === 1)).toEqual(expected);
      expect(repeatFlagsOf(numericSourceOf(rs), days)).toEqual(repeatFlagsOf(sourceOf(rs), days));
    }
  });

  it('agrees on small tables (few buckets, many collisions) and with no requesters at all', () => {
    const all = requests();
    for (const n of [0, 1, 2, 50, 700, 1500]) {
      const rs = all.slice(0, n);
      expect(repeatFlagsOf(numericSourceOf(rs), 7)).toEqual(repeatFlagsOf(sourceOf(rs), 7));
    }
    const nobody = all.map((r) => ({ ...r, requesterKey: null }));
    expect(repeatFlagsOf(numericSourceOf(nobody), 30).every((f) => f === 0)).toBe(true);
  });
});
