/**
 * Growable typed-array columns for millions of rows, in chunks of 32,768 rows: a new chunk is
 * added when a row needs it, so nothing is copied and at most one chunk is part-empty. Each
 * column starts narrow and widens once when a value needs it; reads give back what was set.
 * A TupleColumn holds several small codes per row as one code per distinct combination.
 */
import { free } from '../lib/free.ts';

/** Rows per chunk: every column grows by one chunk at a time (no copying, little slack). */
const SHIFT = 15;
const CHUNK = 1 << SHIFT;
const MASK = CHUNK - 1;

/** Unsigned codes, 1 byte each until a value needs 2 or 4 (the column then widens once). */
export class CodeColumn {
  private chunks: (Uint8Array | Uint16Array | Uint32Array)[] = [];
  private max: number;

  constructor(bytes: 1 | 2 | 4) {
    this.max = bytes === 1 ? 0xff : bytes === 2 ? 0xffff : 0xffffffff;
  }

  get(i: number): number {
    return this.chunks[i >>> SHIFT]?.[i & MASK] ?? 0;
  }

  set(i: number, v: number): void {
    if (v > this.max) this.widen(v);
    const k = i >>> SHIFT;
    while (this.chunks.length <= k) this.chunks.push(this.make());
    const c = this.chunks[k];
    if (c) c[i & MASK] = v;
  }

  bytes(): number {
    return this.chunks.reduce((n, c) => n + c.byteLength, 0);
  }

  private make(): Uint8Array | Uint16Array | Uint32Array {
    return this.max === 0xff ? new Uint8Array(CHUNK) : this.max === 0xffff ? new Uint16Array(CHUNK) : new Uint32Array(CHUNK);
  }

  private widen(v: number): void {
    if (v > 0xffffffff || v < 0 || !Number.isInteger(v)) throw new Error(`CodeColumn: code ${v} is not an unsigned 32-bit integer (a bug: please report it)`);
    this.max = v > 0xffff ? 0xffffffff : 0xffff;
    this.chunks = this.chunks.map((c) => {
      const wide = this.make();
      wide.set(c);
      return wide;
    });
  }
}

type NumberChunk = Int16Array | Int32Array | Float64Array;
/** Per integer width: the "null" value (the type's smallest, never stored as a value) and the largest value. */
const INT_NULL = { 16: -0x8000, 32: -0x80000000 } as const;
const INT_MAX = { 16: 0x7fff, 32: 0x7fffffff } as const;

/** Epoch ms of 2000-01-01: instants are stored as int32 seconds from here (1931..2068). */
const EPOCH_2000 = 946_684_800_000;

/** A column of instants (epoch ms; null allowed): whole seconds since 2000 in 4 bytes, widened for any other instant. */
export function instantColumn(): NumberColumn {
  return new NumberColumn(32, 1000, EPOCH_2000);
}

/**
 * Numbers or null. Stored as the integer (v - offset) / scale in an Int16 or Int32 while every
 * value so far is such an integer in range (whole seconds since 2000 for instants, whole counts);
 * the first value that is not widens the column for good, at most to Float64 (NaN = null there).
 * Reads always give back what was set.
 */
export class NumberColumn {
  private chunks: NumberChunk[] = [];
  private bits: 16 | 32 | 64;
  private readonly scale: number;
  private readonly offset: number;

  constructor(bits: 16 | 32, scale: number, offset: number) {
    this.bits = bits;
    this.scale = scale;
    this.offset = offset;
  }

  get(i: number): number | null {
    const x = this.chunks[i >>> SHIFT]?.[i & MASK];
    if (x === undefined) return null;
    if (this.bits === 64) return Number.isNaN(x) ? null : x;
    return x === INT_NULL[this.bits] ? null : x * this.scale + this.offset;
  }

  set(i: number, v: number | null): void {
    if (this.bits !== 64 && v !== null && !this.fits(v, this.bits)) this.widen(this.bits === 16 && this.fits(v, 32) ? 32 : 64);
    const k = i >>> SHIFT;
    while (this.chunks.length <= k) this.chunks.push(this.make());
    const c = this.chunks[k];
    if (!c) return;
    if (this.bits === 64) c[i & MASK] = v ?? NaN;
    else c[i & MASK] = v === null ? INT_NULL[this.bits] : (v - this.offset) / this.scale;
  }

