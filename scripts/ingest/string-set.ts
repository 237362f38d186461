/**
 * A set of strings for millions of short values (the identifier values ingest collects for the
 * leak scan): UTF-8 in a Utf8Heap plus an open-addressing table of entry numbers, about 30 bytes
 * a value where a Set<string> of freshly parsed strings takes about 200. Exact: a hash match is
 * confirmed by comparing the bytes. Iterates the plain values in insertion order, then the rest.
 */
import { CodeColumn } from './columns.ts';
import { Utf8Heap } from './utf8-heap.ts';

/** Grow the table when it is this full. */
const MAX_LOAD = 0.75;

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
