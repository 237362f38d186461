import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { CanonicalRequest } from '../../scripts/ingest/canonical.ts';
import type { TimeLimit } from '../../src/lib/content-schema.ts';
import { dateOfDay, dayNumber, loadCalendar, localDate } from '../../scripts/measure/calendar.ts';
import { deriveRequest, deriveRequestPlain, type DeriveContext } from '../../scripts/measure/derive.ts';
import { dayDate, dayMonth, localDay } from '../../scripts/measure/local-days.ts';
import { random } from './random.ts';

const QUARTER_HOUR = 15 * 60_000;
const utc = (date: string): number => Date.parse(`${date}T00:00:00Z`);

/** Every quarter hour from `from` to `to` (UTC dates), each moved by `shift` ms inside its quarter. */
function quarters(from: string, to: string, shift: number): number[] {
  const out: number[] = [];
  for (let t = utc(from); t < utc(to); t += QUARTER_HOUR) out.push(t + shift);
  return out;
}

describe('localDay(instantMs, timezone)', () => {
  // DST zones, half- and quarter-hour offsets, a 30-minute DST (Lord Howe), midnight changes (São Paulo until 2019), a skipped day (Apia 2011).
  const cases: [string, string, string][] = [
    ['Asia/Shanghai', '2024-01-01', '2027-01-01'],
    ['America/New_York', '2024-01-01', '2026-01-01'],
    ['Europe/London', '2025-01-01', '2026-01-01'],
    ['Asia/Kolkata', '2025-01-01', '2025-07-01'],
    ['Asia/Kathmandu', '2025-01-01', '2025-07-01'],
    ['Australia/Lord_Howe', '2025-01-01', '2026-01-01'],
    ['Pacific/Chatham', '2025-01-01', '2026-01-01'],
    ['America/Sao_Paulo', '2017-09-01', '2019-03-01'],
    ['Pacific/Apia', '2011-12-20', '2012-01-10'],
    ['America/St_Johns', '2025-03-01', '2025-12-01'],
  ];
  for (const [zone, from, to] of cases) {
    it(`equals dayNumber(localDate(t, '${zone}')) for every quarter hour ${from}..${to}`, () => {
      const rnd = random(zone.length);
      for (const t of quarters(from, to, Math.floor(rnd() * QUARTER_HOUR))) {
        const want = dayNumber(localDate(t, zone));
        if (localDay(t, zone) !== want) expect({ zone, t, day: localDay(t, zone) }).toEqual({ zone, t, day: want });
      }
    });
  }

  it('equals dayNumber(localDate) for random instants over 1931..2068 (the store range), in zones with DST', () => {
    const rnd = random(1931);
    const lo = utc('1931-01-01');
    const hi = utc('2068-01-01');
    for (const zone of ['America/New_York', 'Asia/Shanghai', 'Europe/Berlin', 'America/Santiago', 'Australia/Sydney']) {
      for (let i = 0; i < 4000; i++) {
        const t = lo + Math.floor(rnd() * (hi - lo));
        expect([zone, t, localDay(t, zone)]).toEqual([zone, t, dayNumber(localDate(t, zone))]);
      }
    }
  });

  it('gives the local date of month ends, year ends and a leap day, whatever the UTC date', () => {
    expect(dayDate(localDay(Date.parse('2024-02-28T16:00:00Z'), 'Asia/Shanghai'))).toBe('2024-02-29');
    expect(dayDate(localDay(Date.parse('2024-02-28T15:59:59Z'), 'Asia/Shanghai'))).toBe('2024-02-28');
    expect(dayDate(localDay(Date.parse('2026-01-01T04:59:00Z'), 'America/New_York'))).toBe('2025-12-31');
    expect(dayMonth(localDay(Date.parse('2025-12-31T16:00:00Z'), 'Asia/Shanghai'))).toBe('2026-01');
    expect(dayDate(dayNumber('2026-10-31'))).toBe(dateOfDay(dayNumber('2026-10-31')));
  });
});

