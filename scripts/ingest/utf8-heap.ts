/**
 * Append-only UTF-8 storage for millions of short strings (request ids, identifier values):
 * the bytes go into 1 MiB chunks and a string is known by its start (a uint32: chunk * 1 MiB
 * + offset) and byte length, about 20 bytes for an 18-character id instead of a 40-byte
 * string object and its pointer. Only "plain" strings fit (see `isPlain`); callers keep the rest.
 */
import { hashBytes32 } from './hash.ts';

const SHIFT = 20;
const CHUNK = 1 << SHIFT;
/** The longest plain string, in UTF-16 code units (3 bytes each at most, and a length fits 16 bits). */
const MAX_CHARS = 0x5555;
/** Strings up to this many code units or bytes are encoded and copied in JavaScript (the scratch area holds at least this many bytes). */
const SHORT = 64;

export class Utf8Heap {
  private readonly chunks: Buffer[] = [];
  private fill = CHUNK;
  /** `encode` writes here. */
  private scratch = Buffer.allocUnsafe(256);

  /** True when `s` can be stored: well-formed UTF-16 (no lone surrogate) and at most 21,845 code units. */
  static isPlain(s: string): boolean {
    return s.length <= MAX_CHARS && s.isWellFormed();
  }

  /** Encodes plain `s` into the scratch area; returns its byte length (see `hashEncoded`, `sameAsEncoded`, `appendEncoded`). */
  encode(s: string): number {
    const n = s.length;
    if (n <= SHORT) {
      // ASCII in JavaScript (most ids): cheaper than a call into the native encoder.
      const out = this.scratch;
      let k = 0;
      for (; k < n; k++) {
        const c = s.charCodeAt(k);
        if (c >= 0x80) break;
        out[k] = c;
      }
      if (k === n) return n;
    }
    if (this.scratch.length < n * 3) this.scratch = Buffer.allocUnsafe(n * 3);
    return this.scratch.write(s, 0, 'utf8');
  }

  /** Hash of the first `n` encoded bytes. */
  hashEncoded(n: number, seed: number): number {
    return hashBytes32(this.scratch, 0, n, seed);
  }

  /** Stores the first `n` encoded bytes; returns their start. */
  appendEncoded(n: number): number {
    const start = this.room(n);
    this.copyEncoded(n);
    return start;
  }

  /**
   * Stores the first `n` encoded bytes after their length (2 bytes), so the caller keeps no
   * length of its own; returns the start, which `countedLength` reads and whose bytes are at start + 2.
   */
  appendEncodedCounted(n: number): number {
    const start = this.room(n + 2);
    const chunk = this.chunks[this.chunks.length - 1];
    if (chunk) {
      chunk[this.fill] = n & 0xff;
      chunk[this.fill + 1] = n >>> 8;
    }
    this.fill += 2;
    this.copyEncoded(n);
    return start;
  }

  /** Byte length of the string stored by `appendEncodedCounted` at `start`. */
  countedLength(start: number): number {
    const at = start & (CHUNK - 1);
    const chunk = this.chunks[start >>> SHIFT];
    return chunk ? (chunk[at] ?? 0) | ((chunk[at + 1] ?? 0) << 8) : 0;
  }

  /** Copies the first `n` encoded bytes to the fill point (room made) and advances it. */
  private copyEncoded(n: number): void {
    const chunk = this.chunks[this.chunks.length - 1];
    if (chunk && n <= SHORT) {
      const enc = this.scratch;
      for (let k = 0, at = this.fill; k < n; k++, at++) chunk[at] = enc[k] ?? 0;
    } else if (chunk) this.scratch.copy(chunk, this.fill, 0, n);
    this.fill += n;
  }

  /** Stores plain `s` (without the scratch copy); returns its start, and its byte length in `lastLength`. */
  append(s: string): number {
    const start = this.room(s.length * 3);
    const chunk = this.chunks[this.chunks.length - 1];
    const n = chunk ? chunk.write(s, this.fill, 'utf8') : 0;
    this.fill += n;
    this.lastLength = n;
    return start;
  }

  /** Byte length of the string stored by the last `append`. */
  lastLength = 0;

  /** The string stored at `start` with `n` bytes. */
  decode(start: number, n: number): string {
    const at = start & (CHUNK - 1);
    return this.chunks[start >>> SHIFT]?.toString('utf8', at, at + n) ?? '';
  }

  /** Hash of the `n` bytes stored at `start` (equals `hashEncoded` of the same string). */
  hashAt(start: number, n: number, seed: number): number {
    const at = start & (CHUNK - 1);
    const chunk = this.chunks[start >>> SHIFT];
    return chunk ? hashBytes32(chunk, at, at + n, seed) : hashBytes32(this.scratch, 0, 0, seed);
  }

  /** True when the `n` bytes at `start` equal the first `n` encoded bytes. */
  sameAsEncoded(start: number, n: number): boolean {
    const at = start & (CHUNK - 1);
    const chunk = this.chunks[start >>> SHIFT];
    if (!chunk) return n === 0;
    const enc = this.scratch;
    // From the end: sequential ids usually differ in their last characters.
    for (let k = n - 1; k >= 0; k--) if (chunk[at + k] !== enc[k]) return false;
    return true;
  }

  /** Bytes held. */
  bytes(): number {
    return this.chunks.length * CHUNK;
  }

  /** The start of `n` free bytes, opening a chunk when the current one has less room. */
  private room(n: number): number {
    if (this.fill + n > CHUNK) {
      if (this.chunks.length >= 4095) throw new Error('Utf8Heap: more than 4 GiB of text (a limit of this version: please report it)');
      this.chunks.push(Buffer.allocUnsafeSlow(CHUNK));
      this.fill = 0;
    }
    return (this.chunks.length - 1) * CHUNK + this.fill;
  }
}
