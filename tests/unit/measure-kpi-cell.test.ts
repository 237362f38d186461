import { describe, expect, it } from 'vitest';
import type { CanonicalRequest } from '../../scripts/ingest/canonical.ts';
import type { Enriched } from '../../scripts/measure/enrich.ts';
import { KpiCell, KpiFacts } from '../../scripts/measure/kpis.ts';
import { random } from './random.ts';

const pick = <T,>(rnd: () => number, xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
const tri = (rnd: () => number): boolean | null => pick(rnd, [null, false, true]);

/** Random enriched requests covering every flag, status, rating and null. */
function items(rnd: () => number, n: number): Enriched[] {
  return Array.from({ length: n }, () => {
    const closed = rnd() < 0.7;
    const bad = rnd() < 0.2;
    const request = {
      status: pick(rnd, ['open', 'closed', 'rejected', 'withdrawn', 'transferred'] as const),
      channel: pick(rnd, ['online', 'mobile', 'phone', 'in_person', 'other'] as const),
      rating: pick(rnd, [null, 1, 2, 3, 4, 5] as const),
      visits: rnd() < 0.5 ? null : Math.floor(rnd() * 4),
    } as CanonicalRequest;
    return {
      request, month: '2026-01', submittedDate: '2026-01-05', closed, dueDate: null,
      workingDays: closed && rnd() < 0.9 ? Math.floor(rnd() * 40) : null,
      elapsedHours: closed && rnd() < 0.9 ? Math.round(rnd() * 5000) / 10 : null,
      onTime: tri(rnd), promiseKept: tri(rnd), statutoryKept: tri(rnd),
      ageWd: closed ? null : Math.floor(rnd() * 30), overdue: !closed && rnd() < 0.3,
      tier: 1, effortMinutes: Math.floor(rnd() * 90), effortEstimated: rnd() < 0.5, repeat: rnd() < 0.2, bad,
      rectification: bad ? { received: true, verified: rnd() < 0.5, outcome: pick(rnd, [null, 'rectified', 'explained'] as const), inLimit: rnd() < 0.5, calledBack: rnd() < 0.5 } : null,
    };
  });
}

/** The counts as KpiCell counted them one request at a time before the pattern counts. */
function counted(xs: readonly Enriched[]): Record<string, number> {
  const c: Record<string, number> = {};
  const up = (k: string, by = 1): void => {
    c[k] = (c[k] ?? 0) + by;
  };
  for (const d of xs) {
    const q = d.request;
    up('requests');
    if (d.closed) {
      up('closed');
      if (q.status === 'closed') up('completed');
      else if (q.status === 'rejected') up('rejected');
      else if (q.status === 'withdrawn') up('withdrawn');
      else if (q.status === 'transferred') up('transferred');
      if (q.status === 'closed' && q.visits !== null) {
        up('visits_n');
        up('visits', q.visits);
      }
    } else {
      up('open');
      if (d.overdue) up('open_overdue');
    }
    if (d.onTime !== null) {
      up('due_n');
      if (d.onTime) up('on_time');
    }
    if (d.promiseKept !== null) {
      up('promise_n');
      if (d.promiseKept) up('promise_kept');
    }
    if (d.statutoryKept !== null) {
      up('statutory_n');
      if (d.statutoryKept) up('statutory_kept');
    }
    if (q.rating !== null) {
      up('rated');
      up(`r${q.rating}`);
      if (q.rating >= 4) up('satisfied');
    }
    if (d.rectification) {
      up('bad');
      if (d.rectification.outcome === 'rectified') up('rectified');
      if (d.rectification.outcome === 'explained') up('explained');
      if (d.rectification.inLimit) up('resolved_in_limit');
      if (d.rectification.calledBack) up('called_back');
    }
    if (d.repeat) up('repeat');
    if (q.channel === 'online' || q.channel === 'mobile') up('digital');
  }
  return c;
}

describe('KpiCell.addFacts(facts) and result(minCell)', () => {
  it('counts every flag as counting one request at a time does, after any number of results', () => {
    const rnd = random(11);
    for (let trial = 0; trial < 40; trial++) {
      const xs = items(rnd, 1 + Math.floor(rnd() * 800));
      const cell = new KpiCell();
      const facts = new KpiFacts();
      const half = Math.floor(xs.length / 2);
      xs.slice(0, half).forEach((d) => cell.addFacts(facts.set(d)));
      // A result in between must not change what is counted after it.
      cell.result(1);
      xs.slice(half).forEach((d) => cell.addFacts(facts.set(d)));
      const k = cell.result(1).kpis as unknown as Record<string, number | null>;
      const want = counted(xs);
      for (const key of Object.keys(want)) expect([key, k[key]]).toEqual([key, want[key] ?? 0]);
      for (const key of ['completed', 'rejected', 'withdrawn', 'transferred', 'open_overdue', 'bad', 'repeat', 'r1', 'r5', 'visits_n']) {
        expect([key, k[key]]).toEqual([key, want[key] ?? 0]);
      }
      expect(k['mean_rating']).toBe(want['rated'] ? Math.round(((xs.reduce((s, d) => s + (d.request.rating ?? 0), 0) * 100) / (want['rated'] ?? 1))) / 100 : null);
    }
  });

  it('add(d) equals addFacts(new KpiFacts().set(d))', () => {
    const xs = items(random(5), 500);
    const a = new KpiCell();
    const b = new KpiCell();
    for (const d of xs) {
      a.add(d);
      b.addFacts(new KpiFacts().set(d));
    }
    expect(a.result(10)).toEqual(b.result(10));
  });
});
