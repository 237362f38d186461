/**
 * measureAll over the request store (storeRows: each row read into one StoreCursor with the
 * store's own codes) against measureAll over the same requests as plain objects (rowsOf: codes
 * given by RowCoder as values are first seen): every figure, record and cell count must agree,
 * public measures included. The city is made up: the sample's configuration, random requests.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDepartments } from '../../scripts/config/departments.ts';
import { loadSite } from '../../scripts/config/site.ts';
import { loadGuides } from '../../scripts/content/load.ts';
import type { CanonicalRequest, Channel, ClientType, NeedType, Status } from '../../scripts/ingest/canonical.ts';
import type { FeedbackRecord } from '../../scripts/ingest/feedback.ts';
import { RequestStore, StoreCursor } from '../../scripts/ingest/store.ts';
import { loadCalendar } from '../../scripts/measure/calendar.ts';
import { measureAll, rowsOf, storeRows, type MeasureOptions } from '../../scripts/measure/index.ts';
import { RowCoder } from '../../scripts/measure/row-key.ts';
import { loadSegments } from '../../scripts/measure/segments.ts';
import { prng } from '../fixtures/anonymize/derived.ts';

const data = join(import.meta.dirname, '../../data');
const site = loadSite(join(data, 'site.yaml'));
const departments = loadDepartments(join(data, 'departments.yaml')).map((d) => d.id);
const guides = loadGuides(join(data, 'services'));
const calendar = loadCalendar(join(data, 'calendar'));
const segments = loadSegments(join(data, 'segments.yaml'));

const channels: Channel[] = ['online', 'mobile', 'phone', 'in_person', 'other'];
const clientTypes: ClientType[] = ['citizen', 'enterprise', 'government', 'leadership', 'unknown'];
const needTypes: NeedType[] = ['information', 'complaint', 'application', 'certificate', 'public-service', 'unknown'];
const statuses: Status[] = ['open', 'closed', 'closed', 'closed', 'rejected', 'withdrawn', 'transferred'];

/** `n` made-up requests over three years around the as-of date: few values per field, so cells fill and records group. */
function city(n: number, seed: number): CanonicalRequest[] {
  const rnd = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  const asOf = Date.parse(`${site.asOf}T12:00:00+08:00`);
  // Listed and unlisted departments and services (a service with its own department), no service, no district.
  const depts = [...departments.slice(0, 4), 'unlisted'];
  const services = [...guides.slice(0, 8), null, null, 'svc-unlisted'];
  return Array.from({ length: n }, (_, i) => {
    const service = pick(services);
    const department = service !== null && typeof service === 'object' ? service.department : pick(depts);
    const submittedAt = asOf - Math.floor(rnd() * 900) * 86_400_000 + Math.floor(rnd() * 86_400) * 1000;
    const status = pick(statuses);
    const closedAt = status === 'open' ? null : submittedAt + Math.floor(rnd() * 40 * 86_400) * 1000;
    return {
      id: i % 3 === 0 ? `12345-${i}` : `受理-${i}`, source: pick(['hotline', 'service-hall']), department, service: typeof service === 'object' && service !== null ? service.id : service,
      category: pick(['business', 'housing', 'transport']), needType: pick(needTypes), clientType: pick(clientTypes), tier: (1 + Math.floor(rnd() * 4)) as 1 | 2 | 3 | 4,
      channel: pick(channels), submittedAt, acceptedAt: null, closedAt, dueAt: rnd() < 0.3 ? submittedAt + 10 * 86_400_000 : null, status,
      rating: rnd() < 0.4 ? ((1 + Math.floor(rnd() * 5)) as 1 | 2 | 3 | 4 | 5) : null, ratingComment: null, description: null,
      district: pick(['临江区', '云台区', null]), requesterKey: null, visits: rnd() < 0.2 ? 1 : null, effortMinutes: rnd() < 0.3 ? 30 : null, timezone: site.timezone,
    };
  });
}

/** The sample's options, with feedback on some badly rated requests (read through their ids). */
function options(requests: readonly CanonicalRequest[]): MeasureOptions {
  const feedback: FeedbackRecord[] = requests
    .filter((r, i) => r.rating !== null && r.rating <= 2 && i % 2 === 0)
    .map((r) => ({ source: 'fb', targetSource: r.source, target: r.id, receivedAt: r.submittedAt + 86_400_000, verifiedAt: null, outcome: 'rectified', outcomeAt: r.submittedAt + 3 * 86_400_000, calledBackAt: null }));
  return {
    calendar, timezone: site.timezone, asOf: site.asOf, months: site.months, minCell: 5, k: 3, departments, guides,
    public: { segments, feedback, guides, rectificationLimitWd: site.rectification.limitWorkingDays, repeatWindowDays: site.repeatWindowDays, minCasesForScore: 20, score: site.score },
  };
}

/** Everything measureAll returns, records read out, as JSON. */
function json(m: ReturnType<typeof measureAll>): string {
  return JSON.stringify({ ...m, records: Array.from(m.records) });
}

describe('measureAll(storeRows(store), opts)', () => {
  it('gives what measureAll over the same requests as objects gives (records, aggregates, public measures, suppression)', () => {
    for (const seed of [1, 2]) {
      const store = new RequestStore();
      for (const r of city(6000, seed)) store.push(r, null);
      const requests = Array.from({ length: store.length }, (_, i) => store.get(i));
      const opts = options(requests);
      const fromStore = measureAll(storeRows(store), opts);
      const fromObjects = measureAll(rowsOf(requests), opts);
      expect(fromStore.records.length).toBeGreaterThan(100);
      expect(fromStore.privacy.primaryCells).toBeGreaterThan(0);
      expect(json(fromStore)).toBe(json(fromObjects));
    }
  });
});

describe('RequestStore.readInto(i, cursor)', () => {
  it("fills the cursor with get(i)'s values, and codes that are equal exactly when the values are", () => {
    const store = new RequestStore();
    for (const r of city(3000, 7)) store.push(r, null);
    const cursor = new StoreCursor();
    const coder = new RowCoder();
    const fields = ['source', 'department', 'service', 'category', 'district', 'needType', 'clientType', 'channel', 'status'] as const;
    // Value → code seen so far, per field, and back: a code stands for one value and a value has one code.
    const seen = fields.map(() => ({ byValue: new Map<unknown, number>(), byCode: new Map<number, unknown>() }));
    for (let i = 0; i < store.length; i++) {
      store.readInto(i, cursor);
      const plain = store.get(i);
      expect({ ...cursor.request, id: cursor.request.id, requesterKey: cursor.request.requesterKey }).toMatchObject(plain);
      const coded = coder.code(plain);
      fields.forEach((f, j) => {
        const code = cursor[`${f}Code` as const];
        const value = cursor[f];
        const s = seen[j];
        if (s === undefined) throw new Error('no field');
        expect(s.byValue.get(value) ?? code).toBe(code);
        expect(s.byCode.has(code) ? s.byCode.get(code) : value).toBe(value);
        s.byValue.set(value, code);
        s.byCode.set(code, value);
        // No service: -1 from both coders.
        if (f === 'service') expect(code < 0).toBe(value === null);
        if (f === 'service') expect(coded.serviceCode < 0).toBe(value === null);
      });
    }
  });
});
