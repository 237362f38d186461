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
 * arrays (no object per request; columns that vary together share one code per combination,
 * about 7 bytes a request in all) and orders the records in finishTable(), once suppression is
 * known; the RecordTable it returns builds each record object only when read (finish() and
 * buildRecords() read them all into an array).
 * Groups and order are computed on integer codes and ranks; they are exactly those of string
 * keys joined from the published values and of the joined sort key below (when a value holds
 * U+0000 or U+0001, where the two could differ, finish() uses the joined strings themselves).
 * Each rung's groups are runs of one radix sort of the rows where the rungs' keys nest (as the
 * ladder does: kanon's assignRungsByRuns), else found through tables of keys.
 */
import { free } from '../lib/free.ts';
import { Dictionary } from '../lib/dictionary.ts';
import type { RequestRecord } from '../../src/lib/published.ts';
import { LADDER, QUASI_IDENTIFIERS, assignRungsByGroup, assignRungsByRuns, generalizeDate, groupsOf, type Groups, type Levels, type QuasiIdentifier } from '../anonymize/kanon.ts';
import type { CanonicalRequest, Channel, ClientType, Status } from '../ingest/canonical.ts';
import type { Derived } from './derive.ts';
import type { CodedRow, RowKey } from './row-key.ts';

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
  /** The fields' codes, when the view has them (see CellCodes). */
  readonly codes?: Readonly<CellCodes>;
}

/**
 * Codes of a RecordCellView's fields, one per distinct value over the views of one coding (equal
 * codes, equal values): a test may remember its answers by them instead of by the values.
 */
export interface CellCodes {
  /** The coding the codes belong to (one per finish()): views of different codings share no code. */
  coding: object;
  department: number;
  /** -1: no service. */
  service: number;
  month: number;
  date: number;
  channel: number;
  clientType: number;
  /** Code of workingDays (null has one too). */
  workingDays: number;
}

export interface RecordOptions {
  k: number;
  /** Quasi-identifiers (default: all five). One left out is published as is and not protected. */
  quasiIdentifiers?: readonly QuasiIdentifier[];
  /** The city's name: what a district generalizes to. */
  city?: string;
  /** True for requests inside a suppressed aggregate cell: withheld before anything else. Called once per request, in input order, with one view refilled each time (keep nothing of it). */
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

/** Whole numbers below it (working days, ratings) are coded by addCoded without a look-up by value. */
const SMALL = 4096;

/** Caller codes below it are remembered by Column.pushCoded in a typed array (dense codes: a few thousand). */
const MAX_REMEMBERED = 1 << 24;

/** Codes of a Tuple's columns all below it are found in its direct table (8^5 entries at most). */
const DIRECT_RADIX = 8;

/**
 * Dense codes of combinations of a few integer codes (`width` of them), in order of first
 * appearance: set `pending`, then code() gives the combination's code. An open-addressing table
 * over typed arrays. While every field's codes fit in a few bits (31 in all, codes ≥ 0), a
 * combination is one packed integer key, hashed and compared at once; past that, the fields are
 * hashed and compared one by one. The codes do not depend on the mode.
 */
class Combos {
  readonly width: number;
  /** The combination to code (set its fields, then call code()). */
  readonly pending: Int32Array;
  /** The codes of each combination, `width` at a time (`count` combinations). */
  private fields: Int32Array;
  count = 0;
  /** Combination codes by hash, at most half full (-1: empty slot). */
  private slots = new Int32Array(64).fill(-1);
  /** Packed mode: the packed key of each slot's combination. */
  private keys = new Int32Array(64);
  /** Packed mode: each field's width in bits (its codes are below 2^bits); null once fields are hashed one by one. */
  private bits: Int8Array | null;
  /** The last combination's packed key (-1: none) and code: rows come in runs of one date. */
  private lastKey = -1;
  private lastCode = -1;
  /**
   * Code of each combination whose fields are all below DIRECT_RADIX, by those fields in base
   * DIRECT_RADIX (-1: not seen yet): a few enumerations (channel, status, …) need no hashing.
   */
  private readonly direct: Int32Array;

  constructor(width: number) {
    this.width = width;
    this.pending = new Int32Array(width);
    this.fields = new Int32Array(16 * width);
    this.bits = new Int8Array(width).fill(1);
    this.direct = new Int32Array(width > 1 && width <= 5 ? DIRECT_RADIX ** width : 0).fill(-1);
  }

  /** The code of the pending combination, the next one when it is new. */
  code(): number {
    const pending = this.pending;
    // Small fields: the combination's code straight from the direct table, once it has one.
    let at = this.direct.length > 0 ? 0 : -1;
    for (let f = 0; f < this.width && at >= 0; f++) {
      const c = pending[f] ?? 0;
      at = c >= 0 && c < DIRECT_RADIX ? at * DIRECT_RADIX + c : -1;
    }
    const known = at >= 0 ? (this.direct[at] ?? -1) : -1;
    if (known >= 0) return known;
    const code = this.bits !== null ? this.findPacked() : this.same(this.lastCode) ? this.lastCode : this.find();
    if (at >= 0) this.direct[at] = code;
    this.lastCode = code;
    return code;
  }

  /** Field `f` of combination `code`. */
  field(code: number, f: number): number {
    return this.fields[code * this.width + f] ?? 0;
  }

  /** The pending combination's packed key, or -1 when a field does not fit its bits. */
  private packedKey(codes: Int32Array, at: number): number {
    const bits = this.bits;
    if (bits === null) return -1;
    let key = 0;
    let shift = 0;
    for (let f = 0; f < this.width; f++) {
      const c = codes[at + f] ?? 0;
      const b = bits[f] ?? 0;
      if (c >>> b !== 0) return -1;
      key |= c << shift;
      shift += b;
    }
    return key;
  }

  /** find() in packed mode: the key hashed and compared at once. */
  private findPacked(): number {
    const key = this.packedKey(this.pending, 0);
    if (key < 0) return this.widen();
    if (key === this.lastKey) return this.lastCode;
    const slots = this.slots;
    const keys = this.keys;
    const mask = slots.length - 1;
    let slot = packedHash(key) & mask;
    let code = slots[slot] ?? -1;
    while (code >= 0 && keys[slot] !== key) {
      slot = (slot + 1) & mask;
      code = slots[slot] ?? -1;
    }
    if (code < 0) {
      code = this.append();
      slots[slot] = code;
      keys[slot] = key;
      if (2 * this.count > slots.length) this.rehash(2 * slots.length);
    }
    this.lastKey = key;
    return code;
  }

