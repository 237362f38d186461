/**
 * The bytes of a large file, grown in place: text is appended a line at a time and encoded into
 * one resizable ArrayBuffer whenever the pending text passes about a mebibyte. No JS string ever
 * holds the whole file (V8 strings stop at ~512M characters; requests at 10M rows are larger),
 * and the file is never copied: the buffer's pages are committed as it grows, so memory follows
 * the bytes written (a list of chunks joined at the end would need twice that at the join).
 * The bytes equal Buffer.from(all appended text joined, 'utf8') as long as no surrogate pair is
 * split between two appends (append whole lines).
 */
import { GZIP_MAX_INPUT } from './gzip.ts';

/** Pending text encoded at once, in UTF-16 code units (≈ bytes for ASCII lines). */
export const FLUSH_AT = 1 << 20;

/** Room added whenever the buffer is full (committed as written, so only a bound on resizes). */
const GROW = 64 << 20;

export interface GrowingBytesOptions {
  /** Pending text encoded at once, in UTF-16 code units (default FLUSH_AT; tests use tiny ones). */
  flushAt?: number;
  /** Most bytes the file may reach (default: what gzipDeterministic accepts); address space is reserved for it, not memory. */
  maxBytes?: number;
}

/** UTF-8 bytes appended to one growing buffer; take them out once with toBuffer(). */
export class GrowingBytes {
  private readonly flushAt: number;
  private readonly maxBytes: number;
  private readonly buffer: ArrayBuffer;
  private length = 0;
  private pending = '';
  private done = false;

  constructor(opts: GrowingBytesOptions = {}) {
    this.flushAt = opts.flushAt ?? FLUSH_AT;
    this.maxBytes = opts.maxBytes ?? GZIP_MAX_INPUT;
    if (!(this.flushAt >= 1)) throw new Error(`flushAt must be at least 1, not ${this.flushAt}`);
    this.buffer = new ArrayBuffer(0, { maxByteLength: this.maxBytes });
  }

  /** Appends text (whole lines, so a surrogate pair is never split between two encodings). */
  append(text: string): void {
    if (this.done) throw new Error('GrowingBytes: append after toBuffer()');
    this.pending += text;
    if (this.pending.length >= this.flushAt) this.flush();
  }

  /** Bytes appended so far. */
  get byteLength(): number {
    return this.length + Buffer.byteLength(this.pending, 'utf8');
  }

  /** All bytes, as a Buffer over the grown ArrayBuffer itself (no copy). Ends the appending. */
  toBuffer(): Buffer {
    this.flush();
    this.done = true;
    this.buffer.resize(this.length);
    return Buffer.from(this.buffer, 0, this.length);
  }

  private flush(): void {
    const text = this.pending;
    if (text === '') return;
    // A UTF-16 code unit takes at most 3 bytes of UTF-8 (a surrogate pair, 4 for 2 units).
    const most = this.length + 3 * text.length;
    if (most > this.buffer.byteLength) {
      const need = most <= this.maxBytes ? most : this.length + Buffer.byteLength(text, 'utf8');
      if (need > this.maxBytes) throw new Error(`a large file would pass ${this.maxBytes} bytes, the most one file may hold (gzip takes at most 4 GiB at once): publish the table in parts`);
      this.buffer.resize(Math.min(this.maxBytes, Math.max(need, this.buffer.byteLength + GROW)));
    }
    this.length += Buffer.from(this.buffer, this.length, this.buffer.byteLength - this.length).write(text, 'utf8');
    this.pending = '';
  }
}

/**
 * Frees the memory of a buffer nothing else reads at once, rather than at some later garbage
 * collection, when it owns its whole ArrayBuffer (never one of Node's shared pools): detaching
 * the ArrayBuffer releases its memory. The buffer reads as empty after. Returns whether it did.
 */
export function freeNow(bytes: Uint8Array): boolean {
  const buffer = bytes.buffer;
  if (!(buffer instanceof ArrayBuffer) || bytes.byteOffset !== 0 || buffer.byteLength !== bytes.byteLength || bytes.byteLength === 0) return false;
  try {
    buffer.transfer(0);
    return true;
  } catch {
    return false; // not detachable (e.g. a wasm memory): left to the garbage collector
  }
}
