import { describe, expect, it } from 'vitest';
import { LADDER, QUASI_IDENTIFIERS, generalizeDate, type Levels, type QuasiIdentifier } from '../../scripts/anonymize/kanon.ts';
import type { CanonicalRequest } from '../../scripts/ingest/canonical.ts';
import type { Derived } from '../../scripts/measure/derive.ts';
import { RecordsAccumulator, buildRecords, publishedClientType, tupleGroups, type KeyPart, type RecordCellView, type RecordOptions, type RecordStats } from '../../scripts/measure/records.ts';
import type { RequestRecord } from '../../src/lib/published.ts';
import { derivedItem, prng } from '../fixtures/anonymize/derived.ts';
import { shuffled } from './random.ts';
import { Dictionary } from '../../scripts/lib/dictionary.ts';
import { RowCoder, type RowKey } from '../../scripts/measure/row-key.ts';

// ---------------------------------------------------------------------------------------------
// Reference: the array-based algorithm as it was before RecordsAccumulator (string keys per row
// and rung, a joined sort key per record). Kept verbatim so the comparison keeps proving that
// the columnar accumulator publishes the same records.

function refAssignRungs<T>(rows: readonly T[], keys: readonly ((row: T) => string)[], k: number): number[] {
  const rung = rows.map(() => -1);
  let open = rows.map((_, i) => i);
  for (let level = 0; level < keys.length && open.length > 0; level++) {
    const key = keys[level] as (row: T) => string;
    const groups = new Map<string, number[]>();
    for (const i of open) {
      const g = key(rows[i] as T);
      const list = groups.get(g);
      if (list) list.push(i);
      else groups.set(g, [i]);
    }
    const next: number[] = [];
    for (const list of groups.values()) {
      if (list.length >= k) for (const i of list) rung[i] = level;
      else next.push(...list);
    }
    open = next.sort((a, b) => a - b);
  }
  return rung;
}

type Unnumbered = Omit<RequestRecord, 'record'>;

function refToRecord(d: Derived, levels: Levels, qi: ReadonlySet<QuasiIdentifier>, city: string): Unnumbered {
  const r = d.request;
  const dateLevel = qi.has('date') ? levels.date : 'day';
  const byCategory = qi.has('service') && levels.service === 'category';
  return {
    source: r.source,
    department: r.department,
    service: byCategory ? '' : (r.service ?? ''),
    category: r.category,
    district: r.district === null ? '' : qi.has('district') && levels.district === 'city' ? city : r.district,
    period: generalizeDate(d.submittedDate, dateLevel),
    channel: r.channel,
    client_type: publishedClientType(r.clientType),
    month: d.month,
    status: d.closed || r.status === 'open' ? r.status : 'open',
    working_days: d.workingDays,
    on_time: d.onTime,
    rating: r.rating,
  };
}

function refSortKey(r: Unnumbered): string {
  const num = (n: number | null): string => (n === null ? '' : String(n + 1_000_000).padStart(8, '0'));
  const bool = (b: boolean | null): string => (b === null ? '' : b ? '1' : '0');
  return [r.month, r.period, r.department, r.service, r.category, r.district, r.channel, r.client_type, r.source, r.status, num(r.working_days), bool(r.on_time), num(r.rating)].join('\u0001');
}

function refKeyAt(levels: Levels, qi: ReadonlySet<QuasiIdentifier>, city: string): (d: Derived) => string {
  return (d) => {
    const r = refToRecord(d, levels, qi, city);
    const parts = [r.source, r.department, r.month, r.category];
    if (qi.has('date')) parts.push(r.period);
    if (qi.has('district')) parts.push(r.district);
    if (qi.has('service')) parts.push(r.service);
    if (qi.has('channel')) parts.push(r.channel);
    if (qi.has('clientType')) parts.push(r.client_type);
    return parts.join('\u0000');
  };
}

interface RefOptions extends Omit<RecordOptions, 'inSuppressedCell'> {
  inSuppressedCell?: (d: Derived) => boolean;
}

