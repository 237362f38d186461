/**
 * A set of strings for millions of short values (the identifier values ingest collects for the
 * leak scan): UTF-8 in a Utf8Heap plus an open-addressing table of entry numbers, about 30 bytes
 * a value where a Set<string> of freshly parsed strings takes about 200. Exact: a hash match is
 * confirmed by comparing the bytes. Iterates the plain values in insertion order, then the rest;
 * `sorted()` iterates them all in the order of Array.prototype.sort (UTF-16 code units) without
 * holding them as strings at once (a radix sort over entry numbers, values decoded as needed).
 */
import { CodeColumn } from './columns.ts';
import { Utf8Heap } from './utf8-heap.ts';

/** Grow the table when it is this full. */
const MAX_LOAD = 0.75;

/** Groups of at most this many values are sorted as strings (the radix sort handles larger ones). */
const SMALL_GROUP = 1 << 18;

/** Radix of one UTF-16 code unit in a sort digit: 0 marks the end of the value, c + 1 a unit c. */
const UNIT = 0x10001;

export class StringSet implements Iterable<string> {
  private readonly heap = new Utf8Heap();
  private readonly start = new CodeColumn(4);
  private readonly bytes = new CodeColumn(1);
  private n = 0;
  /** Entry + 1 per slot; 0 = empty. */
  private table = new Int32Array(1024);
  /** The empty string and values the heap cannot hold. */
  private readonly other = new Set<string>();

  /** Adds `s` (once). */
  add(s: string): this {
    if (s === '' || !Utf8Heap.isPlain(s)) {
      this.other.add(s);
      return this;
    }
    const len = this.heap.encode(s);
    const mask = this.table.length - 1;
    let slot = this.heap.hashEncoded(len, 0) & mask;
    for (let v = this.table[slot] ?? 0; v !== 0; v = this.table[slot] ?? 0) {
      if (this.bytes.get(v - 1) === len && this.heap.sameAsEncoded(this.start.get(v - 1), len)) return this;
      slot = (slot + 1) & mask;
    }
    this.start.set(this.n, this.heap.appendEncoded(len));
    this.bytes.set(this.n, len);
    this.n += 1;
    this.table[slot] = this.n;
    if (this.n > this.table.length * MAX_LOAD) this.grow();
    return this;
  }

  /** True when `s` was added. */
  has(s: string): boolean {
    if (s === '' || !Utf8Heap.isPlain(s)) return this.other.has(s);
    const len = this.heap.encode(s);
    const mask = this.table.length - 1;
    for (let slot = this.heap.hashEncoded(len, 0) & mask; ; slot = (slot + 1) & mask) {
      const v = this.table[slot] ?? 0;
      if (v === 0) return false;
      if (this.bytes.get(v - 1) === len && this.heap.sameAsEncoded(this.start.get(v - 1), len)) return true;
    }
  }

  /** Number of distinct values. */
  get size(): number {
    return this.n + this.other.size;
  }

  *[Symbol.iterator](): Iterator<string> {
    for (let e = 0; e < this.n; e++) yield this.heap.decode(this.start.get(e), this.bytes.get(e));
    yield* this.other;
  }

  /**
   * The values in the order of [...this].sort() (UTF-16 code units), decoded one at a time as
   * they are read: memory holds two numbers per value, not the values.
   */
  sorted(): Iterable<string> {
    const order = new Int32Array(this.n);
    for (let e = 0; e < this.n; e++) order[e] = e;
    this.sortRange(order, 0, this.n, 0);
    const others = [...this.other].sort();
    const value = (e: number) => this.heap.decode(this.start.get(e), this.bytes.get(e));
    return {
      *[Symbol.iterator]() {
        let k = 0;
        for (const e of order) {
          const v = value(e);
          // The plain values and the others are disjoint, so < decides.
          for (; k < others.length && (others[k] as string) < v; k++) yield others[k] as string;
          yield v;
        }
        for (; k < others.length; k++) yield others[k] as string;
      },
    };
  }

  /**
   * Sorts order[lo..hi) by value. Groups of entry numbers whose values agree on their first
   * `depth` code units are split most significant digit first, a digit being one or two code
   * units past `depth` (two while digit × group size stays an exact double), by a numeric sort of
   * digit × n + i; groups of up to SMALL_GROUP values (held as strings meanwhile) are sorted as
   * strings. A stack of groups, not recursion, so long shared prefixes cannot overflow the call stack.
   */
  private sortRange(order: Int32Array, from: number, to: number, startDepth: number): void {
    const decode = (e: number) => this.heap.decode(this.start.get(e), this.bytes.get(e));
    const groups: number[] = [from, to, startDepth];
    while (groups.length > 0) {
      const depth = groups.pop() as number;
      const hi = groups.pop() as number;
      const lo = groups.pop() as number;
      const n = hi - lo;
      if (n <= 1) continue;
      if (n <= SMALL_GROUP) {
        const entries = Array.from(order.subarray(lo, hi));
        const values = entries.map(decode);
        const idx = entries.map((_, i) => i).sort((a, b) => ((values[a] as string) < (values[b] as string) ? -1 : 1));
        idx.forEach((i, j) => (order[lo + j] = entries[i] as number));
        continue;
      }
      const units = n * UNIT * UNIT <= 2 ** 53 ? 2 : 1;
      const keys = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        const v = decode(order[lo + i] as number);
        let digit = 0;
        for (let u = 0; u < units; u++) digit = digit * UNIT + (depth + u < v.length ? v.charCodeAt(depth + u) + 1 : 0);
        keys[i] = digit * n + i;
      }
      keys.sort();
      const was = order.slice(lo, hi);
      let group = lo;
      let groupDigit = -1;
      for (let j = 0; j <= n; j++) {
        const k = j < n ? (keys[j] as number) : 0;
        const i = k % n;
        const digit = j < n ? (k - i) / n : -1;
        if (digit !== groupDigit) {
          // A group's values share the digit; a value that ended inside it is alone there (values are distinct).
          if (lo + j - group > 1) groups.push(group, lo + j, depth + units);
          group = lo + j;
          groupDigit = digit;
        }
        if (j < n) order[lo + j] = was[i] as number;
      }
    }
  }

  /** Bytes held by the text, offsets and table (for budgets and benchmarks). */
  memoryBytes(): number {
    return this.heap.bytes() + this.start.bytes() + this.bytes.bytes() + this.table.byteLength;
  }

  /** Doubles the table. */
  private grow(): void {
    this.table = new Int32Array(this.table.length * 2);
    const mask = this.table.length - 1;
    for (let e = 0; e < this.n; e++) {
      let slot = this.heap.hashAt(this.start.get(e), this.bytes.get(e), 0) & mask;
      while ((this.table[slot] ?? 0) !== 0) slot = (slot + 1) & mask;
      this.table[slot] = e + 1;
    }
  }
}
