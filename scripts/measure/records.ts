/**
 * Request-level records, k-anonymous on the configured quasi-identifiers (default: district,
 * submission date, client type, service, channel; department, source and month are always part
 * of the key). Rows climb the ladder of scripts/anonymize/kanon.ts (date → week → month,
 * district → city, service → category) until at least k share their published values; the rest
 * are withheld (they still count in every aggregate). Rows inside a suppressed aggregate cell
 * are withheld first, so records can never be recounted into a suppressed cell.
 * Records are sorted on their published columns only, then numbered.
 *
 * Streaming: RecordsAccumulator keeps each request as one row of dictionary codes in typed
 * arrays (no object per request) and orders the records in finishTable(), once suppression is
 * known; the RecordTable it returns builds each record object only when read (finish() and
 * buildRecords() read them all into an array).
 * Groups and order are computed on integer codes and ranks; they are exactly those of string
 * keys joined from the published values and of the joined sort key below (when a value holds
 * U+0000 or U+0001, where the two could differ, finish() uses the joined strings themselves).
 */
import { Dictionary } from '../lib/dictionary.ts';
import type { RequestRecord } from '../../src/lib/published.ts';
import { LADDER, QUASI_IDENTIFIERS, assignRungsByGroup, generalizeDate, groupsOf, type Groups, type Levels, type QuasiIdentifier } from '../anonymize/kanon.ts';
import type { CanonicalRequest, Channel, ClientType, Status } from '../ingest/canonical.ts';
import type { Derived } from './derive.ts';

/** Published client type: government and leadership cases are generalized to "unknown". */
export function publishedClientType(t: ClientType): RequestRecord['client_type'] {
  return t === 'citizen' || t === 'enterprise' ? t : 'unknown';
}

type Unnumbered = Omit<RequestRecord, 'record'>;

/** What `inSuppressedCell` may read of a request: the fields that place it in aggregate cells. */
export interface RecordCellView {
  readonly request: Readonly<Pick<CanonicalRequest, 'department' | 'service' | 'channel' | 'clientType'>>;
  readonly month: string;
  readonly submittedDate: string;
  readonly closed: boolean;
  readonly workingDays: number | null;
}

export interface RecordOptions {
  k: number;
  /** Quasi-identifiers (default: all five). One left out is published as is and not protected. */
  quasiIdentifiers?: readonly QuasiIdentifier[];
  /** The city's name: what a district generalizes to. */
  city?: string;
  /** True for requests inside a suppressed aggregate cell: withheld before anything else. Called once per request, in input order. */
  inSuppressedCell?: (d: RecordCellView) => boolean;
  /** Rows expected (e.g. the store's length): columns are sized once instead of doubling. */
  expectedRows?: number;
}

/** Counts of what k-anonymity did to the records. */
export interface RecordStats {
  /** Records withheld (suppressed): in a suppressed cell or in a group below k at the top of the ladder. */
  withheld: number;
  /** Of them, withheld because their aggregate cell is suppressed. */
  withheldInSuppressedCells: number;
  /** Published records per ladder rung (0 = not generalized). */
  byRung: number[];
}

/** Sort-key text of a number: zero-padded so that text order is numeric order; null first. */
function numText(n: number | null): string {
  return n === null ? '' : String(n + 1_000_000).padStart(8, '0');
}

/** Sort-key text of a boolean: null < false < true. */
function boolText(b: boolean | null): string {
  return b === null ? '' : b ? '1' : '0';
}

/** A sort key over the published columns: text as is, numbers zero-padded, null first. */
function sortKey(r: Unnumbered): string {
  return [r.month, r.period, r.department, r.service, r.category, r.district, r.channel, r.client_type, r.source, r.status, numText(r.working_days), boolText(r.on_time), numText(r.rating)].join('\u0001');
}