  /** Widens the fields' bits to hold the pending codes (or leaves packed mode), rehashes, and codes the combination. */
  private widen(): number {
    const bits = this.bits as Int8Array;
    let total = 0;
    let fits = true;
    for (let f = 0; f < this.width; f++) {
      const c = this.pending[f] ?? 0;
      if (c < 0) fits = false;
      else bits[f] = Math.max(bits[f] ?? 0, 32 - Math.clz32(c));
      total += bits[f] ?? 0;
    }
    if (!fits || total > 31) this.bits = null;
    this.lastKey = -1;
    this.rehash(this.slots.length);
    return this.bits !== null ? this.findPacked() : this.find();
  }

  /** True when combination `code` holds the pending fields. */
  private same(code: number): boolean {
    if (code < 0) return false;
    const pending = this.pending;
    const fields = this.fields;
    const base = code * this.width;
    for (let f = 0; f < this.width; f++) if (fields[base + f] !== pending[f]) return false;
    return true;
  }

  /** The code of the pending combination by the hash of its fields, the next one when it is new. */
  private find(): number {
    const mask = this.slots.length - 1;
    let slot = this.hash(this.pending, 0) & mask;
    for (;;) {
      const code = this.slots[slot] ?? -1;
      if (code < 0) break;
      if (this.same(code)) return code;
      slot = (slot + 1) & mask;
    }
    const code = this.append();
    this.slots[slot] = code;
    if (2 * this.count > this.slots.length) this.rehash(2 * this.slots.length);
    return code;
  }

  /** Stores the pending fields as the next combination; returns its code. */
  private append(): number {
    const code = this.count++;
    if (this.fields.length < this.count * this.width) {
      const next = new Int32Array(2 * this.fields.length);
      next.set(this.fields);
      this.fields = next;
    }
    this.fields.set(this.pending, code * this.width);
    return code;
  }

  /** Hash of the `width` codes of `codes` from `at`. */
  private hash(codes: Int32Array, at: number): number {
    let h = 0x9e3779b1;
    for (let f = 0; f < this.width; f++) h = Math.imul(h ^ (codes[at + f] ?? 0), 0x85ebca6b) ^ (h >>> 13);
    return h ^ (h >>> 16);
  }

  /** Places every combination again in `size` slots, by packed key or by fields (the mode now). */
  private rehash(size: number): void {
    const slots = new Int32Array(size).fill(-1);
    const keys = new Int32Array(this.bits !== null ? size : 0);
    const mask = size - 1;
    for (let code = 0; code < this.count; code++) {
      const key = this.packedKey(this.fields, code * this.width);
      let slot = (key >= 0 ? packedHash(key) : this.hash(this.fields, code * this.width)) & mask;
      while ((slots[slot] ?? -1) >= 0) slot = (slot + 1) & mask;
      slots[slot] = code;
      if (key >= 0) keys[slot] = key;
    }
    this.slots = slots;
    this.keys = keys;
  }
}

/** Hash of a packed key (a non-negative 31-bit integer). */
function packedHash(key: number): number {
  const h = Math.imul(key, 0x9e3779b1);
  return h ^ (h >>> 15);
}

/**
 * The codes of several columns that vary together (source, department, service, …), one code a
 * row for each combination seen (Combos): a row takes 1 or 2 bytes instead of one per column.
 * `width` 1: the column's own codes.
 */
class Tuple {
  readonly codes: Codes;
  readonly width: number;
  readonly combos: Combos;
  /** The row being added: each column's code (Column.push writes here, commit() stores the row). */
  readonly pending: Int32Array;

  constructor(width: number, capacity?: number) {
    this.codes = new Codes(capacity);
    this.width = width;
    this.combos = new Combos(width);
    this.pending = this.combos.pending;
  }

  /** Appends a row holding the pending codes. */
  commit(): void {
    this.codes.push(this.width === 1 ? (this.pending[0] ?? 0) : this.combos.code());
  }

  /** Column `f`'s code of `row`. */
  field(row: number, f: number): number {
    const t = this.codes.array[row] ?? 0;
    return this.width === 1 ? t : this.combos.field(t, f);
  }

  /** Row code → column `f`'s code; undefined when they are the same (width 1). */
  fieldMap(f: number): Int32Array | undefined {
    if (this.width === 1) return undefined;
    return Int32Array.from({ length: this.combos.count }, (_, t) => this.combos.field(t, f));
  }
}

/**
 * A tuple's code per combination of the caller's codes of its columns (addCoded): a row whose
 * caller codes were seen before takes its tuple code from here, its columns looked up no more.
 * Valid because a caller's code stands for one value, so its combination for one tuple code.
 */
class CallerCodes {
  readonly combos: Combos;
  /** The caller's combination → tuple code (-1: not known yet). */
  private tupleOf = new Int32Array(64).fill(-1);
  private id = 0;

  constructor(width: number) {
    this.combos = new Combos(width);
  }

  /** The tuple code of the pending caller codes, or -1 when not known yet (then remember() it). */
  lookup(): number {
    const id = this.combos.code();
    this.id = id;
    return id < this.tupleOf.length ? (this.tupleOf[id] ?? -1) : -1;
  }

  /** Remembers `code` for the caller codes of the last lookup(); returns it. */
  remember(code: number): number {
    if (this.id >= this.tupleOf.length) {
      const next = new Int32Array(2 * this.tupleOf.length).fill(-1);
      next.set(this.tupleOf);
      this.tupleOf = next;
    }
    this.tupleOf[this.id] = code;
    return code;
  }
}

/** A column of values stored as dictionary codes, as field `field` of a Tuple. */
class Column<V> {
  readonly dict = new Dictionary<V>();
  readonly tuple: Tuple;
  readonly field: number;

  constructor(tuple: Tuple, field: number) {
    this.tuple = tuple;
    this.field = field;
  }

  /** Sets the value of the row being added (its tuple's commit() stores it). */
  push(v: V): void {
    this.tuple.pending[this.field] = this.dict.code(v);
  }

  /** push(v), `code` being v's code in the caller's own coding (one per value): each code is looked up once. */
  pushCoded(code: number, v: V): void {
    const known = code >= 0 && code < this.byCode.length ? (this.byCode[code] ?? -1) : -1;
    this.tuple.pending[this.field] = known >= 0 ? known : this.learn(code, v);
  }

