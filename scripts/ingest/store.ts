/**
 * RequestStore: every published request held as compact columns (columns.ts: typed arrays in
 * chunks of 32,768 rows; one small dictionary per text field; ids of the form prefix + digits as
 * a shape and a number (id-shapes.ts), other ids as UTF-8 in a Utf8Heap; small fields that vary
 * together as one TupleColumn code), so ingest keeps no object per request: about 46 bytes a
 * request with the id table (which `endIngest` frees), instead of several hundred.
 * `get(i)` rebuilds a plain CanonicalRequest; `readInto(i, cursor)` refills one StoreCursor with
 * a row's values and dictionary codes, id and requester key made only when read (the measure
 * pass: no object per row); whole-table passes read single columns.
 * `find(source, id)` is an open-addressing table of row numbers, exact (ids are compared); a
 * `push` of the id a `find` just missed reuses that probe, so ingest hashes each id once.
 *
 * Not kept: descriptions and rating comments (never published; the only use of a description,
 * segments.yaml's `descriptionContains`, is served by a stand-in: see `push`), and identifiers
 * (only a 64-bit hash of the requester's key material, for grouping in memory).
 * Every value read back equals the value pushed, exactly (NaN instants read back as null).
 */
import { Dictionary } from '../lib/dictionary.ts';
import type { CanonicalRequest, Identifiers } from './canonical.ts';
import { keyMaterial } from '../anonymize/hmac.ts';
import { CodeColumn, instantColumn, NumberColumn, TupleColumn } from './columns.ts';
import { hashInts32, hashString, hex64 } from './hash.ts';
import { IdShapes } from './id-shapes.ts';
import { Utf8Heap } from './utf8-heap.ts';
import { free } from '../lib/free.ts';

/** Distinct values of one field, each with a small code (first seen = 0). */

/** The requester's key material hashed to 64 bits (in memory only; never written). */
export interface RequesterHash {
  hi: number;
  lo: number;
}

/** The 64-bit hash of the requester's key material (scripts/anonymize/hmac.ts), or null when there is none. */
export function requesterHash(ids: Identifiers): RequesterHash | null {
  const material = keyMaterial(ids);
  return material === null ? null : hashString(material, { hi: 0, lo: 0 });
}

// ---- Read-only row cursor (measure stage): RequestStore.readInto fills it; nothing here writes the store. ----

/**
 * One row of the store at a time, refilled in place by `RequestStore.readInto(i, cursor)`: the
 * request's values (id and requester key read on first use) and the dictionary codes of its
 * text fields (a value has one code per store; serviceCode -1 = no service). For a pass over
 * every row with no object per row: what `request` holds changes with the next row read.
 */
export class StoreCursor implements CanonicalRequest {
  #store: RequestStore | null = null;
  #row = -1;
  #id: string | undefined;
  #requesterKey: string | null | undefined;
  source = '';
  department = '';
  service: string | null = null;
  category = '';
  needType: CanonicalRequest['needType'] = 'unknown';
  clientType: CanonicalRequest['clientType'] = 'citizen';
  tier: CanonicalRequest['tier'] = 1;
  channel: CanonicalRequest['channel'] = 'online';
  submittedAt = 0;
  acceptedAt: number | null = null;
  closedAt: number | null = null;
  dueAt: number | null = null;
  status: CanonicalRequest['status'] = 'open';
  rating: CanonicalRequest['rating'] = null;
  ratingComment: string | null = null;
  description: string | null = null;
  district: string | null = null;
  visits: number | null = null;
  effortMinutes: number | null = null;
  timezone = '';
  sourceCode = 0;
  departmentCode = 0;
  serviceCode = -1;
  categoryCode = 0;
  districtCode = 0;
  needTypeCode = 0;
  clientTypeCode = 0;
  channelCode = 0;
  statusCode = 0;

  /** The request of the row last read: this cursor itself (valid until the next row is read). */
  get request(): CanonicalRequest {
    return this;
  }

