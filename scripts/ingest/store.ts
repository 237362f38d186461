/**
 * RequestStore: every published request held as compact columns (columns.ts: typed arrays in
 * chunks of 32,768 rows; one small dictionary per text field; ids as UTF-8 in a Utf8Heap), so
 * ingest keeps no object per request: about 75 bytes a request instead of several hundred.
 * `get(i)` rebuilds a plain CanonicalRequest; `view(i)` a cheaper one for a pass over every row
 * (id and requester key made only when read); whole-table passes read single columns.
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
import { CodeColumn, NumberColumn } from './columns.ts';
import { hashString, hex64 } from './hash.ts';
import { Utf8Heap } from './utf8-heap.ts';

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

/**
 * A row of the store read for one pass (`RequestStore.view`): plain fields copied in, `id` and
 * `requesterKey` made on first read (decoding an id costs more than all the other fields together).
 */
class StoredRequest implements CanonicalRequest {
  readonly #store: RequestStore;
  readonly #row: number;
  #id: string | undefined;
  #requesterKey: string | null | undefined;
  source: string;
  department: string;
  service: string | null;
  category: string;
  needType: CanonicalRequest['needType'];
  clientType: CanonicalRequest['clientType'];
  tier: CanonicalRequest['tier'];
  channel: CanonicalRequest['channel'];
  submittedAt: number;
  acceptedAt: number | null;
  closedAt: number | null;
  dueAt: number | null;
  status: CanonicalRequest['status'];
  rating: CanonicalRequest['rating'];
  ratingComment: string | null = null;
  description: string | null;
  district: string | null;
  visits: number | null;
  effortMinutes: number | null;
  timezone: string;

  // One parameter per field, in CanonicalRequest's order: the cheapest way to fill an object per row.
  constructor(
    store: RequestStore,
    row: number,
    source: string,
    department: string,
    service: string | null,
    category: string,
    needType: CanonicalRequest['needType'],
    clientType: CanonicalRequest['clientType'],
    tier: CanonicalRequest['tier'],
    channel: CanonicalRequest['channel'],
    submittedAt: number,
    acceptedAt: number | null,
    closedAt: number | null,
    dueAt: number | null,
    status: CanonicalRequest['status'],
    rating: CanonicalRequest['rating'],
    description: string | null,
    district: string | null,
    visits: number | null,
    effortMinutes: number | null,
    timezone: string,
  ) {
    this.#store = store;
    this.#row = row;
    this.source = source;
    this.department = department;
    this.service = service;
    this.category = category;
    this.needType = needType;
    this.clientType = clientType;
    this.tier = tier;
    this.channel = channel;
    this.submittedAt = submittedAt;
    this.acceptedAt = acceptedAt;
    this.closedAt = closedAt;
    this.dueAt = dueAt;
    this.status = status;
    this.rating = rating;
    this.description = description;
    this.district = district;
    this.visits = visits;
    this.effortMinutes = effortMinutes;
    this.timezone = timezone;
  }