function refBuildRecords(derived: readonly Derived[], o: RefOptions): { records: RequestRecord[]; withheld: number; stats: RecordStats } {
  const qi = new Set<QuasiIdentifier>(o.quasiIdentifiers ?? QUASI_IDENTIFIERS);
  const city = o.city ?? '';
  const inSuppressed = o.inSuppressedCell ?? ((): boolean => false);
  const eligible = derived.filter((d) => !inSuppressed(d));
  const rungs = refAssignRungs(eligible, LADDER.map((levels) => refKeyAt(levels, qi, city)), o.k);
  const byRung = LADDER.map(() => 0);
  const kept: { key: string; r: Unnumbered }[] = [];
  eligible.forEach((d, i) => {
    const rung = rungs[i] ?? -1;
    if (rung < 0) return;
    byRung[rung] = (byRung[rung] ?? 0) + 1;
    const r = refToRecord(d, LADDER[rung] as Levels, qi, city);
    kept.push({ key: refSortKey(r), r });
  });
  kept.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const withheld = derived.length - kept.length;
  return {
    records: kept.map(({ r }, i) => ({ record: i + 1, ...r })),
    withheld,
    stats: { withheld, withheldInSuppressedCells: derived.length - eligible.length, byRung },
  };
}

// ---------------------------------------------------------------------------------------------
// Made-up requests of a small city: two sources, three departments with their services and
// categories, districts (one unknown), dates over three months, every channel, client type and
// status, working days, on-time flags and ratings.

const CITY = '示例市';
const DISTRICTS = ['临江区', '青山区', '白沙区', '新港区', null];
const DEPARTMENTS = { gaj: ['gaj-hukou', 'gaj-id', null], mzj: ['mzj-marriage', 'mzj-aid'], rsj: ['rsj-pension', 'rsj-insurance', 'rsj-jobs', null] } as const;
const CHANNELS: CanonicalRequest['channel'][] = ['online', 'mobile', 'phone', 'in_person', 'other'];
/** Weighted as requests are: mostly online and in person, mostly citizens. */
const CHANNEL_MIX: CanonicalRequest['channel'][] = ['online', 'online', 'online', 'online', 'online', 'in_person', 'in_person', 'in_person', 'phone', 'mobile', 'other'];
const CLIENT_MIX: CanonicalRequest['clientType'][] = [...Array.from({ length: 12 }, () => 'citizen' as const), 'enterprise', 'enterprise', 'government', 'leadership', 'unknown'];
const STATUSES: CanonicalRequest['status'][] = ['closed', 'closed', 'closed', 'open', 'rejected', 'withdrawn', 'transferred'];

function pick<T>(rand: () => number, xs: readonly T[]): T {
  return xs[Math.floor(rand() * xs.length)] as T;
}

/** The n-th day after 2026-08-20 as 'YYYY-MM-DD'. */
function dayAfter(n: number): string {
  return new Date(Date.UTC(2026, 7, 20 + n)).toISOString().slice(0, 10);
}

function requests(seed: number, n: number): Derived[] {
  const rand = prng(seed);
  return Array.from({ length: n }, (_, i) => {
    const department = pick(rand, Object.keys(DEPARTMENTS) as (keyof typeof DEPARTMENTS)[]);
    const service = pick(rand, DEPARTMENTS[department]);
    const source = service === null ? 'hotline' : pick(rand, ['hall', 'hall', 'hotline']);
    const date = dayAfter(Math.floor(rand() ** 2 * 80));
    const status = pick(rand, STATUSES);
    const closed = status !== 'open' && rand() < 0.9;
    const workingDays = closed ? Math.floor(rand() * 25) : null;
    const base = derivedItem(
      {
        id: String(i),
        source,
        department,
        service,
        category: service === null ? pick(rand, ['咨询', '投诉', '求助']) : `${department}-${service.length % 2}`,
        district: pick(rand, DISTRICTS),
        channel: pick(rand, CHANNEL_MIX),
        clientType: pick(rand, CLIENT_MIX),
        status,
        rating: rand() < 0.4 ? pick(rand, [1, 2, 3, 4, 5] as const) : null,
      },
      date,
      workingDays,
    );
    return { ...base, closed, onTime: closed && rand() < 0.8 ? rand() < 0.85 : null };
  });
}

/** Suppressed cells as the measure stage's predicate sees them: a department-month, a service, a day, a channel, a time-to-close bin. */
function suppressed(d: RecordCellView): boolean {
  const q = d.request;
  if (q.department === 'mzj' && d.month === '2026-09') return true;
  if (q.service === 'rsj-jobs') return true;
  if (d.submittedDate === '2026-08-21') return true;
  if (q.channel === 'other' && q.clientType === 'enterprise') return true;
  return d.closed && d.workingDays !== null && d.workingDays > 22;
}

/** A text without the key separators U+0000 and U+0001. */
function unseparated(s: string): string {
  return s.replaceAll('\u0000', '·').replaceAll('\u0001', '·');
}


/**
 * The accumulator's result over `derived` added with add(d); `alsoCoded`: fed with addCoded too,
 * as measureAll feeds it (codes as values are first seen), it must give the same result.
 */
