/**
 * An index of the identifier values seen at ingest (names, phones, ID numbers, emails, addresses),
 * compact enough for millions of them: a 10M-request build has ~20M values, which as JavaScript
 * strings in Sets took well over 1 GB. Here every value's characters sit in one of two flat pools
 * (one byte per character when all its characters are below U+0100, two otherwise), found through
 * an open-addressing table of 32-bit hashes and confirmed by comparing characters. A second table
 * maps each value's first three characters to the lengths of the values starting with them, so a
 * scan looks up at most those lengths at each position and allocates nothing. Most positions stop
 * at a table of which characters are first, second or third in some value, and a bit filter.
 *
 * Semantics (unchanged from the Set-based index): values are trimmed; values shorter than
 * `minLength` (at least 3) are ignored; duplicates count once in `size`; at each position of a
 * text the longest value starting there is reported.
 */
import type { Finding } from './detectors.ts';

/**
 * A copy of `match` that does not keep alive the text it was cut from: V8 represents a slice of 13
 * characters or more as a view of its parent, so a finding would hold a whole scan window.
 */
export function detached(match: string): string {
  return ` ${match}`.slice(1);
}

const EMPTY = -1;
/** Numbers per group in #groups: first character, second and third, length or start of lengths, count of lengths. */
const GROUP_FIELDS = 4;
/** Bit of a value reference telling that its characters are in the two-byte pool. */
const TWO_BYTE = 0x80000000;

/** FNV-1a step over one UTF-16 code unit; values and text are hashed one unit at a time with it. */
function step(h: number, c: number): number {
  return Math.imul(h ^ c, 0x01000193);
}
const SEED = 0x811c9dc5 | 0;