/** A growable array of codes, 8 bits wide until a code needs 16 or 32. */
class Codes {
  array: Uint8Array | Uint16Array | Uint32Array;
  length = 0;
  private max = 0xff;

  /** `capacity`: rows expected (the arrays double beyond it). */
  constructor(capacity = 1024) {
    this.array = new Uint8Array(Math.max(16, capacity));
  }

  push(c: number): void {
    if (c > this.max || this.length === this.array.length) this.grow(c);
    this.array[this.length++] = c;
  }

  private grow(c: number): void {
    if (c > this.max) this.max = c <= 0xffff ? 0xffff : 0xffffffff;
    const size = this.length === this.array.length ? this.array.length * 2 : this.array.length;
    const next = this.max === 0xff ? new Uint8Array(size) : this.max === 0xffff ? new Uint16Array(size) : new Uint32Array(size);
    next.set(this.array.subarray(0, this.length));
    this.array = next;
  }
}

/** A column of values stored as dictionary codes. */
class Column<V> {
  readonly dict = new Dictionary<V>();
  readonly codes: Codes;

  constructor(capacity?: number) {
    this.codes = new Codes(capacity);
  }

  push(v: V): void {
    this.codes.push(this.dict.code(v));
  }

  value(row: number): V {
    return this.dict.values[this.codes.array[row] ?? 0] as V;
  }
}

/** Part of a grouping key: the code of each row, optionally mapped through `map` (code → code). */
export interface KeyPart {
  codes: ArrayLike<number>;
  map?: ArrayLike<number>;
  /** Codes (after the map) are below size. */
  size: number;
}

/** Open-addressing table slot of an integer key (0 ≤ key < 2^53): its own, or the empty one where it goes. */
function slotOf(key: number, slotKey: Float64Array, slotId: Int32Array): number {
  const mask = slotId.length - 1;
  const lo = key % 4_294_967_296;
  const h = Math.imul(lo ^ Math.imul((key - lo) / 4_294_967_296, 0x9e3779b1), 0x85ebca6b);
  let slot = (h ^ (h >>> 15)) & mask;
  while ((slotId[slot] ?? -1) >= 0 && slotKey[slot] !== key) slot = (slot + 1) & mask;
  return slot;
}

/**
 * Dense ids of integer keys (0 ≤ key < 2^53), in order of first appearance: an open-addressing
 * table over typed arrays (several times faster than a Map of numbers past 2^31), kept at most
 * half full, so its memory follows the number of distinct keys.
 */
function numberGroups(keys: Float64Array): Groups {
  let slotKey = new Float64Array(1024);
  let slotId = new Int32Array(1024).fill(-1);
  const ids = new Int32Array(keys.length);
  let size = 0;
  for (let j = 0; j < keys.length; j++) {
    const key = keys[j] ?? 0;
    const slot = slotOf(key, slotKey, slotId);
    const id = slotId[slot] ?? -1;
    if (id >= 0) {
      ids[j] = id;
      continue;
    }
    slotKey[slot] = key;
    slotId[slot] = size;
    ids[j] = size++;
    if (2 * size > slotId.length) {
      const [oldKey, oldId] = [slotKey, slotId];
      slotKey = new Float64Array(2 * oldId.length);
      slotId = new Int32Array(2 * oldId.length).fill(-1);
      for (let s = 0; s < oldId.length; s++) {
        const i = oldId[s] ?? -1;
        if (i < 0) continue;
        const k = oldKey[s] ?? 0;
        const at = slotOf(k, slotKey, slotId);
        slotKey[at] = k;
        slotId[at] = i;
      }
    }
  }
  return { ids, size };
}

/**
 * Dense ids of the tuples of `parts` over `rows`: two rows share an id iff every part's code is
 * equal. Codes combine into one exact number while the combinations stay below `limit`; past it
 * the tuples so far are renumbered densely (below rows.length), which is exact while
 * rows.length × size stays below 2^53 (any part of up to 90 million rows).
 */