function accumulate(derived: readonly Derived[], opts: Omit<RecordOptions, 'inSuppressedCell'>, inSuppressedCell?: (d: RecordCellView) => boolean, alsoCoded = true): ReturnType<RecordsAccumulator['finish']> {
  const acc = new RecordsAccumulator(opts);
  for (const d of derived) acc.add(d);
  const result = acc.finish(inSuppressedCell);
  if (alsoCoded) {
    const coded = new RecordsAccumulator(opts);
    const coder = new RowCoder();
    const months = new Dictionary<string>();
    const dates = new Dictionary<string>();
    for (const d of derived) {
      const key: RowKey = { department: d.request.department, service: d.request.service, month: d.month, date: d.submittedDate, departmentCode: 0, serviceCode: -1, monthCode: months.code(d.month), dateCode: dates.code(d.submittedDate) };
      coded.addCoded(d, coder.code(d.request), key);
    }
    expect(coded.finish(inSuppressedCell)).toEqual(result);
  }
  return result;
}

describe('RecordsAccumulator(opts).add(d)…finish(inSuppressedCell) against the array-based algorithm', () => {
  const cases: [string, Omit<RecordOptions, 'inSuppressedCell'>, number][] = [
    ['k = 3, all quasi-identifiers', { k: 3, city: CITY }, 600],
    ['k = 5, all quasi-identifiers', { k: 5, city: CITY }, 800],
    ['k = 10, all quasi-identifiers', { k: 10, city: CITY }, 3000],
    ['k = 2, no city name', { k: 2 }, 300],
    ['k = 4, without district and channel', { k: 4, city: CITY, quasiIdentifiers: ['date', 'clientType', 'service'] }, 700],
    ['k = 4, date only', { k: 4, city: CITY, quasiIdentifiers: ['date'] }, 500],
    ['k = 3, service and district only', { k: 3, city: CITY, quasiIdentifiers: ['service', 'district'] }, 500],
    ['k = 3, no quasi-identifiers', { k: 3, city: CITY, quasiIdentifiers: [] }, 400],
    ['k = 1', { k: 1, city: CITY }, 200],
    ['k larger than every group', { k: 10_000, city: CITY }, 300],
  ];
  cases.forEach(([name, opts, n], seed) => {
    it(`publishes the same records, numbering and stats (${name}), whatever the order rows are added in`, () => {
      const derived = requests(seed + 1, n);
      const expected = refBuildRecords(derived, { ...opts, inSuppressedCell: suppressed });
      if (opts.k <= 10) expect(expected.records.length).toBeGreaterThan(n / 20); // the case is not vacuous
      expect(accumulate(derived, opts, suppressed)).toEqual(expected);
      expect(accumulate([...derived].reverse(), opts, suppressed)).toEqual(expected);
      expect(accumulate(shuffled(derived, seed + 100), opts, suppressed)).toEqual(expected);
      // Without suppressed cells too.
      expect(accumulate(derived, opts)).toEqual(refBuildRecords(derived, opts));
      // Columns sized from the expected row count: exactly, too small (they grow) or too large.
      for (const expectedRows of [n, 3, 4 * n]) expect(accumulate(derived, { ...opts, expectedRows }, suppressed)).toEqual(expected);
    });
  });

  it('exercises every rung, withholding and suppressed cells', () => {
    const derived = requests(42, 4000);
    const result = accumulate(derived, { k: 3, city: CITY }, suppressed);
    expect(result).toEqual(refBuildRecords(derived, { k: 3, city: CITY, inSuppressedCell: suppressed }));
    const { stats } = result;
    expect(stats.byRung.every((n) => n > 0)).toBe(true);
    expect(stats.withheldInSuppressedCells).toBeGreaterThan(0);
    expect(stats.withheld).toBeGreaterThan(stats.withheldInSuppressedCells);
  });

  it('calls inSuppressedCell once per request, in the order added, with the request’s cell fields', () => {
    const derived = requests(7, 300);
    const seen: string[] = [];
    const view = (d: RecordCellView): string => JSON.stringify([d.request.department, d.request.service, d.request.channel, d.request.clientType, d.month, d.submittedDate, d.closed, d.workingDays]);
    accumulate(derived, { k: 3 }, (d) => (seen.push(view(d)), suppressed(d)), false);
    expect(seen).toEqual(derived.map(view));
  });

  it('orders numbers by their sort-key text: negative, fractional and very large working days, every rating', () => {
    const rand = prng(9);
    const odd = [null, -3, 0, 1.5, 7, 12, 98_999_999, 99_000_000, 123_456_789, -1_000_000, -1_000_001];
    const derived = requests(9, 400).map((d) => ({ ...d, workingDays: pick(rand, odd), request: { ...d.request, rating: pick(rand, [null, 1, 2, 3, 4, 5] as const) } }));
    for (const opts of [{ k: 1 }, { k: 2, city: CITY }]) {
      expect(accumulate(derived, opts, suppressed)).toEqual(refBuildRecords(derived, { ...opts, inSuppressedCell: suppressed }));
      expect(accumulate(shuffled(derived, 3), opts, suppressed)).toEqual(refBuildRecords(derived, { ...opts, inSuppressedCell: suppressed }));
    }
  });

  it('groups and orders as the joined strings do where a district is empty, equals the city or holds the key separators', () => {
    const rand = prng(11);
    const districts = ['', CITY, '临江区', '临江区\u0000a', '临江区\u0001', 'a\u0000', null];
    const categories = ['c', 'c\u0000临江区', 'c\u0001'];
    const derived = requests(11, 600).map((d) => ({ ...d, request: { ...d.request, district: pick(rand, districts), category: pick(rand, categories) } }));
    for (const opts of [{ k: 2, city: CITY }, { k: 3, city: CITY, quasiIdentifiers: ['district', 'date'] as QuasiIdentifier[] }, { k: 2 }]) {
      expect(accumulate(derived, opts, suppressed)).toEqual(refBuildRecords(derived, { ...opts, inSuppressedCell: suppressed }));
      expect(accumulate([...derived].reverse(), opts, suppressed)).toEqual(refBuildRecords(derived, { ...opts, inSuppressedCell: suppressed }));
    }
    // Without the separators, the same values go through the code path.
    const plain = derived.map((d) => ({ ...d, request: { ...d.request, district: d.request.district === null ? null : unseparated(d.request.district), category: unseparated(d.request.category) } }));
    expect(accumulate(plain, { k: 2, city: CITY }, suppressed)).toEqual(refBuildRecords(plain, { k: 2, city: CITY, inSuppressedCell: suppressed }));
  });

  it('keeps codes exact past 256 and 65,536 distinct values', () => {
    const rand = prng(13);
    const derived = Array.from({ length: 70_000 }, (_, i) => {
      const d = derivedItem({ id: String(i), service: `svc-${i % 300}`, district: `d${i}`, channel: pick(rand, CHANNELS) }, dayAfter(i % 90), i % 7 === 0 ? null : i % 40);
      return d;
    });
    // The district is published as is (not a quasi-identifier), so a wrong code would show.
    const opts = { k: 3, city: CITY, quasiIdentifiers: ['date', 'service'] as QuasiIdentifier[] };
    const expected = refBuildRecords(derived, opts);
    expect(new Set(expected.records.map((r) => r.district)).size).toBeGreaterThan(65_536);
    expect(accumulate(derived, opts)).toEqual(expected);
    // A key part past 65,536 values (the category, with source and department in one tuple), pairs of rows sharing each.
    const wide = derived.map((d, i) => ({ ...d, request: { ...d.request, category: `c${Math.floor(i / 2)}`, source: i % 3 === 0 ? 'hall' : 'hotline' } }));
    const wideOpts = { k: 2, city: CITY, quasiIdentifiers: ['date', 'service'] as QuasiIdentifier[] };
    const wideExpected = refBuildRecords(wide, wideOpts);
    expect(wideExpected.records.length).toBeGreaterThan(10_000);
    expect(accumulate(wide, wideOpts)).toEqual(wideExpected);
  });

  it('returns nothing for no requests', () => {
    expect(accumulate([], { k: 3 }, suppressed)).toEqual({ records: [], withheld: 0, stats: { withheld: 0, withheldInSuppressedCells: 0, byRung: [0, 0, 0, 0, 0] } });
  });
});