/** Spreads a 32-bit hash over the bits a power-of-two table uses (murmur3's finaliser). */
function mix(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** The fingerprint of a mixed hash kept above the value number in a table entry (`bits` of it, 0 to 30). */
function fingerprint(mixed: number, bits: number): number {
  return bits === 0 ? 0 : Math.imul(mixed, 0x9e3779b1) >>> (32 - bits);
}

/** A cheap hash of three characters for the filter in front of the group table. */
function filterHash(c0: number, c1: number, c2: number): number {
  return (Math.imul(c0, 0x9e3779b1) ^ Math.imul(c1, 0x85ebca77) ^ Math.imul(c2, 0xc2b2ae3d)) >>> 0;
}

function keyHash(c0: number, c1: number, c2: number): number {
  return mix(Math.imul(c0, 0x9e3779b1) ^ ((c1 << 16) | c2));
}

/** Smallest power of two ≥ 1.5n (a load factor of at most two thirds), at least 16. */
function tableSize(n: number): number {
  let size = 16;
  while (size < 1.5 * n) size *= 2;
  return size;
}

/** Grows a typed array to at least `need` elements, doubling, keeping the contents. */
function grown<T extends Uint8Array | Uint16Array | Int32Array>(a: T, need: number, make: (n: number) => T): T {
  if (need <= a.length) return a;
  let n = Math.max(16, a.length);
  while (n < need) n *= 2;
  const b = make(n);
  b.set(a);
  return b;
}

/** Sizes to start from, e.g. from the size of the file the values come from (memory is only committed as it is written). */
export interface KnownValuesCapacity {
  /** At least the number of values kept. */
  values?: number;
  /** At least the number of characters of the values kept. */
  chars?: number;
}

export class KnownValues {
  /** Distinct values kept. */
  readonly size: number;
  /** Length of the longest value kept (0 when none): a scan needs this many characters after a position to decide it. */
  readonly maxLength: number;

  // Pools of characters; a value is (ref, length): ref = offset in #one, or TWO_BYTE | offset in #two.
  #one: Uint8Array;
  #two: Uint16Array;
  #ref: Int32Array;
  #len: Int32Array;
  /**
   * Open-addressing table of distinct values by mix(hash + length): an entry is value number + 1 in
   * its low #indexBits bits and a fingerprint of the hash above them (0 when empty), so a probe
   * rejects a different value without reading it.
   */
  #table: Int32Array;
  #indexBits: number;
  /** Open-addressing table of group numbers by keyHash of the first three characters. */
  #groupTable: Int32Array;
  /**
   * GROUP_FIELDS numbers a group: its first character, its second and third (c1 << 16 | c2), and its
   * lengths: the length itself when it has one, else where its lengths (ascending) start in #lengths.
   */
  #groups: Int32Array;
  #lengths: Int32Array;
  /** Per UTF-16 code unit: bit 1 when it is the first character of a value, 2 the second, 4 the third. */
  #roles = new Uint8Array(65536);
  /** One bit per filterHash(first three characters) >>> #filterShift, set for every group: most text positions stop at it. */
  #filter: Int32Array;
  #filterShift: number;

  /** Values shorter than `minLength` (at least 3) are ignored: two-character names collide with ordinary words. */
  constructor(values: Iterable<string>, minLength = 3, capacity: KnownValuesCapacity = {}) {
    const min = Math.max(3, minLength);
    let one = new Uint8Array(capacity.chars ?? 1024);
    let two = new Uint16Array(1024);
    let ref = new Int32Array(capacity.values ?? 1024);
    let len = new Int32Array(capacity.values ?? 1024);
    let n = 0;
    let oneUsed = 0;
    let twoUsed = 0;
    for (const raw of values) {
      const v = raw.trim();
      if (v.length < min) continue;
      let wide = false;
      for (let k = 0; k < v.length; k++) if (v.charCodeAt(k) > 0xff) wide = true;
      ref = grown(ref, n + 1, (m) => new Int32Array(m));
      len = grown(len, n + 1, (m) => new Int32Array(m));
      if (wide) {
        two = grown(two, twoUsed + v.length, (m) => new Uint16Array(m));
        for (let k = 0; k < v.length; k++) two[twoUsed + k] = v.charCodeAt(k);
        ref[n] = TWO_BYTE | twoUsed;
        twoUsed += v.length;
      } else {
        one = grown(one, oneUsed + v.length, (m) => new Uint8Array(m));
        for (let k = 0; k < v.length; k++) one[oneUsed + k] = v.charCodeAt(k);
        ref[n] = oneUsed;
        oneUsed += v.length;
      }
      len[n] = v.length;
      n++;
    }
    this.#one = one;
    this.#two = two;
    this.#ref = ref;
    this.#len = len;

    // Distinct values into the table; a duplicate is left out of it (its characters stay in the pool, unused).
    let indexBits = 1;
    while (indexBits < 31 && 2 ** indexBits <= n + 1) indexBits++;
    this.#indexBits = indexBits;
    const fingerprintBits = 31 - indexBits;
    const indexMask = 2 ** indexBits - 1;
    this.#table = new Int32Array(tableSize(n));
    const mask = this.#table.length - 1;
    let distinct = 0;
    let maxLength = 0;
    // Groups grow as they come: their number is not known until every value has been seen.
    let groupTable = new Int32Array(16).fill(EMPTY);
    let groupKey0 = new Uint16Array(16);
    let groupKey12 = new Int32Array(16);
    let head = new Int32Array(16);
    let groups = 0;
    // Distinct (group, length) pairs as linked lists: node i has length nodeLen[i] and next nodeNext[i].
    let nodeLen = new Int32Array(16);
    let nodeNext = new Int32Array(16);
    let nodes = 0;
    for (let v = 0; v < n; v++) {
      const length = len[v] ?? 0;
      let h = SEED;
      for (let k = 0; k < length; k++) h = step(h, this.#charOf(v, k));
      const mixed = mix(h + length);
      const fp = fingerprint(mixed, fingerprintBits);
      let slot = mixed & mask;
      let duplicate = false;
      for (;;) {
        const entry = this.#table[slot] ?? 0;
        if (entry === 0) break;
        if (entry >>> indexBits === fp && this.#sameValues(v, (entry & indexMask) - 1)) {
          duplicate = true;
          break;
        }
        slot = (slot + 1) & mask;
      }
      if (duplicate) continue;
      this.#table[slot] = fp * 2 ** indexBits + v + 1;
      distinct++;
      if (length > maxLength) maxLength = length;

      if (1.5 * (groups + 1) > groupTable.length) {
        groupTable = new Int32Array(groupTable.length * 2).fill(EMPTY);
        const gmask = groupTable.length - 1;
        for (let g = 0; g < groups; g++) {
          let s = keyHash(groupKey0[g] ?? 0, (groupKey12[g] ?? 0) >>> 16, (groupKey12[g] ?? 0) & 0xffff) & gmask;
          while (groupTable[s] !== EMPTY) s = (s + 1) & gmask;
          groupTable[s] = g;
        }
      }
      const c0 = this.#charOf(v, 0);
      const c12 = (this.#charOf(v, 1) << 16) | this.#charOf(v, 2);
      const gmask = groupTable.length - 1;
      let s = keyHash(c0, c12 >>> 16, c12 & 0xffff) & gmask;
      let g = EMPTY;
      for (;;) {
        const at = groupTable[s] ?? EMPTY;
        if (at === EMPTY) break;
        if (groupKey0[at] === c0 && groupKey12[at] === c12) {
          g = at;
          break;
        }
        s = (s + 1) & gmask;
      }
      if (g === EMPTY) {
        g = groups++;
        groupTable[s] = g;
        groupKey0 = grown(groupKey0, groups, (m) => new Uint16Array(m));
        groupKey12 = grown(groupKey12, groups, (m) => new Int32Array(m));
        head = grown(head, groups, (m) => new Int32Array(m));
        groupKey0[g] = c0;
        groupKey12[g] = c12;
        head[g] = EMPTY;
      }
      let node = head[g] ?? EMPTY;
      while (node !== EMPTY && nodeLen[node] !== length) node = nodeNext[node] ?? EMPTY;
      if (node === EMPTY) {
        nodeLen = grown(nodeLen, nodes + 1, (m) => new Int32Array(m));
        nodeNext = grown(nodeNext, nodes + 1, (m) => new Int32Array(m));
        nodeLen[nodes] = length;
        nodeNext[nodes] = head[g] ?? EMPTY;
        head[g] = nodes++;
      }
    }
    this.size = distinct;
    this.maxLength = maxLength;
    this.#groupTable = groupTable;
    // Each group's key and lengths side by side (one cache line); lengths of groups with several, ascending, in one flat array.
    this.#groups = new Int32Array(GROUP_FIELDS * groups);
    const lengths: number[] = [];
    for (let g = 0; g < groups; g++) {
      const first = lengths.length;
      for (let node = head[g] ?? EMPTY; node !== EMPTY; node = nodeNext[node] ?? EMPTY) lengths.push(nodeLen[node] ?? 0);
      const count = lengths.length - first;
      const record = GROUP_FIELDS * g;
      this.#groups[record] = groupKey0[g] ?? 0;
      this.#groups[record + 1] = groupKey12[g] ?? 0;
      this.#groups[record + 3] = count;
      if (count === 1) this.#groups[record + 2] = lengths.pop() ?? 0;
      else {
        this.#groups[record + 2] = first;
        const sorted = lengths.slice(first).sort((a, b) => a - b);
        lengths.splice(first, count, ...sorted);
      }
    }
    this.#lengths = Int32Array.from(lengths);
    let bits = 20;
    while (bits < 30 && 2 ** bits < 8 * groups) bits++;
    this.#filter = new Int32Array(2 ** (bits - 5));
    this.#filterShift = 32 - bits;
    for (let g = 0; g < groups; g++) {
      const f = filterHash(groupKey0[g] ?? 0, (groupKey12[g] ?? 0) >>> 16, (groupKey12[g] ?? 0) & 0xffff) >>> this.#filterShift;
      this.#filter[f >>> 5] = (this.#filter[f >>> 5] ?? 0) | (1 << (f & 31));
      const c12 = groupKey12[g] ?? 0;
      const c0 = groupKey0[g] ?? 0;
      this.#roles[c0] = (this.#roles[c0] ?? 0) | 1;
      this.#roles[c12 >>> 16] = (this.#roles[c12 >>> 16] ?? 0) | 2;
      this.#roles[c12 & 0xffff] = (this.#roles[c12 & 0xffff] ?? 0) | 4;
    }
  }

  #charOf(v: number, k: number): number {
    const r = this.#ref[v] ?? 0;
    return r & TWO_BYTE ? (this.#two[(r & ~TWO_BYTE) + k] ?? 0) : (this.#one[r + k] ?? 0);
  }

  #sameValues(a: number, b: number): boolean {
    const length = this.#len[a] ?? 0;
    if (this.#len[b] !== length) return false;
    for (let k = 0; k < length; k++) if (this.#charOf(a, k) !== this.#charOf(b, k)) return false;
    return true;
  }

  /** The value number equal to text[i, i + length) whose hash is `h`, or EMPTY. */
  #lookup(text: string, i: number, length: number, h: number): number {
    const table = this.#table;
    const mask = table.length - 1;
    const indexBits = this.#indexBits;
    const mixed = mix(h + length);
    const fp = fingerprint(mixed, 31 - indexBits);
    for (let slot = mixed & mask; ; slot = (slot + 1) & mask) {
      const entry = table[slot] ?? 0;
      if (entry === 0) return EMPTY;
      if (entry >>> indexBits !== fp) continue;
      const v = (entry & (2 ** indexBits - 1)) - 1;
      if (this.#len[v] !== length) continue;
      const r = this.#ref[v] ?? 0;
      let k = 0;
      if (r & TWO_BYTE) {
        const base = r & ~TWO_BYTE;
        while (k < length && this.#two[base + k] === text.charCodeAt(i + k)) k++;
      } else {
        while (k < length && this.#one[r + k] === text.charCodeAt(i + k)) k++;
      }
      if (k === length) return v;
    }
  }

  /**
   * Finds the longest value starting at each position i in [from, to) of `text` and returns how many
   * positions have one; pushes each onto `out` as a finding at `offset + i` while `out` holds fewer
   * than `keep` (the others are only counted: a broken site can hold millions). A value must end
   * within `text`: positions closer than `maxLength` to the end of `text` are only decided when
   * `text` runs to the end of the scanned file.
   */
  scan(text: string, from: number, to: number, offset: number, out: Finding[], keep = Infinity): number {
    if (this.size === 0) return 0;
    let found = 0;
    const end = Math.min(to, text.length - 2);
    const groupTable = this.#groupTable;
    const groupRecords = this.#groups;
    const lengths = this.#lengths;
    const filter = this.#filter;
    const shift = this.#filterShift;
    const roles = this.#roles;
    const gmask = groupTable.length - 1;
    for (let i = from; i < end; i++) {
      const c2 = text.charCodeAt(i + 2);
      const role2 = roles[c2] ?? 0;
      // A character in no value's first three: no value starts at i, i + 1 or i + 2.
      if (role2 === 0) {
        i += 2;
        continue;
      }
      if ((role2 & 4) === 0) continue;
      const c1 = text.charCodeAt(i + 1);
      if (((roles[c1] ?? 0) & 2) === 0) continue;
      const c0 = text.charCodeAt(i);
      if (((roles[c0] ?? 0) & 1) === 0) continue;
      const f = filterHash(c0, c1, c2) >>> shift;
      if (((filter[f >>> 5] ?? 0) & (1 << (f & 31))) === 0) continue;
      const c12 = (c1 << 16) | c2;
      let s = keyHash(c0, c1, c2) & gmask;
      let g = groupTable[s] ?? EMPTY;
      while (g !== EMPTY && (groupRecords[GROUP_FIELDS * g] !== c0 || groupRecords[GROUP_FIELDS * g + 1] !== c12)) {
        s = (s + 1) & gmask;
        g = groupTable[s] ?? EMPTY;
      }
      if (g === EMPTY) continue;
      const count = groupRecords[GROUP_FIELDS * g + 3] ?? 0;
      const lengthInfo = groupRecords[GROUP_FIELDS * g + 2] ?? 0;
      let next = 0;
      let want = count === 1 ? lengthInfo : (lengths[lengthInfo] ?? 0);
      let best = 0;
      let h = SEED;
      for (let k = 0; i + k < text.length; k++) {
        h = step(h, text.charCodeAt(i + k));
        if (k + 1 < want) continue;
        if (this.#lookup(text, i, want, h) !== EMPTY) best = want;
        if (++next >= count) break;
        want = lengths[lengthInfo + next] ?? 0;
      }
      if (best > 0) {
        found++;
        if (out.length < keep) out.push({ kind: 'known-identifier', index: offset + i, match: detached(text.slice(i, i + best)) });
      }
    }
    return found;
  }

  /** Every occurrence of a known value in `text` (the longest at each position). */
  find(text: string): Finding[] {
    const found: Finding[] = [];
    this.scan(text, 0, text.length, 0, found);
    return found;
  }
}