export function tupleGroups(rows: Int32Array, parts: readonly KeyPart[], limit = Number.MAX_SAFE_INTEGER): Groups {
  const keys = new Float64Array(rows.length);
  let range = 1;
  for (const { codes, map, size } of parts) {
    if (range * size > limit) {
      const g = numberGroups(keys);
      keys.set(g.ids);
      range = g.size;
      if (range * size > Number.MAX_SAFE_INTEGER) throw new Error(`records: ${range} groups × ${size} codes exceed exact integers; group fewer rows at once`);
    }
    for (let j = 0; j < rows.length; j++) {
      const c = codes[rows[j] ?? 0] ?? 0;
      keys[j] = (keys[j] ?? 0) * size + (map === undefined ? c : (map[c] ?? 0));
    }
    range *= size;
  }
  return numberGroups(keys);
}

/** Rank of each text in code-unit order (as `<` compares strings); equal texts share a rank. */
function ranksOf(texts: readonly string[]): Int32Array {
  const order = Array.from(texts.keys()).sort((a, b) => {
    const x = texts[a] ?? '';
    const y = texts[b] ?? '';
    return x < y ? -1 : x > y ? 1 : 0;
  });
  const rank = new Int32Array(texts.length);
  let r = -1;
  let prev: string | undefined;
  for (const i of order) {
    if (texts[i] !== prev) r++;
    prev = texts[i];
    rank[i] = r;
  }
  return rank;
}

/** Composes code → code and code → rank maps into code → rank. */
function compose(map: Int32Array, rank: Int32Array): Int32Array {
  return map.map((c) => rank[c] ?? 0);
}

/** One column of the sort: the rank of each row's published value (ranks below `size`). */
interface SortColumn {
  rankOf: (row: number) => number;
  size: number;
}

/** Rows ordered by their ranks, column by column (least significant column sorted first, stably). */
function radixOrder(rows: Int32Array, columns: readonly SortColumn[]): Int32Array {
  let order = rows.slice();
  let out = new Int32Array(rows.length);
  const ranks = new Int32Array(rows.length);
  for (let c = columns.length - 1; c >= 0; c--) {
    const { rankOf, size } = columns[c] as SortColumn;
    if (size <= 1) continue;
    const start = new Int32Array(size + 1);
    for (let j = 0; j < order.length; j++) {
      const r = rankOf(order[j] ?? 0);
      ranks[j] = r;
      start[r + 1] = (start[r + 1] ?? 0) + 1;
    }
    for (let r = 1; r <= size; r++) start[r] = (start[r] ?? 0) + (start[r - 1] ?? 0);
    for (let j = 0; j < order.length; j++) {
      const r = ranks[j] ?? 0;
      const at = start[r] ?? 0;
      start[r] = at + 1;
      out[at] = order[j] ?? 0;
    }
    [order, out] = [out, order];
  }
  return order;
}

/** The levels a rung actually applies: a quasi-identifier left out is published at its finest level. */
function effectiveLevels(levels: Levels, qi: ReadonlySet<QuasiIdentifier>): Levels {
  return {
    date: qi.has('date') ? levels.date : 'day',
    district: qi.has('district') ? levels.district : 'district',
    service: qi.has('service') ? levels.service : 'service',
  };
}

/** Published values as codes of their own dictionaries, and the maps from the stored codes to them at each level. */
interface Published {
  period: Dictionary<string>;
  periodAt: Record<Levels['date'], Int32Array>;
  district: Dictionary<string>;
  districtAt: Record<Levels['district'], Int32Array>;
  service: Dictionary<string>;
  serviceAt: Record<Levels['service'], Int32Array>;
  clientType: Dictionary<string>;
  clientTypeOf: Int32Array;
  /** Effective levels of each rung. */
  levels: Levels[];
  /** No published text holds U+0000 or U+0001: code order and grouping equal those of the joined strings. */
  plain: boolean;
}