  /** This column's code per caller's code (pushCoded; -1: not seen yet): a typed array, read once a row. */
  private byCode = new Int32Array(16).fill(-1);

  /** This column's code of `v`, remembered for the caller's `code` (a negative code is not remembered). */
  private learn(code: number, v: V): number {
    const c = this.dict.code(v);
    // Codes are dense (a dictionary's, a small number's own): one far out is looked up each time instead.
    if (code < 0 || code >= MAX_REMEMBERED) return c;
    if (code >= this.byCode.length) {
      const next = new Int32Array(Math.max(2 * this.byCode.length, code + 1)).fill(-1);
      next.set(this.byCode);
      this.byCode = next;
    }
    this.byCode[code] = c;
    return c;
  }

  code(row: number): number {
    return this.tuple.field(row, this.field);
  }

  value(row: number): V {
    return this.dict.values[this.code(row)] as V;
  }

  /** The code each row holds (its tuple's: see `through`). */
  get rows(): ArrayLike<number> {
    return this.tuple.codes.array;
  }

  /** Map from `rows` codes through this column's codes to `then` of them (or to the codes themselves). */
  through(then?: ArrayLike<number>): ArrayLike<number> | undefined {
    const own = this.tuple.fieldMap(this.field);
    if (own === undefined) return then;
    return then === undefined ? own : own.map((c) => then[c] ?? 0);
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
 * 3/4 full, so its memory follows the number of distinct keys (16 to 32 bytes each; at the
 * finest rung most keys are distinct, and this table is the largest thing finish() makes).
 */
class KeyIds {
  private slotKey: Float64Array;
  private slotId: Int32Array;
  /** Distinct keys so far. */
  size = 0;

  /** `expected`: distinct keys expected, the table is made for them at once (no growing on the way); 0 = few. */
  constructor(expected = 0) {
    let slots = 1024;
    while (4 * expected > 3 * slots) slots *= 2;
    this.slotKey = new Float64Array(slots);
    this.slotId = new Int32Array(slots).fill(-1);
  }

  /** The id of `key`, the next one when it is new. */
  id(key: number): number {
    const slot = slotOf(key, this.slotKey, this.slotId);
    const id = this.slotId[slot] ?? -1;
    if (id >= 0) return id;
    this.slotKey[slot] = key;
    this.slotId[slot] = this.size;
    const fresh = this.size++;
    if (4 * this.size > 3 * this.slotId.length) this.grow();
    return fresh;
  }

  private grow(): void {
    const [oldKey, oldId] = [this.slotKey, this.slotId];
    this.slotKey = new Float64Array(2 * oldId.length);
    this.slotId = new Int32Array(2 * oldId.length).fill(-1);
    for (let s = 0; s < oldId.length; s++) {
      const i = oldId[s] ?? -1;
      if (i < 0) continue;
      const k = oldKey[s] ?? 0;
      const at = slotOf(k, this.slotKey, this.slotId);
      this.slotKey[at] = k;
      this.slotId[at] = i;
    }
  }
}

/** Dense ids of `keys` (see KeyIds), written to `out` when given. */
function numberGroups(keys: Float64Array, out?: Int32Array): Groups {
  const table = new KeyIds();
  const ids = out ?? new Int32Array(keys.length);
  for (let j = 0; j < keys.length; j++) ids[j] = table.id(keys[j] ?? 0);
  return { ids, size: table.size };
}

/**
 * Dense ids of the tuples of `parts` over `rows`: two rows share an id iff every part's code is
 * equal. Codes combine into one exact number while the combinations stay below `limit`; past it
 * the tuples so far are renumbered densely (below rows.length), which is exact while
 * rows.length × size stays below 2^53 (any part of up to 90 million rows).
 */
export function tupleGroups(rows: Int32Array, parts: readonly KeyPart[], limit = Number.MAX_SAFE_INTEGER): Groups {
  return groupTuples(rows.length, rows, parts, limit);
}

/** An array a grouping may write its ids to instead of allocating its own (at least as long as its rows). */
interface Scratch {
  ids: Int32Array;
}

/**
 * tupleGroups over rows 0..count-1 when `rows` is null (no array of row numbers needed), else
 * over `rows`; in `scratch` when given (the ids returned are then a view of scratch.ids).
 */
function groupTuples(count: number, rows: Int32Array | null, parts: readonly KeyPart[], limit = Number.MAX_SAFE_INTEGER, scratch?: Scratch): Groups {
  const ids = scratch?.ids.subarray(0, count);
  // Every combination below the limit: each row's key is made and numbered at once, with no
  // array of keys (8 bytes a row); the same arithmetic as below, so the same ids.
  if (parts.reduce((range, p) => range * p.size, 1) <= limit) return directGroups(count, rows, parts, ids);
  const keys = new Float64Array(count);
  let range = 1;
  for (const { codes, map, size } of parts) {
    if (range * size > limit) {
      const g = numberGroups(keys, ids);
      keys.set(g.ids);
      range = g.size;
      if (range * size > Number.MAX_SAFE_INTEGER) throw new Error(`records: ${range} groups × ${size} codes exceed exact integers; group fewer rows at once`);
    }
    for (let j = 0; j < count; j++) {
      const c = codes[rows === null ? j : (rows[j] ?? 0)] ?? 0;
      keys[j] = (keys[j] ?? 0) * size + (map === undefined ? c : (map[c] ?? 0));
    }
    range *= size;
  }
  return numberGroups(keys, ids);
}

/**
 * groupTuples without renumbering (the combinations stay below 2^53): the keys of a block of rows
 * at a time, part by part as below, so no array of keys for every row (8 bytes a row) is needed.
 */
function directGroups(count: number, rows: Int32Array | null, parts: readonly KeyPart[], out?: Int32Array): Groups {
  const ids = out ?? new Int32Array(count);
  const table = new KeyIds();
  const keys = new Float64Array(Math.min(count, 4096));
  for (let start = 0; start < count; start += keys.length) {
    const end = Math.min(count, start + keys.length);
    keys.fill(0);
    for (const { codes, map, size } of parts) {
      for (let j = start; j < end; j++) {
        const c = codes[rows === null ? j : (rows[j] ?? 0)] ?? 0;
        keys[j - start] = (keys[j - start] ?? 0) * size + (map === undefined ? c : (map[c] ?? 0));
      }
    }
    for (let j = start; j < end; j++) ids[j] = table.id(keys[j - start] ?? 0);
  }
  return { ids, size: table.size };
}

/**
 * tupleGroups of `rows` one partition at a time, ids written to `out`: the partition of a row
 * (`by`'s code) must follow from its key (two rows of one group are in one partition), so each
 * partition's table holds its own keys only. Partitioned by month, the largest table (at the
 * finest rung most keys are distinct) holds one month's keys instead of every month's. Ids are
 * dense, numbered partition after partition. Needs the combinations below 2^53 (else tupleGroups).
 */
function partitionedGroups(rows: Int32Array, parts: readonly KeyPart[], by: KeyPart, out: Int32Array): Groups {
  const n = rows.length;
  const partOf = (row: number): number => {
    const c = by.codes[row] ?? 0;
    return by.map === undefined ? c : (by.map[c] ?? 0);
  };
  // Rows (as indexes j into `rows`) bucketed by partition, in order within each.
  const start = new Int32Array(by.size + 1);
  for (let j = 0; j < n; j++) {
    const p = partOf(rows[j] ?? 0);
    start[p + 1] = (start[p + 1] ?? 0) + 1;
  }
  for (let p = 1; p <= by.size; p++) start[p] = (start[p] ?? 0) + (start[p - 1] ?? 0);
  const order = new Int32Array(n);
  const at = start.slice(0, by.size);
  for (let j = 0; j < n; j++) {
    const p = partOf(rows[j] ?? 0);
    const k = at[p] ?? 0;
    at[p] = k + 1;
    order[k] = j;
  }
  const block = Math.min(n, 4096);
  const keys = new Float64Array(block);
  const blockRows = new Int32Array(block);
  let size = 0;
  for (let p = 0; p < by.size; p++) {
    const end = start[p + 1] ?? 0;
    // Sized for every row of the partition a key of its own (most are, at the finest rung): one partition's table at a time.
    const table = new KeyIds(end - (start[p] ?? 0));
    for (let from = start[p] ?? 0; from < end; from += block) {
      const m = Math.min(block, end - from);
      for (let b = 0; b < m; b++) blockRows[b] = rows[order[from + b] ?? 0] ?? 0;
      keys.fill(0);
      for (const { codes, map, size: partSize } of parts) {
        for (let b = 0; b < m; b++) {
          const c = codes[blockRows[b] ?? 0] ?? 0;
          keys[b] = (keys[b] ?? 0) * partSize + (map === undefined ? c : (map[c] ?? 0));
        }
      }
      for (let b = 0; b < m; b++) out[order[from + b] ?? 0] = size + table.id(keys[b] ?? 0);
    }
    size += table.size;
  }
  return { ids: out.subarray(0, n), size };
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

/**
 * One column of the sort: the rank of a row's published value (below `size`) is
 * `maps[m][codes[row]]`, m being 0 when there is one map and the row's rung otherwise.
 */
interface SortColumn {
  /** The code each row holds (its tuple's: columns of one tuple share this array). */
  codes: ArrayLike<number>;
  maps: readonly Int32Array[];
  size: number;
}

/**
 * Rows ordered by their ranks, column by column (least significant column sorted first, stably).
 * Takes `rows` over: it is one of the two buffers the passes alternate between, and the one not
 * returned is freed (lib/free.ts) with the ranks: at 10M rows each is 10-40 MB.
 */
function radixOrder(rows: Int32Array, columns: readonly SortColumn[], rung: Int16Array): Int32Array {
  const digits = sortDigits(compactColumns(columns));
  let order: Int32Array = rows;
  let out: Int32Array = new Int32Array(rows.length);
  // Each pass's ranks, as narrow as the widest digit needs.
  const widest = digits.reduce((w, d) => Math.max(w, digitSize(d)), 0);
  const ranks = widest <= 0x100 ? new Uint8Array(rows.length) : widest <= 0x10000 ? new Uint16Array(rows.length) : new Int32Array(rows.length);
  for (let c = digits.length - 1; c >= 0; c--) {
    const digit = digits[c] ?? [];
    const size = digitSize(digit);
    ranks.fill(0);
    for (const col of digit) addRanks(ranks, order, col, rung);
    const start = new Int32Array(size + 1);
    for (let j = 0; j < order.length; j++) {
      const r = ranks[j] ?? 0;
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
  free(ranks, out);
  return order;
}

/** ranks[j] × col.size + the rank of order[j] in col, for every j. */
function addRanks(ranks: Uint8Array | Uint16Array | Int32Array, order: Int32Array, col: SortColumn, rung: Int16Array): void {
  const { codes, maps, size } = col;
  const one = maps.length === 1 ? maps[0] : undefined;
  if (one !== undefined) {
    for (let j = 0; j < order.length; j++) ranks[j] = (ranks[j] ?? 0) * size + (one[codes[order[j] ?? 0] ?? 0] ?? 0);
    return;
  }
  for (let j = 0; j < order.length; j++) {
    const row = order[j] ?? 0;
    ranks[j] = (ranks[j] ?? 0) * size + (maps[rung[row] ?? 0]?.[codes[row] ?? 0] ?? 0);
  }
}

/** Distinct ranks of a digit of columns: the product of their sizes. */
function digitSize(digit: readonly SortColumn[]): number {
  return digit.reduce((n, c) => n * c.size, 1);
}

/** Most distinct ranks one pass of radixOrder sorts on: a counting table of 256 KiB at most. */
const DIGIT = 0x10000;

/**
 * The passes of radixOrder: adjacent columns whose ranks multiply below DIGIT sorted as one
 * digit (rank a × size of b + rank b orders rows exactly as the pair (a, b) does), so a dozen
 * columns of a few values each take a handful of passes; columns of one value take none.
 * Adjacent columns of one digit read from the same codes merge into one map, read once a row.
 */
function sortDigits(columns: readonly SortColumn[]): SortColumn[][] {
  const digits: SortColumn[][] = [];
  for (const c of columns) {
    if (c.size <= 1) continue;
    const digit = digits[digits.length - 1];
    if (digit === undefined || digitSize(digit) * c.size > DIGIT) {
      digits.push([c]);
      continue;
    }
    const last = digit[digit.length - 1];
    if (last !== undefined && last.codes === c.codes) digit[digit.length - 1] = mergeColumns(last, c);
    else digit.push(c);
  }
  return digits;
}

/**
 * The same order in fewer, smaller columns: adjacent columns over the same codes merged into one
 * (rank a × size of b + rank b: the pair's order), and every column's ranks renumbered densely
 * in order (a column's size is then the count of ranks its maps hold, not of the values its
 * dictionary has: a day column of a two-year period sorts on its 730 days, not on every period
 * text). So a column takes at most as many ranks as its codes have values, and radixOrder fewer passes.
 */
function compactColumns(columns: readonly SortColumn[]): SortColumn[] {
  const out: SortColumn[] = [];
  for (const c of columns) {
    if (c.size <= 1) continue;
    const last = out[out.length - 1];
    // Merged while the products stay exact in an Int32Array (the ranks are dense again after each merge).
    if (last !== undefined && last.codes === c.codes && last.size * c.size <= 0x7fffffff) out[out.length - 1] = denseRanks(mergeColumns(last, c));
    else out.push(denseRanks(c));
  }
  return out;
}

/** A column with its ranks renumbered 0.. in order over every map (rung): the same order, size the count of distinct ranks. */
function denseRanks(c: SortColumn): SortColumn {
  const entries = c.maps.reduce((n, map) => n + map.length, 0);
  if (c.size > Math.max(1 << 16, 8 * entries)) {
    // Ranks far more than the maps hold (a product of two wide columns): renumber the ranks held, no table of every rank.
    const held = Int32Array.from(new Set(c.maps.flatMap((map) => Array.from(map)))).sort();
    const rankOf = new Map(Array.from(held, (r, i) => [r, i]));
    return { codes: c.codes, maps: c.maps.map((map) => map.map((r) => rankOf.get(r) ?? 0)), size: held.length };
  }
  const seen = new Uint8Array(c.size);
  for (const map of c.maps) for (let t = 0; t < map.length; t++) seen[map[t] ?? 0] = 1;
  const rank = new Int32Array(c.size);
  let size = 0;
  for (let r = 0; r < c.size; r++) {
    rank[r] = size;
    size += seen[r] ?? 0;
  }
  if (size === c.size) return c;
  return { codes: c.codes, maps: c.maps.map((map) => map.map((r) => rank[r] ?? 0)), size };
}

/** Columns a then b over the same codes as one: rank a × size of b + rank b, per map (rung). */
function mergeColumns(a: SortColumn, b: SortColumn): SortColumn {
  const n = Math.max(a.maps.length, b.maps.length);
  const maps = Array.from({ length: n }, (_, m) => {
    const x = a.maps[Math.min(m, a.maps.length - 1)] ?? new Int32Array(0);
    const y = b.maps[Math.min(m, b.maps.length - 1)] ?? new Int32Array(0);
    return Int32Array.from({ length: Math.max(x.length, y.length) }, (_, t) => (x[t] ?? 0) * b.size + (y[t] ?? 0));
  });
  return { codes: a.codes, maps, size: a.size * b.size };
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
  /** Where the columns are: what a case is about, how it went, when, and its working days (about 7 bytes a row in all). */
  private readonly tuples: Tuple[];
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
  /** Closed (bit 0) and on time (the rest: 0 null, 1 false, 2 true). */
  private readonly flags: Column<number>;
  /** addCoded's tuple codes by the caller's codes: what a case is about, how it went, when. */
  private readonly aboutBy = new CallerCodes(5);
  private readonly howBy = new CallerCodes(5);
  private readonly whenBy = new CallerCodes(2);
  /** How's tuple code by the caller's codes when all are below DIRECT_RADIX, in base DIRECT_RADIX (-1: not seen yet). */
  private readonly howDirect = new Int32Array(DIRECT_RADIX ** 5).fill(-1);
  /** The last row's date and month codes (the caller's) and its when-tuple code (-1: none yet). */
  private lastDate = -1;
  private lastMonth = -1;
  private lastWhen = -1;

  constructor(opts: Omit<RecordOptions, 'inSuppressedCell'>) {
    const capacity = opts.expectedRows;
    const about = new Tuple(5, capacity);
    const how = new Tuple(5, capacity);
    const when = new Tuple(2, capacity);
    const days = new Tuple(1, capacity);
    this.tuples = [about, how, when, days];
    this.source = new Column<string>(about, 0);
    this.department = new Column<string>(about, 1);
    this.service = new Column<string | null>(about, 2);
    this.category = new Column<string>(about, 3);
    this.district = new Column<string | null>(about, 4);
    this.channel = new Column<Channel>(how, 0);
    this.clientType = new Column<ClientType>(how, 1);
    this.status = new Column<Status>(how, 2);
    this.rating = new Column<number | null>(how, 3);
    this.flags = new Column<number>(how, 4);
    this.date = new Column<string>(when, 0);
    this.month = new Column<string>(when, 1);
    this.workingDays = new Column<number | null>(days, 0);
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
    this.flags.push((d.closed ? 1 : 0) | ((d.onTime === null ? 0 : d.onTime ? 2 : 1) << 1));
    for (const t of this.tuples) t.commit();
    this.n++;
  }

  /**
   * add(d) with the request's codes (`c`, of d.request) and its month's and date's (`k`): the
   * stored columns' codes are found per code, not per value (the same rows as add(d) stores).
   * Every addCoded call to one accumulator must use the same coding (one coder: a code is
   * remembered as the value it first came with); add(d) may be mixed in.
   */
  addCoded(d: Derived, c: CodedRow, k: RowKey): void {
    const r = d.request;
    const [about, how, when, days] = this.tuples as [Tuple, Tuple, Tuple, Tuple];
    // Each tuple's code from the caller's codes of its columns when that combination came before.
    const aboutBy = this.aboutBy;
    const a = aboutBy.combos.pending;
    a[0] = c.sourceCode;
    a[1] = c.departmentCode;
    a[2] = c.serviceCode + 1;
    a[3] = c.categoryCode;
    a[4] = c.districtCode;
    let t = aboutBy.lookup();
    if (t < 0) {
      this.source.pushCoded(c.sourceCode, r.source);
      this.department.pushCoded(c.departmentCode, r.department);
      // No service: code -1, which no array holds; null has its own code in the column.
      if (c.serviceCode < 0) this.service.push(null);
      else this.service.pushCoded(c.serviceCode, r.service);
      this.category.pushCoded(c.categoryCode, r.category);
      this.district.pushCoded(c.districtCode, r.district);
      t = aboutBy.remember(about.combos.code());
    }
    about.codes.push(t);
    const rating = r.rating;
    const ratingSmall = rating === null || (Number.isInteger(rating) && rating >= 0 && rating < SMALL);
    const flags = (d.closed ? 1 : 0) | ((d.onTime === null ? 0 : d.onTime ? 2 : 1) << 1);
    const howBy = this.howBy;
    const h = howBy.combos.pending;
    h[0] = c.channelCode;
    h[1] = c.clientTypeCode;
    h[2] = c.statusCode;
    // Small whole numbers are their own codes (null 0, n as n + 1); others are looked up by value.
    h[3] = rating === null ? 0 : ratingSmall ? rating + 1 : -1;
    h[4] = flags;
    // Every caller code below 8 (as channels, client types, statuses, ratings and flags are): the tuple code by them at once.
    const ch = c.channelCode;
    const ct = c.clientTypeCode;
    const st = c.statusCode;
    const rt = h[3] ?? -1;
    const small = (ch | ct | st | rt | flags) >>> 0 < DIRECT_RADIX;
    const at = small ? (((ch * DIRECT_RADIX + ct) * DIRECT_RADIX + st) * DIRECT_RADIX + rt) * DIRECT_RADIX + flags : -1;
    t = at >= 0 ? (this.howDirect[at] ?? -1) : -1;
    if (t < 0 && ratingSmall) t = howBy.lookup();
    if (t < 0) {
      this.channel.pushCoded(c.channelCode, r.channel);
      this.clientType.pushCoded(c.clientTypeCode, r.clientType);
      this.status.pushCoded(c.statusCode, r.status);
      if (rating === null) this.rating.pushCoded(0, null);
      else if (ratingSmall) this.rating.pushCoded(rating + 1, rating);
      else this.rating.push(rating);
      this.flags.pushCoded(flags, flags);
      t = how.combos.code();
      if (ratingSmall) howBy.remember(t);
    }
    if (at >= 0) this.howDirect[at] = t;
    how.codes.push(t);
    // The previous row's date (rows come in runs of one date), else by the caller's codes.
    if (k.dateCode !== this.lastDate || k.monthCode !== this.lastMonth || this.lastWhen < 0) {
      const whenBy = this.whenBy;
      const w = whenBy.combos.pending;
      w[0] = k.dateCode;
      w[1] = k.monthCode;
      t = whenBy.lookup();
      if (t < 0) {
        this.date.pushCoded(k.dateCode, d.submittedDate);
        this.month.pushCoded(k.monthCode, d.month);
        t = whenBy.remember(when.combos.code());
      }
      this.lastDate = k.dateCode;
      this.lastMonth = k.monthCode;
      this.lastWhen = t;
    }
    when.codes.push(this.lastWhen);
    const wd = d.workingDays;
    if (wd === null) this.workingDays.pushCoded(0, null);
    else if (Number.isInteger(wd) && wd >= 0 && wd < SMALL) this.workingDays.pushCoded(wd + 1, wd);
    else this.workingDays.push(wd);
    days.commit();
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
    const pub = this.published();
    const { rung, eligible } = this.rungs(pub, inSuppressedCell);
    const byRung = LADDER.map(() => 0);
    let m = 0;
    for (let row = 0; row < this.n; row++) {
      const level = rung[row] ?? -1;
      if (level < 0) continue;
      byRung[level] = (byRung[level] ?? 0) + 1;
      m++;
    }
    // The published rows in the order added (as the eligible rows were: rung -1 outside them).
    const kept = new Int32Array(m);
    for (let row = 0, j = 0; row < this.n; row++) if ((rung[row] ?? -1) >= 0) kept[j++] = row;
    // Rows in record order. Texts holding the key separators: order by the joined sort key itself (stable, as ever).
    const order = pub.plain ? radixOrder(kept, this.sortColumns(pub), rung) : this.keyOrder(pub, kept, rung);
    const records = new RecordTable(order.length, (i) => {
      const row = order[i] ?? 0;
      return this.record(pub, row, rung[row] ?? 0, i + 1);
    });
    const withheld = this.n - records.length;
    return { records, withheld, stats: { withheld, withheldInSuppressedCells: this.n - eligible, byRung } };
  }

  /**
   * The rung of each row (-1: withheld) and how many rows are outside suppressed cells. Its own
   * function so that the eligible rows and the base groups (4 bytes a row each) die on return.
   */
  private rungs(pub: Published, inSuppressedCell?: (d: RecordCellView) => boolean): { rung: Int16Array; eligible: number } {
    const rows = this.eligibleRows(inSuppressedCell);
    const eligible = rows.length;
    // Each rung's groups as runs of one order, where the ladder nests so (it does as configured).
    const runs = pub.plain ? this.ladderRuns(pub) : undefined;
    if (runs !== undefined) {
      const { sorted, split } = sortedRuns(rows, runs.columns);
      const rung = assignRungsByRuns(this.n, sorted, split, runs.cut, this.k);
      // Freed now, not at the next full GC: the record order is sorted next, with buffers as large.
      free(sorted, split);
      return { rung, eligible };
    }
    const base = pub.plain ? this.baseGroups(pub) : undefined;
    // Every level's grouping writes its ids here (4 bytes a row, once), not to arrays of its own left to the garbage collector.
    const scratch = { ids: new Int32Array(pub.plain ? this.n : 0) };
    // The ladder may reuse `rows` for the rows still open: nothing reads them after; each level's
    // ids (in scratch.ids) are read before the next level is grouped.
    const rung = assignRungsByGroup(this.n, rows, LADDER.length, (level, open) => this.groupsAt(pub, base, level, open, scratch), this.k, true);
    return { rung, eligible };
  }

  /**
   * Every rung's key as a prefix of one list of columns — the base parts, city, service, district,
   * week, day (those of the quasi-identifiers) — so that each rung's groups are runs of the rows
   * sorted on them (kanon's assignRungsByRuns): a finer value decides the coarser ones (a
   * district its city, a day its week, a row's month its date's month; checked on the values),
   * and each rung keeps a prefix. Undefined when the ladder or the values do not nest so.
   */
  private ladderRuns(pub: Published): { columns: SortColumn[]; cut: number[] } | undefined {
    const qi = this.qi;
    const column = <V>(col: Column<V>, map: Int32Array, size: number): SortColumn => ({ codes: col.rows, maps: [Int32Array.from(col.through(map) ?? map)], size });
    // The base parts first (in every rung's key), those of one tuple merged: one code to read a row per tuple.
    const base: SortColumn[] = [];
    for (const { codes, map, size } of this.baseParts(pub)) {
      const c: SortColumn = { codes, maps: [Int32Array.from(map ?? Array.from({ length: size }, (_, i) => i))], size };
      // Merged while a radix pass can sort on the product (its ranks stay small).
      const same = base.findIndex((b) => b.codes === codes && b.size * size <= DIGIT);
      if (same >= 0) base[same] = mergeColumns(base[same] as SortColumn, c);
      else base.push(c);
    }
    const named: [string, SortColumn][] = base.map((c) => ['base', c]);
    if (qi.has('district')) named.push(['city', column(this.district, pub.districtAt.city, pub.district.size)]);
    if (qi.has('service')) named.push(['service', column(this.service, pub.serviceAt.service, pub.service.size)]);
    if (qi.has('district')) named.push(['district', column(this.district, pub.districtAt.district, pub.district.size)]);
    if (qi.has('date')) named.push(['week', column(this.date, pub.periodAt.week, pub.period.size)], ['day', column(this.date, pub.periodAt.day, pub.period.size)]);
    const cut: number[] = [];
    for (const eff of pub.levels) {
      const inKey = new Set(['base', 'city']);
      if (eff.service === 'service') inKey.add('service');
      if (eff.district === 'district') inKey.add('district');
      if (eff.date !== 'month') inKey.add('week');
      if (eff.date === 'day') inKey.add('day');
      const n = named.filter(([name]) => inKey.has(name)).length;
      if (!named.every(([name], i) => inKey.has(name) === i < n)) return undefined;
      cut.push(n);
    }
    // What the prefixes leave out must follow from what they keep.
    // Date and month of each combination of the tuple that holds them both.
    const whenDate = this.date.through();
    const whenMonth = this.month.through();
    if (whenDate === undefined || whenMonth === undefined) return undefined;
    const nests =
      follows(pub.districtAt.district, pub.districtAt.city) &&
      follows(pub.periodAt.day, pub.periodAt.week) &&
      follows(whenMonth, Int32Array.from(whenDate, (d) => pub.periodAt.month[d] ?? 0)) &&
      pub.serviceAt.category.every((c) => c === pub.serviceAt.category[0]);
    return nests ? { columns: named.map(([, c]) => c), cut } : undefined;
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
    // One view refilled per row (the test keeps nothing of it): no two objects per request.
    const request = { department: '', service: null as string | null, channel: 'online' as Channel, clientType: 'citizen' as ClientType };
    const codes: CellCodes = { coding: {}, department: 0, service: -1, month: 0, date: 0, channel: 0, clientType: 0, workingDays: 0 };
    const view = { request, month: '', submittedDate: '', closed: false, workingDays: null as number | null, codes };
    // Each column's code through its tuple's code (typed arrays; the identity for a tuple of one
    // column), each read at its own site so that each site reads one kind of array; the values by code.
    const byRow = <V>(col: Column<V>): Int32Array => Int32Array.from(col.through() ?? Array.from({ length: col.dict.size }, (_, i) => i));
    const [departmentRows, serviceRows, channelRows, clientTypeRows, flagsRows, monthRows, dateRows, workingDaysRows] = [this.department.rows, this.service.rows, this.channel.rows, this.clientType.rows, this.flags.rows, this.month.rows, this.date.rows, this.workingDays.rows];
    const [departmentOf, serviceOf, channelOf, clientTypeOf, flagsOf, monthOf, dateOf, workingDaysOf] = [byRow(this.department), byRow(this.service), byRow(this.channel), byRow(this.clientType), byRow(this.flags), byRow(this.month), byRow(this.date), byRow(this.workingDays)];
    const flagValues = this.flags.dict.values;
    for (let row = 0; row < this.n; row++) {
      codes.department = departmentOf[departmentRows[row] ?? 0] ?? 0;
      const sc = serviceOf[serviceRows[row] ?? 0] ?? 0;
      codes.channel = channelOf[channelRows[row] ?? 0] ?? 0;
      codes.clientType = clientTypeOf[clientTypeRows[row] ?? 0] ?? 0;
      codes.month = monthOf[monthRows[row] ?? 0] ?? 0;
      codes.date = dateOf[dateRows[row] ?? 0] ?? 0;
      codes.workingDays = workingDaysOf[workingDaysRows[row] ?? 0] ?? 0;
      request.department = this.department.dict.values[codes.department] ?? '';
      request.service = this.service.dict.values[sc] ?? null;
      codes.service = request.service === null ? -1 : sc;
      request.channel = this.channel.dict.values[codes.channel] ?? 'online';
      request.clientType = this.clientType.dict.values[codes.clientType] ?? 'citizen';
      view.month = this.month.dict.values[codes.month] ?? '';
      view.submittedDate = this.date.dict.values[codes.date] ?? '';
      view.closed = ((flagValues[flagsOf[flagsRows[row] ?? 0] ?? 0] ?? 0) & 1) === 1;
      view.workingDays = this.workingDays.dict.values[codes.workingDays] ?? null;
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

  /**
   * Group of each row on the key parts that no rung generalizes (published as stored); indexed by
   * row. Over every row, suppressed or not: grouping the eligible rows only would split them alike.
   */
  private baseGroups(pub: Published): Groups {
    return groupTuples(this.n, null, this.baseParts(pub));
  }

  /** The key parts that no rung generalizes (published as stored). */
  private baseParts(pub: Published): KeyPart[] {
    const parts: KeyPart[] = [whole(this.source), whole(this.department), whole(this.month), whole(this.category)];
    if (this.qi.has('channel')) parts.push(whole(this.channel));
    if (this.qi.has('clientType')) parts.push(mapped(this.clientType, pub.clientTypeOf, pub.clientType.size));
    return parts;
  }

  /** Groups of the open rows on every published quasi-identifier at a rung (as kanon's string keys group them). */
  private groupsAt(pub: Published, base: Groups | undefined, level: number, open: Int32Array, scratch: Scratch): Groups {
    const eff = pub.levels[level] as Levels;
    if (base === undefined) return groupsOf(Array.from(open, (row) => this.keyText(pub, eff, row)));
    const parts: KeyPart[] = [{ codes: base.ids, size: base.size }];
    if (this.qi.has('date')) parts.push(mapped(this.date, pub.periodAt[eff.date], pub.period.size));
    if (this.qi.has('district')) parts.push(mapped(this.district, pub.districtAt[eff.district], pub.district.size));
    if (this.qi.has('service')) parts.push(mapped(this.service, pub.serviceAt[eff.service], pub.service.size));
    // By month (part of every key, through the base groups): one month's keys in a table at a time.
    if (parts.reduce((range, p) => range * p.size, 1) <= Number.MAX_SAFE_INTEGER) return partitionedGroups(open, parts, whole(this.month), scratch.ids);
    return groupTuples(open.length, open, parts, Number.MAX_SAFE_INTEGER, scratch);
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
    return pub.period.values[pub.periodAt[eff.date][this.date.code(row)] ?? 0] ?? '';
  }

  private districtOf(pub: Published, eff: Levels, row: number): string {
    return pub.district.values[pub.districtAt[eff.district][this.district.code(row)] ?? 0] ?? '';
  }

  private serviceOf(pub: Published, eff: Levels, row: number): string {
    return pub.service.values[pub.serviceAt[eff.service][this.service.code(row)] ?? 0] ?? '';
  }

  /** The published record of a row at a rung. */
  private record(pub: Published, row: number, level: number, record: number): RequestRecord {
    const eff = pub.levels[level] as Levels;
    const status = this.status.value(row);
    const flags = this.flags.value(row);
    const onTime = flags >> 1;
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
      status: (flags & 1) === 1 || status === 'open' ? status : 'open',
      working_days: this.workingDays.value(row),
      on_time: onTime === 0 ? null : onTime === 2,
      rating: this.rating.value(row),
    };
  }

  /** The columns of sortKey, in its order, as ranks of the published values. */
  private sortColumns(pub: Published): SortColumn[] {
    // Each column's ranks are looked up from the code its row holds (its tuple's), through the tuple's map.
    const byCode = <V>(col: Column<V>, rank: Int32Array, size = rank.length): SortColumn => ({ codes: col.rows, maps: [Int32Array.from(col.through(rank) ?? rank)], size });
    const byRung = <V>(col: Column<V>, ranks: readonly Int32Array[], size: number): SortColumn => ({ codes: col.rows, maps: ranks.map((r) => Int32Array.from(col.through(r) ?? r)), size });
    const plain = <V extends string>(col: Column<V>): SortColumn => byCode(col, ranksOf(col.dict.values));
    const periodRank = ranksOf(pub.period.values);
    const districtRank = ranksOf(pub.district.values);
    const serviceRank = ranksOf(pub.service.values);
    const statusRank = ranksOf([...this.status.dict.values, 'open']);
    const openRank = statusRank[this.status.dict.size] ?? 0;
    // The published status: as stored when closed (or open), else open. Status and flags share a tuple.
    const flagsOf = this.flags.through() ?? [];
    const statusOf = this.status.through() ?? [];
    const published = Int32Array.from({ length: flagsOf.length }, (_, t) => (((this.flags.dict.values[flagsOf[t] ?? 0] ?? 0) & 1) === 1 ? (statusRank[statusOf[t] ?? 0] ?? 0) : openRank));
    const onTimeRank = ranksOf([boolText(null), boolText(false), boolText(true)]);
    return [
      plain(this.month),
      byRung(this.date, pub.levels.map((l) => compose(pub.periodAt[l.date], periodRank)), pub.period.size),
      plain(this.department),
      byRung(this.service, pub.levels.map((l) => compose(pub.serviceAt[l.service], serviceRank)), pub.service.size),
      plain(this.category),
      byRung(this.district, pub.levels.map((l) => compose(pub.districtAt[l.district], districtRank)), pub.district.size),
      plain(this.channel),
      byCode(this.clientType, compose(pub.clientTypeOf, ranksOf(pub.clientType.values)), pub.clientType.size),
      plain(this.source),
      { codes: this.status.rows, maps: [published], size: statusRank.length },
      byCode(this.workingDays, ranksOf(this.workingDays.dict.values.map(numText))),
      byCode(this.flags, Int32Array.from(this.flags.dict.values, (f) => onTimeRank[f >> 1] ?? 0), 3),
      byCode(this.rating, ranksOf(this.rating.dict.values.map(numText))),
    ];
  }
}

/** True when equal `finer` codes have equal `coarser` codes (index by index): the coarser value follows from the finer. */
function follows(finer: ArrayLike<number>, coarser: ArrayLike<number>): boolean {
  const seen = new Map<number, number>();
  for (let i = 0; i < finer.length; i++) {
    const f = finer[i] ?? 0;
    const c = coarser[i] ?? 0;
    const known = seen.get(f);
    if (known === undefined) seen.set(f, c);
    else if (known !== c) return false;
  }
  return true;
}

/**
 * `rows` sorted on `columns` (any order that keeps equal keys together: radixOrder's), and for
 * each position the first column where its row differs from the one before (columns.length: none).
 */
function sortedRuns(rows: Int32Array, columns: readonly SortColumn[]): { sorted: Int32Array; split: Uint8Array } {
  const sorted = radixOrder(rows, columns, new Int16Array(0));
  const split = new Uint8Array(sorted.length);
  for (let j = 1; j < sorted.length; j++) {
    const a = sorted[j - 1] ?? 0;
    const b = sorted[j] ?? 0;
    let c = 0;
    for (; c < columns.length; c++) {
      const { codes, maps } = columns[c] as SortColumn;
      const map = maps[0] as Int32Array;
      if (map[codes[a] ?? 0] !== map[codes[b] ?? 0]) break;
    }
    split[j] = c;
  }
  return { sorted, split };
}

/** A key part of a column's codes as stored. */
function whole<V>(col: Column<V>): KeyPart {
  const map = col.through();
  return map === undefined ? { codes: col.rows, size: col.dict.size } : { codes: col.rows, map, size: col.dict.size };
}

/** A key part of a column's codes mapped through `map` (column code → code below `size`). */
function mapped<V>(col: Column<V>, map: ArrayLike<number>, size: number): KeyPart {
  return { codes: col.rows, map: col.through(map) ?? map, size };
}

/** Builds the k-anonymous records; returns them numbered from 1, the number withheld and what was generalized. */
export function buildRecords(derived: readonly Derived[], opts: RecordOptions | number): { records: RequestRecord[]; withheld: number; stats: RecordStats } {
  const { inSuppressedCell, ...rest }: RecordOptions = typeof opts === 'number' ? { k: opts } : opts;
  const acc = new RecordsAccumulator(rest);
  for (const d of derived) acc.add(d);
  return acc.finish(inSuppressedCell);
}