describe('RecordsAccumulator(opts).add(d)…finishTable(inSuppressedCell)', () => {
  function table(derived: readonly Derived[], opts: Omit<RecordOptions, 'inSuppressedCell'>, inSuppressedCell?: (d: RecordCellView) => boolean): ReturnType<RecordsAccumulator['finishTable']> {
    const acc = new RecordsAccumulator(opts);
    for (const d of derived) acc.add(d);
    return acc.finishTable(inSuppressedCell);
  }

  it('get(i) is record i + 1 of buildRecords, for every i; iteration reads them all in order', () => {
    const derived = requests(31, 3000);
    for (const opts of [{ k: 3, city: CITY }, { k: 5, city: CITY, quasiIdentifiers: ['date', 'service'] as QuasiIdentifier[] }]) {
      const expected = buildRecords(derived, { ...opts, inSuppressedCell: suppressed });
      const { records, withheld, stats } = table(derived, opts, suppressed);
      expect(records.length).toBe(expected.records.length);
      expect(records.length).toBeGreaterThan(1000); // the case is not vacuous
      for (let i = 0; i < records.length; i++) expect(records.get(i)).toEqual(expected.records[i]);
      expect(Array.from(records)).toEqual(expected.records);
      expect({ withheld, stats }).toEqual({ withheld: expected.withheld, stats: expected.stats });
      // Against the array-based algorithm too, and whatever the order rows are added in.
      expect(Array.from(table(shuffled(derived, 5), opts, suppressed).records)).toEqual(refBuildRecords(derived, { ...opts, inSuppressedCell: suppressed }).records);
    }
  });

  it('orders by the joined sort key where values hold the key separators', () => {
    const rand = prng(33);
    const derived = requests(33, 800).map((d) => ({ ...d, request: { ...d.request, district: pick(rand, ['临江区', '临江区\u0000a', 'a\u0001', null]) } }));
    const { records } = table(derived, { k: 2, city: CITY }, suppressed);
    const expected = refBuildRecords(derived, { k: 2, city: CITY, inSuppressedCell: suppressed }).records;
    expect(records.length).toBe(expected.length);
    for (let i = 0; i < records.length; i++) expect(records.get(i)).toEqual(expected[i]);
  });

  it('gives a fresh object on every read, can be read many times and rejects indexes outside it', () => {
    const { records } = table(requests(35, 300), { k: 2 });
    expect(records.get(0)).not.toBe(records.get(0));
    expect(records.get(0)).toEqual(records.get(0));
    expect(Array.from(records)).toEqual(Array.from(records));
    for (const i of [-1, records.length, 0.5, Number.NaN]) expect(() => records.get(i)).toThrow(RangeError);
  });

  it('is empty for no requests', () => {
    const { records, withheld } = table([], { k: 3 }, suppressed);
    expect([records.length, withheld, Array.from(records)]).toEqual([0, 0, []]);
    expect(() => records.get(0)).toThrow(RangeError);
  });
});