/** Published records read in order: an array of them, or the RecordTable the measure stage returns. */
export type RecordRows = Iterable<RequestRecord> & { readonly length: number };

/** The published records in order, each built when read (index i holds record number i + 1). */
export class RecordTable implements Iterable<RequestRecord> {
  readonly length: number;
  private readonly at: (i: number) => RequestRecord;

  constructor(length: number, at: (i: number) => RequestRecord) {
    this.length = length;
    this.at = at;
  }

  /** A fresh record object for index i (0 ≤ i < length). */
  get(i: number): RequestRecord {
    if (!Number.isInteger(i) || i < 0 || i >= this.length) throw new RangeError(`record index ${i} is outside 0..${this.length - 1}`);
    return this.at(i);
  }

  *[Symbol.iterator](): Iterator<RequestRecord> {
    for (let i = 0; i < this.length; i++) yield this.at(i);
  }
}

/**
 * k-anonymous records from one pass over the requests: add() every request (before suppression
 * is known), then finish() with the suppressed-cell test. finish() returns exactly what
 * buildRecords over the same requests returns; it does not change the accumulator.
 */
export class RecordsAccumulator {
  private readonly k: number;
  private readonly qi: ReadonlySet<QuasiIdentifier>;
  private readonly city: string;
  private n = 0;
  private readonly source: Column<string>;
  private readonly department: Column<string>;
  private readonly service: Column<string | null>;
  private readonly category: Column<string>;
  private readonly district: Column<string | null>;
  private readonly channel: Column<Channel>;
  private readonly clientType: Column<ClientType>;
  private readonly status: Column<Status>;
  private readonly date: Column<string>;
  private readonly month: Column<string>;
  private readonly workingDays: Column<number | null>;
  private readonly rating: Column<number | null>;
  /** 1 when closed. */
  private readonly closed: Codes;
  /** 0 null, 1 false, 2 true. */
  private readonly onTime: Codes;

  constructor(opts: Omit<RecordOptions, 'inSuppressedCell'>) {
    const capacity = opts.expectedRows;
    this.source = new Column<string>(capacity);
    this.department = new Column<string>(capacity);
    this.service = new Column<string | null>(capacity);
    this.category = new Column<string>(capacity);
    this.district = new Column<string | null>(capacity);
    this.channel = new Column<Channel>(capacity);
    this.clientType = new Column<ClientType>(capacity);
    this.status = new Column<Status>(capacity);
    this.date = new Column<string>(capacity);
    this.month = new Column<string>(capacity);
    this.workingDays = new Column<number | null>(capacity);
    this.rating = new Column<number | null>(capacity);
    this.closed = new Codes(capacity);
    this.onTime = new Codes(capacity);
    this.k = opts.k;
    this.qi = new Set<QuasiIdentifier>(opts.quasiIdentifiers ?? QUASI_IDENTIFIERS);
    this.city = opts.city ?? '';
  }

  add(d: Derived): void {
    const r = d.request;
    this.source.push(r.source);
    this.department.push(r.department);
    this.service.push(r.service);
    this.category.push(r.category);
    this.district.push(r.district);
    this.channel.push(r.channel);
    this.clientType.push(r.clientType);
    this.status.push(r.status);
    this.date.push(d.submittedDate);
    this.month.push(d.month);
    this.workingDays.push(d.workingDays);
    this.rating.push(r.rating);
    this.closed.push(d.closed ? 1 : 0);
    this.onTime.push(d.onTime === null ? 0 : d.onTime ? 2 : 1);
    this.n++;
  }

  /** Builds the records numbered from 1; `inSuppressedCell` is called once per request, in the order added. */
  finish(inSuppressedCell?: (d: RecordCellView) => boolean): { records: RequestRecord[]; withheld: number; stats: RecordStats } {
    const { records, withheld, stats } = this.finishTable(inSuppressedCell);
    return { records: Array.from(records), withheld, stats };
  }