  bytes(): number {
    return this.chunks.reduce((n, c) => n + c.byteLength, 0);
  }

  /** Frees the column's memory now (lib/free.ts); it reads as empty afterwards. */
  dispose(): void {
    free(...this.chunks);
    this.chunks = [];
  }

  private make(): NumberChunk {
    return this.bits === 16 ? new Int16Array(CHUNK) : this.bits === 32 ? new Int32Array(CHUNK) : new Float64Array(CHUNK);
  }

  private fits(v: number, bits: 16 | 32): boolean {
    const x = (v - this.offset) / this.scale;
    return Number.isInteger(x) && x > INT_NULL[bits] && x <= INT_MAX[bits] && x * this.scale + this.offset === v && !Object.is(v, -0);
  }

  private widen(bits: 32 | 64): void {
    const from = this.bits;
    if (from === 64) return;
    this.bits = bits;
    this.chunks = this.chunks.map((c) => {
      const wide = this.make();
      for (let j = 0; j < c.length; j++) {
        const x = c[j] ?? INT_NULL[from];
        if (x === INT_NULL[from]) wide[j] = bits === 64 ? NaN : INT_NULL[bits];
        else wide[j] = bits === 64 ? x * this.scale + this.offset : x;
      }
      return wide;
    });
  }
}

/**
 * Several codes per row held as one: each distinct combination of them gets a code (first seen =
 * 0) in a CodeColumn, so small enumerations that vary together (source, channel, status, …) take
 * one or two bytes a row instead of one each. `get(i, f)` gives back code f as set.
 */
export class TupleColumn {
  private readonly rows = new CodeColumn(1);
  private readonly width: number;
  /**
   * Codes below it (all, in practice) pack into one integer below 2^28 as the map's key: a small
   * integer, which V8 keeps unboxed (a key past 2^31 would be a heap number: lookups 3 times as
   * slow). Rows with larger codes: 2^28 + the codes packed below 2^52 (wide), else text.
   */
  private readonly radix: number;
  private readonly wide: number;
  /** The codes of each combination, `width` at a time. */
  private readonly tuples: number[] = [];
  private readonly index = new Map<number | string, number>();
  private lastKey: number | string = -1;
  private lastCode = -1;

  /** `width` codes a row, at most 7. */
  constructor(width: number) {
    if (!(width >= 1 && width <= 7)) throw new RangeError(`TupleColumn: width ${width} is not 1..7`);
    this.width = width;
    this.radix = 2 ** Math.floor(28 / width);
    this.wide = 2 ** Math.floor(52 / width);
  }

  /** Code `f` of row `i`. */
  get(i: number, f: number): number {
    return this.tuples[this.rows.get(i) * this.width + f] ?? 0;
  }

  /** The combination code of row `i`: read its codes with `field` (one row look-up for all of them). */
  rowCode(i: number): number {
    return this.rows.get(i);
  }

  /** Code `f` of combination `code` (from `rowCode`). */
  field(code: number, f: number): number {
    return this.tuples[code * this.width + f] ?? 0;
  }

  /** Sets row `i` to the first `width` codes of `codes` (unsigned integers). */
  set(i: number, codes: readonly number[]): void {
    const small = this.key(codes, this.radix);
    const wide = small === null ? this.key(codes, this.wide) : null;
    const key: number | string = small ?? (wide === null ? codes.slice(0, this.width).join(',') : 2 ** 28 + wide);
    let code = key === this.lastKey ? this.lastCode : this.index.get(key);
    if (code === undefined) {
      code = this.index.size;
      this.index.set(key, code);
      for (let f = 0; f < this.width; f++) this.tuples.push(codes[f] ?? 0);
    }
    this.lastKey = key;
    this.lastCode = code;
    this.rows.set(i, code);
  }

  bytes(): number {
    return this.rows.bytes();
  }

  /** The codes packed in base `radix`, or null when one is not an integer below it. */
  private key(codes: readonly number[], radix: number): number | null {
    let key = 0;
    for (let f = 0; f < this.width; f++) {
      const c = codes[f] ?? 0;
      if (!(c >= 0 && c < radix) || !Number.isInteger(c)) return null;
      key = key * radix + c;
    }
    return key;
  }
}