describe('buildRecords(derived, opts)', () => {
  it('returns what RecordsAccumulator returns over the same requests', () => {
    const derived = requests(21, 500);
    expect(buildRecords(derived, { k: 4, city: CITY, inSuppressedCell: suppressed })).toEqual(accumulate(derived, { k: 4, city: CITY }, suppressed));
    expect(buildRecords(derived, 4)).toEqual(refBuildRecords(derived, { k: 4 }));
  });
});

describe('tupleGroups(rows, parts, limit)', () => {
  /** The partition as sets of rows, independent of how ids are numbered. */
  const partition = (rows: Int32Array, ids: Int32Array): string[] => {
    const by = new Map<number, number[]>();
    ids.forEach((id, j) => by.set(id, [...(by.get(id) ?? []), rows[j] ?? -1]));
    return [...by.values()].map((r) => r.join(',')).sort();
  };
  const rand = prng(5);
  const n = 2000;
  const a = Int32Array.from({ length: n }, () => Math.floor(rand() * 7));
  const b = Int32Array.from({ length: n }, () => Math.floor(rand() * 300));
  const c = Int32Array.from({ length: n }, () => Math.floor(rand() * 3));
  const parts: KeyPart[] = [
    { codes: a, size: 7 },
    { codes: b, map: Int32Array.from({ length: 300 }, (_, i) => i % 150), size: 150 },
    { codes: c, size: 3 },
  ];
  const rows = Int32Array.from({ length: n / 2 }, (_, j) => 2 * j);
  const expected = partition(rows, Int32Array.from(groupsOfText(Array.from(rows, (r) => `${a[r]}|${(b[r] ?? 0) % 150}|${c[r]}`))));

  it('groups rows whose mapped codes are all equal, with dense ids', () => {
    const g = tupleGroups(rows, parts);
    expect(partition(rows, g.ids)).toEqual(expected);
    expect(Math.max(...g.ids) + 1).toBe(g.size);
  });
  it('gives the same groups when the combinations are renumbered on the way', () => {
    expect(partition(rows, tupleGroups(rows, parts, 100).ids)).toEqual(expected);
    expect(partition(rows, tupleGroups(rows, parts, 1).ids)).toEqual(expected);
  });
});

/** Dense ids of strings in order of first appearance (reference for tupleGroups). */
function groupsOfText(keys: readonly string[]): number[] {
  const index = new Map<string, number>();
  return keys.map((k) => {
    const id = index.get(k) ?? index.size;
    index.set(k, id);
    return id;
  });
}