  /**
   * What finish() returns, with the records as a RecordTable that builds each record when read:
   * memory stays one integer per record instead of one object. The table reads this
   * accumulator's columns; requests added afterwards are not in it.
   */
  finishTable(inSuppressedCell?: (d: RecordCellView) => boolean): { records: RecordTable; withheld: number; stats: RecordStats } {
    const eligible = this.eligibleRows(inSuppressedCell);
    const pub = this.published();
    const base = pub.plain ? this.baseGroups(pub, eligible) : undefined;
    const rung = assignRungsByGroup(this.n, eligible, LADDER.length, (level, open) => this.groupsAt(pub, base, level, open), this.k);
    const byRung = LADDER.map(() => 0);
    const keptRows = new Int32Array(eligible.length);
    let m = 0;
    for (const row of eligible) {
      const level = rung[row] ?? -1;
      if (level < 0) continue;
      byRung[level] = (byRung[level] ?? 0) + 1;
      keptRows[m++] = row;
    }
    const kept = keptRows.subarray(0, m);
    // Rows in record order. Texts holding the key separators: order by the joined sort key itself (stable, as ever).
    const order = pub.plain ? radixOrder(kept, this.sortColumns(pub, rung)) : this.keyOrder(pub, kept, rung);
    const records = new RecordTable(order.length, (i) => {
      const row = order[i] ?? 0;
      return this.record(pub, row, rung[row] ?? 0, i + 1);
    });
    const withheld = this.n - records.length;
    return { records, withheld, stats: { withheld, withheldInSuppressedCells: this.n - eligible.length, byRung } };
  }

  /** `rows` ordered by the joined sort key of their records (stable: equal keys keep the order of `rows`). */
  private keyOrder(pub: Published, rows: Int32Array, rung: Int16Array): Int32Array {
    const keys = Array.from(rows, (row) => sortKey(this.record(pub, row, rung[row] ?? 0, 0)));
    const at = Array.from(keys.keys()).sort((a, b) => {
      const x = keys[a] ?? '';
      const y = keys[b] ?? '';
      return x < y ? -1 : x > y ? 1 : 0;
    });
    return Int32Array.from(at, (j) => rows[j] ?? 0);
  }

  /** Rows outside suppressed cells, in the order added. */
  private eligibleRows(inSuppressedCell?: (d: RecordCellView) => boolean): Int32Array {
    if (!inSuppressedCell) return Int32Array.from({ length: this.n }, (_, i) => i);
    const rows = new Int32Array(this.n);
    let m = 0;
    for (let row = 0; row < this.n; row++) {
      const view: RecordCellView = {
        request: { department: this.department.value(row), service: this.service.value(row), channel: this.channel.value(row), clientType: this.clientType.value(row) },
        month: this.month.value(row),
        submittedDate: this.date.value(row),
        closed: this.closed.array[row] === 1,
        workingDays: this.workingDays.value(row),
      };
      if (!inSuppressedCell(view)) rows[m++] = row;
    }
    return rows.subarray(0, m);
  }