  get id(): string {
    return (this.#id ??= this.#store.idOf(this.#row));
  }

  set id(v: string) {
    this.#id = v;
  }

  get requesterKey(): string | null {
    if (this.#requesterKey === undefined) this.#requesterKey = this.#store.requesterKeyOf(this.#row);
    return this.#requesterKey;
  }

  set requesterKey(v: string | null) {
    this.#requesterKey = v;
  }
}

/** Epoch ms of 2000-01-01: instants are stored as int32 seconds from here (1931..2068). */
const EPOCH_2000 = 946_684_800_000;
/** Grow the id table when it is this full. */
const MAX_LOAD = 0.75;

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

  private readonly source = new CodeColumn(1);
  private readonly department = new CodeColumn(1);
  private readonly service = new CodeColumn(1);
  private readonly category = new CodeColumn(1);
  private readonly needType = new CodeColumn(1);
  private readonly clientType = new CodeColumn(1);
  private readonly tier = new CodeColumn(1);
  private readonly channel = new CodeColumn(1);
  private readonly status = new CodeColumn(1);
  private readonly district = new CodeColumn(1);
  private readonly timezone = new CodeColumn(1);
  private readonly mark = new CodeColumn(1);
  /** 0 = not rated. */
  private readonly rating = new CodeColumn(1);
  private readonly submitted = new NumberColumn(32, 1000, EPOCH_2000);
  private readonly accepted = new NumberColumn(32, 1000, EPOCH_2000);
  private readonly closed = new NumberColumn(32, 1000, EPOCH_2000);
  private readonly due = new NumberColumn(32, 1000, EPOCH_2000);
  private readonly visits = new NumberColumn(16, 1, 0);
  private readonly effort = new NumberColumn(16, 1, 0);
  /** Requester hash; (0, 0) = none (a real hash of (0, 0) is stored as (0, 1)). */
  private readonly reqHi = new CodeColumn(4);
  private readonly reqLo = new CodeColumn(4);

  /** Ids as UTF-8: a row's start in the heap and its byte length. */
  private readonly ids = new Utf8Heap();
  private readonly idStart = new CodeColumn(4);
  private readonly idLength = new CodeColumn(1);
  /** Empty ids and ids the heap cannot hold (not plain): their idLength is 0. */
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
   * slot it ended on, and the id's encoded byte length (still in the heap's scratch; -1 when not plain).
   */
  private pendingId: string | null = null;
  private pendingSource = '';
  private pendingSlot = 0;
  private pendingHash = 0;
  private pendingBytes = -1;

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
    this.source.set(i, this.sources.code(r.source));
    this.department.set(i, this.departments.code(r.department));
    this.service.set(i, this.services.code(r.service));
    this.category.set(i, this.categories.code(r.category));
    this.needType.set(i, this.needTypes.code(r.needType));
    this.clientType.set(i, this.clientTypes.code(r.clientType));
    this.tier.set(i, this.tiers.code(r.tier));
    this.channel.set(i, this.channels.code(r.channel));
    this.status.set(i, this.statuses.code(r.status));
    this.district.set(i, this.districts.code(r.district));
    this.timezone.set(i, this.timezones.code(r.timezone));
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
    if (probed && this.pendingBytes >= 0) {
      this.idStart.set(i, this.ids.appendEncoded(this.pendingBytes));
      this.idLength.set(i, this.pendingBytes);
    } else this.pushId(i, r.id);
    if (i + 1 > this.table.length * MAX_LOAD) {
      this.rehash(this.table.length * 2);
      this.insert(i, this.rowHash(i));
    } else if (probed) this.table[this.pendingSlot] = this.slotValue(i, this.pendingHash);
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
      source: this.sources.value(this.source.get(i)),
      department: this.departments.value(this.department.get(i)),
      service: this.services.value(this.service.get(i)),
      category: this.categories.value(this.category.get(i)),
      needType: this.needTypes.value(this.needType.get(i)),
      clientType: this.clientTypes.value(this.clientType.get(i)),
      tier: this.tiers.value(this.tier.get(i)),
      channel: this.channels.value(this.channel.get(i)),
      submittedAt: this.submittedAt(i),
      acceptedAt: this.accepted.get(i),
      closedAt: this.closed.get(i),
      dueAt: this.due.get(i),
      status: this.statuses.value(this.status.get(i)),
      rating: rating === 0 ? null : (rating as 1 | 2 | 3 | 4 | 5),
      ratingComment: null,
      description: this.marks.value(this.mark.get(i)),
      district: this.districts.value(this.district.get(i)),
      requesterKey: this.requesterKeyOf(i),
      visits: this.visits.get(i),
      effortMinutes: this.effort.get(i),
      timezone: this.timezones.value(this.timezone.get(i)),
    };
  }

  /**
   * Row `i` as a CanonicalRequest for a pass over every row: the same values as `get(i)`, but `id`
   * and `requesterKey` are accessors made on first read (most passes never read them), so they
   * are not own keys: a spread or JSON of it leaves them out. Use `get(i)` for a plain object.
   */
  view(i: number): CanonicalRequest {
    this.check(i);
    const rating = this.rating.get(i);
    return new StoredRequest(
      this,
      i,
      this.sources.value(this.source.get(i)),
      this.departments.value(this.department.get(i)),
      this.services.value(this.service.get(i)),
      this.categories.value(this.category.get(i)),
      this.needTypes.value(this.needType.get(i)),
      this.clientTypes.value(this.clientType.get(i)),
      this.tiers.value(this.tier.get(i)),
      this.channels.value(this.channel.get(i)),
      this.submittedAt(i),
      this.accepted.get(i),
      this.closed.get(i),
      this.due.get(i),
      this.statuses.value(this.status.get(i)),
      rating === 0 ? null : (rating as 1 | 2 | 3 | 4 | 5),
      this.marks.value(this.mark.get(i)),
      this.districts.value(this.district.get(i)),
      this.visits.get(i),
      this.effort.get(i),
      this.timezones.value(this.timezone.get(i)),
    );
  }

  /** The id of row `i`. */
  idOf(i: number): string {
    this.check(i);
    const n = this.idLength.get(i);
    return n === 0 ? (this.oddIds.get(i) ?? '') : this.ids.decode(this.idStart.get(i), n);
  }

  /** The requester hash of row `i` as 16 hex digits, or null when there is none. */
  requesterKeyOf(i: number): string | null {
    return this.hasRequester(i) ? hex64(this.reqHi.get(i), this.reqLo.get(i)) : null;
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
    const sc = this.sources.find(source);
    if (sc < 0) return -1;
    const plain = id !== '' && Utf8Heap.isPlain(id);
    const len = plain ? this.ids.encode(id) : 0;
    const mask = this.table.length - 1;
    const h = plain ? this.ids.hashEncoded(len, sc) : this.oddHash(id, sc);
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const v = this.table[slot] ?? 0;
      if (v === 0) {
        this.pendingId = id;
        this.pendingSource = source;
        this.pendingSlot = slot;
        this.pendingHash = h;
        this.pendingBytes = plain ? len : -1;
        return -1;
      }
      // Another hash: not this id (no need to read the row).
      if (((v ^ h) & ~mask) !== 0) continue;
      const row = (v & mask) - 1;
      if (this.source.get(row) !== sc) continue;
      const n = this.idLength.get(row);
      if (plain ? n === len && this.ids.sameAsEncoded(this.idStart.get(row), n) : n === 0 && (this.oddIds.get(row) ?? '') === id) return row;
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
    const s = this.services.value(this.service.get(i));
    if (s !== null) return s;
    const c = this.category.get(i);
    return (this.categoryKeys[c] ??= `category:${this.categories.value(c)}`);
  }

  /** Index of row `i`'s source in `sourceNames()`. */
  sourceIndex(i: number): number {
    return this.source.get(i);
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

  /** Bytes held by the columns, ids and id table (for budgets and benchmarks; dictionaries excluded). */
  memoryBytes(): number {
    const codes = [this.source, this.department, this.service, this.category, this.needType, this.clientType, this.tier, this.channel, this.status, this.district, this.timezone, this.mark, this.rating, this.reqHi, this.reqLo, this.idStart, this.idLength];
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

  private pushId(i: number, id: string): void {
    if (id === '' || !Utf8Heap.isPlain(id)) {
      if (id !== '') this.oddIds.set(i, id);
      this.idStart.set(i, 0);
      this.idLength.set(i, 0);
      return;
    }
    this.idStart.set(i, this.ids.append(id));
    this.idLength.set(i, this.ids.lastLength);
  }

  /** The id table hash of row `i`: its id's UTF-8 bytes (or, for odd ids, UTF-16 units), seeded with its source. */
  private rowHash(i: number): number {
    const sc = this.source.get(i);
    const n = this.idLength.get(i);
    return n === 0 ? this.oddHash(this.oddIds.get(i) ?? '', sc) : this.ids.hashAt(this.idStart.get(i), n, sc);
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
    this.table = new Uint32Array(size);
    for (let r = 0; r < this.n; r++) this.insert(r, this.rowHash(r));
  }
}