describe('deriveRequest(request, ctx) by day numbers', () => {
  const calendar = loadCalendar(join(import.meta.dirname, '../../data/calendar'));
  const statuses: CanonicalRequest['status'][] = ['open', 'closed', 'rejected', 'withdrawn', 'transferred'];
  const limits = new Map<string, TimeLimit>([
    ['w5', { days: 5, unit: 'working' }],
    ['w0', { days: 0, unit: 'working' }],
    ['w90', { days: 90, unit: 'working' }],
    ['n10', { days: 10, unit: 'natural' }],
    ['odd', { days: 2.5, unit: 'working' }],
  ]);
  const services = [null, 'w5', 'w0', 'w90', 'n10', 'odd', 'none'];

  function request(rnd: () => number, zone: string): CanonicalRequest {
    // Mostly inside the calendar (2024..2026), some before it; many on month and year ends and the leap day.
    const ends = ['2024-02-29', '2024-12-31', '2025-01-31', '2025-12-31', '2026-02-28', '2026-10-31', '2026-12-31'];
    const base = rnd() < 0.3 ? utc(ends[Math.floor(rnd() * ends.length)] ?? '2025-01-01') - 86_400_000 + Math.floor(rnd() * 2 * 86_400_000) : utc('2024-01-01') + Math.floor(rnd() * 1096 * 86_400_000);
    const submittedAt = rnd() < 0.01 ? utc('2023-12-25') : base;
    const closedAt = rnd() < 0.2 ? null : submittedAt + Math.floor(rnd() * (rnd() < 0.5 ? 3 : 200) * 86_400_000);
    const dueAt = rnd() < 0.3 ? submittedAt + Math.floor(rnd() * 30 * 86_400_000) : null;
    return {
      id: 'x', source: 's', department: 'd', service: services[Math.floor(rnd() * services.length)] ?? null, category: 'c', needType: 'application',
      clientType: 'citizen', tier: 1, channel: 'online', submittedAt, acceptedAt: null, closedAt, dueAt,
      status: statuses[Math.floor(rnd() * statuses.length)] ?? 'open', rating: null, ratingComment: null, description: null, district: null,
      requesterKey: null, visits: null, effortMinutes: null, timezone: zone,
    };
  }

  const outcome = (f: () => unknown): unknown => {
    try {
      return f();
    } catch (e) {
      return { threw: e instanceof Error ? e.message : String(e) };
    }
  };

  for (const zone of ['Asia/Shanghai', 'America/New_York', 'Australia/Lord_Howe']) {
    it(`equals deriveRequestPlain for random requests in ${zone} (open, closed after the as-of date, past the calendar, errors)`, () => {
      const rnd = random(zone.length * 7);
      const ctx: DeriveContext = { calendar, timezone: zone, asOf: '2026-10-31', promised: limits, statutory: new Map([['w5', { days: 20, unit: 'working' }], ['n10', { days: 1, unit: 'natural' }]]) };
      let closed = 0;
      let threw = 0;
      for (let i = 0; i < 20_000; i++) {
        const r = request(rnd, zone);
        const want = outcome(() => deriveRequestPlain(r, ctx));
        const got = outcome(() => deriveRequest(r, ctx));
        if (JSON.stringify(got) !== JSON.stringify(want)) expect(got).toEqual(want);
        if (want && typeof want === 'object' && 'threw' in want) threw++;
        else if ((want as { closed: boolean }).closed) closed++;
      }
      expect(closed).toBeGreaterThan(3000);
      expect(threw).toBeGreaterThan(50);
    });
  }

  it('falls back to the plain path for an as-of that is not a date', () => {
    const ctx: DeriveContext = { calendar, timezone: 'Asia/Shanghai', asOf: '2026-13-01', promised: limits };
    const r = request(random(3), 'Asia/Shanghai');
    expect(outcome(() => deriveRequest(r, ctx))).toEqual(outcome(() => deriveRequestPlain(r, ctx)));
  });
});

describe('dayDate(day), dayMonth(day)', () => {
  it("give dateOfDay's date and month inside the window of days they keep in arrays and far outside it", () => {
    const days = [0, 1, 20_000, 20_390, -354_285, 2_932_896, 100_000, -1, 8_191, 8_192, 30_000];
    for (let d = 19_000; d < 22_000; d += 7) days.push(d);
    for (const day of [...days, ...days]) {
      const date = dateOfDay(day);
      expect(dayDate(day)).toBe(date);
      expect(dayMonth(day)).toBe(date.slice(0, 7));
    }
  });
});