  private published(): Published {
    const period = new Dictionary<string>();
    const dates = this.date.dict.values;
    const periodAt = {
      day: Int32Array.from(dates, (d) => period.code(generalizeDate(d, 'day'))),
      week: Int32Array.from(dates, (d) => period.code(generalizeDate(d, 'week'))),
      month: Int32Array.from(dates, (d) => period.code(generalizeDate(d, 'month'))),
    };
    const district = new Dictionary<string>();
    const districts = this.district.dict.values;
    const districtAt = {
      district: Int32Array.from(districts, (v) => district.code(v ?? '')),
      city: Int32Array.from(districts, (v) => district.code(v === null ? '' : this.city)),
    };
    const service = new Dictionary<string>();
    const services = this.service.dict.values;
    const serviceAt = {
      service: Int32Array.from(services, (v) => service.code(v ?? '')),
      category: Int32Array.from(services, () => service.code('')),
    };
    const clientType = new Dictionary<string>();
    const clientTypeOf = Int32Array.from(this.clientType.dict.values, (t) => clientType.code(publishedClientType(t)));
    const texts = [
      ...this.source.dict.values,
      ...this.department.dict.values,
      ...this.category.dict.values,
      ...this.channel.dict.values,
      ...this.status.dict.values,
      ...this.month.dict.values,
      ...period.values,
      ...district.values,
      ...service.values,
      ...clientType.values,
    ];
    return {
      period,
      periodAt,
      district,
      districtAt,
      service,
      serviceAt,
      clientType,
      clientTypeOf,
      levels: LADDER.map((l) => effectiveLevels(l, this.qi)),
      plain: texts.every((t) => !t.includes('\u0000') && !t.includes('\u0001')),
    };
  }

  /** Group of each row on the key parts that no rung generalizes (published as stored); indexed by row. */
  private baseGroups(pub: Published, rows: Int32Array): Groups {
    const parts: KeyPart[] = [whole(this.source), whole(this.department), whole(this.month), whole(this.category)];
    if (this.qi.has('channel')) parts.push(whole(this.channel));
    if (this.qi.has('clientType')) parts.push({ codes: this.clientType.codes.array, map: pub.clientTypeOf, size: pub.clientType.size });
    const g = tupleGroups(rows, parts);
    const ids = new Int32Array(this.n);
    for (let j = 0; j < rows.length; j++) ids[rows[j] ?? 0] = g.ids[j] ?? 0;
    return { ids, size: g.size };
  }

  /** Groups of the open rows on every published quasi-identifier at a rung (as kanon's string keys group them). */
  private groupsAt(pub: Published, base: Groups | undefined, level: number, open: Int32Array): Groups {
    const eff = pub.levels[level] as Levels;
    if (base === undefined) return groupsOf(Array.from(open, (row) => this.keyText(pub, eff, row)));
    const parts: KeyPart[] = [{ codes: base.ids, size: base.size }];
    if (this.qi.has('date')) parts.push({ codes: this.date.codes.array, map: pub.periodAt[eff.date], size: pub.period.size });
    if (this.qi.has('district')) parts.push({ codes: this.district.codes.array, map: pub.districtAt[eff.district], size: pub.district.size });
    if (this.qi.has('service')) parts.push({ codes: this.service.codes.array, map: pub.serviceAt[eff.service], size: pub.service.size });
    return tupleGroups(open, parts);
  }

  /** A row's key at a rung as one string: the published quasi-identifiers joined. */
  private keyText(pub: Published, eff: Levels, row: number): string {
    const parts = [this.source.value(row), this.department.value(row), this.month.value(row), this.category.value(row)];
    if (this.qi.has('date')) parts.push(this.periodOf(pub, eff, row));
    if (this.qi.has('district')) parts.push(this.districtOf(pub, eff, row));
    if (this.qi.has('service')) parts.push(this.serviceOf(pub, eff, row));
    if (this.qi.has('channel')) parts.push(this.channel.value(row));
    if (this.qi.has('clientType')) parts.push(publishedClientType(this.clientType.value(row)));
    return parts.join('\u0000');
  }

  private periodOf(pub: Published, eff: Levels, row: number): string {
    return pub.period.values[pub.periodAt[eff.date][this.date.codes.array[row] ?? 0] ?? 0] ?? '';
  }

  private districtOf(pub: Published, eff: Levels, row: number): string {
    return pub.district.values[pub.districtAt[eff.district][this.district.codes.array[row] ?? 0] ?? 0] ?? '';
  }

  private serviceOf(pub: Published, eff: Levels, row: number): string {
    return pub.service.values[pub.serviceAt[eff.service][this.service.codes.array[row] ?? 0] ?? 0] ?? '';
  }