  get id(): string {
    if (this.#id === undefined) this.#id = this.#store === null ? '' : this.#store.idOf(this.#row);
    return this.#id;
  }

  set id(v: string) {
    this.#id = v;
  }

  get requesterKey(): string | null {
    if (this.#requesterKey === undefined) this.#requesterKey = this.#store === null ? null : this.#store.requesterKeyOf(this.#row);
    return this.#requesterKey;
  }

  set requesterKey(v: string | null) {
    this.#requesterKey = v;
  }

  /** Points the lazy fields at row `row` of `store` (RequestStore.readInto calls it). */
  at(store: RequestStore, row: number): void {
    this.#store = store;
    this.#row = row;
    this.#id = undefined;
    this.#requesterKey = undefined;
  }
}

/** Grow the id table when it is this full. */
const MAX_LOAD = 0.75;
/** Slots of an id table for `rows` rows: a power of two, at least 1024, at most MAX_LOAD full. */
function tableSizeFor(rows: number): number {
  let size = 1024;
  while (rows > size * MAX_LOAD) size *= 2;
  return size;
}

/** Fields of RequestStore's `small` tuple. */
const F_SOURCE = 0;
const F_NEED_TYPE = 1;
const F_CLIENT_TYPE = 2;
const F_TIER = 3;
const F_CHANNEL = 4;
const F_STATUS = 5;
const F_TIMEZONE = 6;
/** Fields of RequestStore's `place` tuple. */
const P_DEPARTMENT = 0;
const P_SERVICE = 1;
const P_CATEGORY = 2;
const P_DISTRICT = 3;
/** How a row's id is held (its `idKind`): in `oddIds` (or empty), in the heap, or as shape `kind - SHAPED`. */
const ODD_ID = 0;
const HEAP_ID = 1;
const SHAPED = 2;

/** Published requests as columns; rows are numbered 0.. in push order. */
export class RequestStore {
  private n = 0;
  private readonly sources = new Dictionary<string>();
  private readonly departments = new Dictionary<string>();
  private readonly services = new Dictionary<string | null>();
  private readonly categories = new Dictionary<string>();
  private readonly needTypes = new Dictionary<CanonicalRequest['needType']>();
  private readonly clientTypes = new Dictionary<CanonicalRequest['clientType']>();
  private readonly tiers = new Dictionary<CanonicalRequest['tier']>();
  private readonly channels = new Dictionary<CanonicalRequest['channel']>();
  private readonly statuses = new Dictionary<CanonicalRequest['status']>();
  private readonly districts = new Dictionary<string | null>();
  private readonly timezones = new Dictionary<string>();
  private readonly marks = new Dictionary<string | null>();

  /** The codes of source, need type, client type, tier, channel, status and time zone (the F_ fields), as one. */
  private readonly small = new TupleColumn(7);
  private readonly smallCodes = [0, 0, 0, 0, 0, 0, 0];
  /** The codes of department, service, category and district (the P_ fields), as one: they go together. */
  private readonly place = new TupleColumn(4);
  private readonly placeCodes = [0, 0, 0, 0];
  private readonly mark = new CodeColumn(1);
  /** 0 = not rated. */
  private readonly rating = new CodeColumn(1);
  private readonly submitted = instantColumn();
  private readonly accepted = instantColumn();
  private readonly closed = instantColumn();
  private readonly due = instantColumn();
  private readonly visits = new NumberColumn(16, 1, 0);
  private readonly effort = new NumberColumn(16, 1, 0);
  /** Requester hash; (0, 0) = none (a real hash of (0, 0) is stored as (0, 1)). */
  private readonly reqHi = new CodeColumn(4);
  private readonly reqLo = new CodeColumn(4);

  /**
   * Ids: `idKind` says how each is held (ODD_ID, HEAP_ID or SHAPED + its shape) and `idValue`
   * holds its number (shaped) or its start in the heap (UTF-8 after a 2-byte length).
   */
  private readonly idKind = new CodeColumn(1);
  private readonly idValue = new CodeColumn(4);
  private readonly shapes = new IdShapes();
  private readonly ids = new Utf8Heap();
  /** Ids neither shaped nor plain (a lone surrogate, over 21,845 code units); an empty id is an ODD_ID not in here. */
  private readonly oddIds = new Map<number, string>();
  /**
   * Open addressing (linear probing) over a 32-bit hash h of (source, id). A slot holds row + 1 in
   * its low bits (those of the table mask: row + 1 < size at the load kept) and the rest of h above
   * them, so a probe passes other rows without reading them (1 in 2^11 at 1M rows). 0 = empty.
   */
  private table = new Uint32Array(1024);
  private readonly h = { hi: 0, lo: 0 };
  /** `category:<category>` per category code, built on first use. */
  private readonly categoryKeys: string[] = [];
  /**
   * The last `find` that missed, while no push has happened since: its (source, id), the empty
   * slot it ended on (-1: none, the id's shape being new), its hash, and how the id is held: its
   * kind and number (shaped), or its encoded byte length (heap: still in the heap's scratch).
   */
  private pendingId: string | null = null;
  private pendingSource = '';
  private pendingSlot = -1;
  private pendingHash = 0;
  private pendingKind = ODD_ID;
  private pendingValue = 0;
  /** Set by `keyOf`: how the id looked up is held, and its number or encoded byte length. */
  private keyKind = ODD_ID;
  private keyValue = 0;

  constructor() {
    this.marks.code(null);
  }

  /** Number of requests held. */
  get length(): number {
    return this.n;
  }

  /**
   * Appends `r` and returns its row. `r.description` and `r.ratingComment` are not stored (nor
   * `r.requesterKey`: the requester is `requester`). `descriptionMarks` is what `get(i).description`
   * gives back: the stand-in made by anonymize's DescriptionWords, or null.
   */
  push(r: CanonicalRequest, requester: RequesterHash | null, descriptionMarks: string | null = null): number {
    const i = this.n;
    // The probe of a `find(r.source, r.id)` that just missed is still good (no push since).
    const probed = this.pendingId !== null && this.pendingId === r.id && this.pendingSource === r.source;
    this.pendingId = null;
    const small = this.smallCodes;
    small[F_SOURCE] = this.sources.code(r.source);
    small[F_NEED_TYPE] = this.needTypes.code(r.needType);
    small[F_CLIENT_TYPE] = this.clientTypes.code(r.clientType);
    small[F_TIER] = this.tiers.code(r.tier);
    small[F_CHANNEL] = this.channels.code(r.channel);
    small[F_STATUS] = this.statuses.code(r.status);
    small[F_TIMEZONE] = this.timezones.code(r.timezone);
    this.small.set(i, small);
    const place = this.placeCodes;
    place[P_DEPARTMENT] = this.departments.code(r.department);
    place[P_SERVICE] = this.services.code(r.service);
    place[P_CATEGORY] = this.categories.code(r.category);
    place[P_DISTRICT] = this.districts.code(r.district);
    this.place.set(i, place);
    this.mark.set(i, this.marks.code(descriptionMarks));
    this.rating.set(i, r.rating ?? 0);
    this.submitted.set(i, r.submittedAt);
    this.accepted.set(i, r.acceptedAt);
    this.closed.set(i, r.closedAt);
    this.due.set(i, r.dueAt);
    this.visits.set(i, r.visits);
    this.effort.set(i, r.effortMinutes);
    const hi = requester ? requester.hi >>> 0 : 0;
    const lo = requester ? requester.lo >>> 0 : 0;
    this.reqHi.set(i, hi);
    this.reqLo.set(i, requester && hi === 0 && lo === 0 ? 1 : lo);
    const slot = probed ? this.pendingSlot : -1;
    if (slot >= 0) this.setId(i, r.id, this.pendingKind, this.pendingValue);
    else this.pushId(i, r.id);
    if (i + 1 > this.table.length * MAX_LOAD) {
      this.rehash(this.table.length === 0 ? tableSizeFor(i + 1) : this.table.length * 2);
      this.insert(i, this.rowHash(i));
    } else if (slot >= 0) this.table[slot] = this.slotValue(i, this.pendingHash);
    else this.insert(i, this.rowHash(i));
    this.n = i + 1;
    return i;
  }

  /** A fresh CanonicalRequest for row `i` (description: the stand-in or null; ratingComment null). */
  get(i: number): CanonicalRequest {
    this.check(i);
    const rating = this.rating.get(i);
    return {
      id: this.idOf(i),
      source: this.sources.value(this.small.get(i, F_SOURCE)),
      department: this.departments.value(this.place.get(i, P_DEPARTMENT)),
      service: this.services.value(this.place.get(i, P_SERVICE)),
      category: this.categories.value(this.place.get(i, P_CATEGORY)),
      needType: this.needTypes.value(this.small.get(i, F_NEED_TYPE)),
      clientType: this.clientTypes.value(this.small.get(i, F_CLIENT_TYPE)),
      tier: this.tiers.value(this.small.get(i, F_TIER)),
      channel: this.channels.value(this.small.get(i, F_CHANNEL)),
      submittedAt: this.submittedAt(i),
      acceptedAt: this.accepted.get(i),
      closedAt: this.closed.get(i),
      dueAt: this.due.get(i),
      status: this.statuses.value(this.small.get(i, F_STATUS)),
      rating: rating === 0 ? null : (rating as 1 | 2 | 3 | 4 | 5),
      ratingComment: null,
      description: this.marks.value(this.mark.get(i)),
      district: this.districts.value(this.place.get(i, P_DISTRICT)),
      requesterKey: this.requesterKeyOf(i),
      visits: this.visits.get(i),
      effortMinutes: this.effort.get(i),
      timezone: this.timezones.value(this.small.get(i, F_TIMEZONE)),
    };
  }

  /** The id of row `i`. */
  idOf(i: number): string {
    this.check(i);
    const kind = this.idKind.get(i);
    if (kind >= SHAPED) return this.shapes.text(kind - SHAPED, this.idValue.get(i));
    if (kind === ODD_ID) return this.oddIds.get(i) ?? '';
    const start = this.idValue.get(i);
    return this.ids.decode(start + 2, this.ids.countedLength(start));
  }

  /** The requester hash of row `i` as 16 hex digits, or null when there is none. */
  requesterKeyOf(i: number): string | null {
    return this.hasRequester(i) ? hex64(this.reqHi.get(i), this.reqLo.get(i)) : null;
  }

  /**
   * Frees the id table (4 to 11 bytes a request) once no more lookups are expected: ingest calls
   * this after its last source, before the measure stage needs the memory. A later `find` or
   * `push` rebuilds it, so this costs time only if lookups do come.
   */
  endIngest(): void {
    this.pendingId = null;
    free(this.table);
    this.table = new Uint32Array(0);
  }

  /** Attaches a rating to row `i` (a later call replaces it). */
  setRating(i: number, rating: 1 | 2 | 3 | 4 | 5): void {
    this.check(i);
    this.rating.set(i, rating);
  }

  /**
   * The row of `id` in `source`, or -1. Exact: a hash match is confirmed by comparing the id.
   * After a miss, a `push` of a request with this very source and id, before any other call to
   * `find` or `push`, takes the slot this probe ended on (no second hash, no second probe).
   */
  find(source: string, id: string): number {
    this.pendingId = null;
    if (this.table.length === 0) this.rehash(tableSizeFor(this.n));
    const sc = this.sources.find(source);
    if (sc < 0) return -1;
    const h = this.keyOf(id, sc, false);
    const kind = this.keyKind;
    const value = this.keyValue;
    this.pendingId = id;
    this.pendingSource = source;
    this.pendingKind = kind;
    this.pendingValue = value;
    this.pendingHash = h;
    this.pendingSlot = -1;
    // A shape not (yet) in the dictionary while it has room: no row holds this id.
    if (kind < 0) return -1;
    const mask = this.table.length - 1;
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const v = this.table[slot] ?? 0;
      if (v === 0) {
        this.pendingSlot = slot;
        return -1;
      }
      // Another hash: not this id (no need to read the row).
      if (((v ^ h) & ~mask) !== 0) continue;
      const row = (v & mask) - 1;
      if (this.small.get(row, F_SOURCE) !== sc || this.idKind.get(row) !== kind) continue;
      if (kind >= SHAPED ? this.idValue.get(row) === value : kind === HEAP_ID ? this.sameHeapId(row, value) : (this.oddIds.get(row) ?? '') === id) {
        this.pendingId = null;
        return row;
      }
    }
  }

  /** Submission instant of row `i` (epoch ms). */
  submittedAt(i: number): number {
    return this.submitted.get(i) ?? NaN;
  }

  /** Upper half of the requester hash (0 with lo 0 when there is none). */
  requesterHi(i: number): number {
    return this.reqHi.get(i);
  }

  /** Lower half of the requester hash. */
  requesterLo(i: number): number {
    return this.reqLo.get(i);
  }

  hasRequester(i: number): boolean {
    return (this.reqHi.get(i) | this.reqLo.get(i)) !== 0;
  }

  /** The service id, or `category:<category>` when there is none: the grouping key of repeat contacts. */
  serviceOrCategory(i: number): string {
    const s = this.services.value(this.place.get(i, P_SERVICE));
    if (s !== null) return s;
    const c = this.place.get(i, P_CATEGORY);
    return (this.categoryKeys[c] ??= `category:${this.categories.value(c)}`);
  }

  /** Index of row `i`'s source in `sourceNames()`. */
  sourceIndex(i: number): number {
    return this.small.get(i, F_SOURCE);
  }

  /** Rating of row `i`, 0 when not rated. */
  ratingOf(i: number): number {
    return this.rating.get(i);
  }

  /** Source names in order of first push. */
  sourceNames(): readonly string[] {
    return this.sources.values;
  }

  /** Every department id some row holds (first-seen order). */
  departmentValues(): readonly string[] {
    return this.departments.values;
  }

  /** Every category some row holds (first-seen order). */
  categoryValues(): readonly string[] {
    return this.categories.values;
  }

  // ---- Read-only accessors for whole-table passes (the measure stage): they read, never write. ----

  /** Fills `c` with row `i`: the values `get(i)` gives (id and requester key read on first use) and their codes (see StoreCursor). */
  readInto(i: number, c: StoreCursor): void {
    this.check(i);
    // Each tuple's row code once, then its fields.
    const small = this.small;
    const place = this.place;
    const s = small.rowCode(i);
    const p = place.rowCode(i);
    const source = small.field(s, F_SOURCE);
    const needType = small.field(s, F_NEED_TYPE);
    const clientType = small.field(s, F_CLIENT_TYPE);
    const channel = small.field(s, F_CHANNEL);
    const status = small.field(s, F_STATUS);
    const department = place.field(p, P_DEPARTMENT);
    const service = place.field(p, P_SERVICE);
    const category = place.field(p, P_CATEGORY);
    const district = place.field(p, P_DISTRICT);
    const rating = this.rating.get(i);
    c.at(this, i);
    c.sourceCode = source;
    c.source = this.sources.value(source);
    c.departmentCode = department;
    c.department = this.departments.value(department);
    c.service = this.services.value(service);
    c.serviceCode = c.service === null ? -1 : service;
    c.categoryCode = category;
    c.category = this.categories.value(category);
    c.needTypeCode = needType;
    c.needType = this.needTypes.value(needType);
    c.clientTypeCode = clientType;
    c.clientType = this.clientTypes.value(clientType);
    c.tier = this.tiers.value(small.field(s, F_TIER));
    c.channelCode = channel;
    c.channel = this.channels.value(channel);
    c.submittedAt = this.submittedAt(i);
    c.acceptedAt = this.accepted.get(i);
    c.closedAt = this.closed.get(i);
    c.dueAt = this.due.get(i);
    c.statusCode = status;
    c.status = this.statuses.value(status);
    c.rating = rating === 0 ? null : (rating as 1 | 2 | 3 | 4 | 5);
    c.description = this.marks.value(this.mark.get(i));
    c.districtCode = district;
    c.district = this.districts.value(district);
    c.visits = this.visits.get(i);
    c.effortMinutes = this.effort.get(i);
    c.timezone = this.timezones.value(small.field(s, F_TIMEZONE));
  }

  // ---- End of the read-only accessors. ----

  /** Bytes held by the columns, ids and id table (for budgets and benchmarks; dictionaries excluded). */
  memoryBytes(): number {
    const codes = [this.small, this.place, this.mark, this.rating, this.reqHi, this.reqLo, this.idKind, this.idValue];
    const numbers = [this.submitted, this.accepted, this.closed, this.due, this.visits, this.effort];
    return (
      codes.reduce((n, c) => n + c.bytes(), 0) +
      numbers.reduce((n, c) => n + c.bytes(), 0) +
      this.ids.bytes() +
      this.table.byteLength
    );
  }

  private check(i: number): void {
    if (!(i >= 0 && i < this.n && Number.isInteger(i))) throw new RangeError(`RequestStore: row ${i} out of range 0..${this.n - 1}`);
  }

  /**
   * The id table hash of `id` in source `sc`; how the id is held goes to `keyKind` and `keyValue`
   * (for heap ids the encoded byte length, the bytes left in the heap's scratch). A shape not in
   * the dictionary is added when `add`, else keyKind is -1 (no row holds the id) unless the
   * dictionary is full: the id is then held as text, as every id of that shape has been.
   */
  private keyOf(id: string, sc: number, add: boolean): number {
    if (this.shapes.parse(id)) {
      const shape = add ? this.shapes.code(id) : this.shapes.find(id);
      if (shape >= 0 || !this.shapes.full) {
        this.keyKind = shape < 0 ? -1 : shape + SHAPED;
        this.keyValue = this.shapes.number;
        return shape < 0 ? 0 : this.shapedHash(shape, this.shapes.number, sc);
      }
    }
    if (id !== '' && Utf8Heap.isPlain(id)) {
      const len = this.ids.encode(id);
      this.keyKind = HEAP_ID;
      this.keyValue = len;
      return this.ids.hashEncoded(len, sc);
    }
    this.keyKind = ODD_ID;
    this.keyValue = 0;
    return this.oddHash(id, sc);
  }

  /** Holds `id` for row `i`, as `keyOf` found it held (a heap id's bytes still in the scratch). */
  private setId(i: number, id: string, kind: number, value: number): void {
    this.idKind.set(i, kind);
    if (kind === HEAP_ID) this.idValue.set(i, this.ids.appendEncodedCounted(value));
    else if (kind >= SHAPED) this.idValue.set(i, value);
    else if (id !== '') this.oddIds.set(i, id);
  }

  private pushId(i: number, id: string): void {
    this.keyOf(id, this.small.get(i, F_SOURCE), true);
    this.setId(i, id, this.keyKind, this.keyValue);
  }

  /** True when row `i`'s heap id has the `n` bytes in the heap's scratch. */
  private sameHeapId(i: number, n: number): boolean {
    const start = this.idValue.get(i);
    return this.ids.countedLength(start) === n && this.ids.sameAsEncoded(start + 2, n);
  }

  /** The id table hash of row `i` (what `keyOf` gives for its id), seeded with its source. */
  private rowHash(i: number): number {
    const sc = this.small.get(i, F_SOURCE);
    const kind = this.idKind.get(i);
    if (kind >= SHAPED) return this.shapedHash(kind - SHAPED, this.idValue.get(i), sc);
    if (kind === ODD_ID) return this.oddHash(this.oddIds.get(i) ?? '', sc);
    const start = this.idValue.get(i);
    return this.ids.hashAt(start + 2, this.ids.countedLength(start), sc);
  }

  private shapedHash(shape: number, n: number, seed: number): number {
    return hashInts32(shape, n, seed);
  }

  private oddHash(id: string, seed: number): number {
    return hashString(id, this.h, seed).lo;
  }

  private insert(row: number, h: number): void {
    const mask = this.table.length - 1;
    let slot = h & mask;
    while ((this.table[slot] ?? 0) !== 0) slot = (slot + 1) & mask;
    this.table[slot] = this.slotValue(row, h);
  }

  /** What a slot holds for `row` of hash `h`: row + 1 in the mask's bits, the rest of h above. */
  private slotValue(row: number, h: number): number {
    const mask = this.table.length - 1;
    return ((h & ~mask) | (row + 1)) >>> 0;
  }

  /** A table of `size` slots holding rows 0..n-1. */
  private rehash(size: number): void {
    // The old table is freed now: at 10M rows it is 32 MiB that would else stay until a full GC.
    free(this.table);
    this.table = new Uint32Array(size);
    for (let r = 0; r < this.n; r++) this.insert(r, this.rowHash(r));
  }
}