  /** The published record of a row at a rung. */
  private record(pub: Published, row: number, level: number, record: number): RequestRecord {
    const eff = pub.levels[level] as Levels;
    const status = this.status.value(row);
    const onTime = this.onTime.array[row] ?? 0;
    return {
      record,
      source: this.source.value(row),
      department: this.department.value(row),
      service: this.serviceOf(pub, eff, row),
      category: this.category.value(row),
      district: this.districtOf(pub, eff, row),
      period: this.periodOf(pub, eff, row),
      channel: this.channel.value(row),
      client_type: publishedClientType(this.clientType.value(row)),
      month: this.month.value(row),
      status: this.closed.array[row] === 1 || status === 'open' ? status : 'open',
      working_days: this.workingDays.value(row),
      on_time: onTime === 0 ? null : onTime === 2,
      rating: this.rating.value(row),
    };
  }

  /** The columns of sortKey, in its order, as ranks of the published values. */
  private sortColumns(pub: Published, rung: Int16Array): SortColumn[] {
    const byCode = (codes: ArrayLike<number>, rank: Int32Array, size = rank.length): SortColumn => ({ rankOf: (row) => rank[codes[row] ?? 0] ?? 0, size });
    const byRung = (codes: ArrayLike<number>, ranks: readonly Int32Array[], size: number): SortColumn => ({ rankOf: (row) => ranks[rung[row] ?? 0]?.[codes[row] ?? 0] ?? 0, size });
    const plain = <V extends string>(col: Column<V>): SortColumn => byCode(col.codes.array, ranksOf(col.dict.values));
    const periodRank = ranksOf(pub.period.values);
    const districtRank = ranksOf(pub.district.values);
    const serviceRank = ranksOf(pub.service.values);
    const statusRank = ranksOf([...this.status.dict.values, 'open']);
    const openRank = statusRank[this.status.dict.size] ?? 0;
    const statusCodes = this.status.codes.array;
    const closed = this.closed.array;
    return [
      plain(this.month),
      byRung(this.date.codes.array, pub.levels.map((l) => compose(pub.periodAt[l.date], periodRank)), pub.period.size),
      plain(this.department),
      byRung(this.service.codes.array, pub.levels.map((l) => compose(pub.serviceAt[l.service], serviceRank)), pub.service.size),
      plain(this.category),
      byRung(this.district.codes.array, pub.levels.map((l) => compose(pub.districtAt[l.district], districtRank)), pub.district.size),
      plain(this.channel),
      byCode(this.clientType.codes.array, compose(pub.clientTypeOf, ranksOf(pub.clientType.values)), pub.clientType.size),
      plain(this.source),
      { rankOf: (row) => (closed[row] === 1 ? (statusRank[statusCodes[row] ?? 0] ?? 0) : openRank), size: statusRank.length },
      byCode(this.workingDays.codes.array, ranksOf(this.workingDays.dict.values.map(numText))),
      byCode(this.onTime.array, ranksOf([boolText(null), boolText(false), boolText(true)])),
      byCode(this.rating.codes.array, ranksOf(this.rating.dict.values.map(numText))),
    ];
  }
}

/** A key part of a column's codes as stored. */
function whole<V>(col: Column<V>): KeyPart {
  return { codes: col.codes.array, size: col.dict.size };
}

/** Builds the k-anonymous records; returns them numbered from 1, the number withheld and what was generalized. */
export function buildRecords(derived: readonly Derived[], opts: RecordOptions | number): { records: RequestRecord[]; withheld: number; stats: RecordStats } {
  const { inSuppressedCell, ...rest }: RecordOptions = typeof opts === 'number' ? { k: opts } : opts;
  const acc = new RecordsAccumulator(rest);
  for (const d of derived) acc.add(d);
  return acc.finish(inSuppressedCell);
}
