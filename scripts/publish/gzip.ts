/**
 * Deterministic gzip: fixed level, header mtime 0 and a fixed OS byte, whatever the machine.
 * gzipDeterministic compresses bytes held in memory; GzipStream gives the same bytes for input
 * that arrives in pieces (deflate without flushes emits the same stream however its input is cut),
 * compressed on zlib's thread pool so the main thread keeps formatting meanwhile.
 */
import { createGzip, gzipSync, type Gzip } from 'node:zlib';

/**
 * Largest input gzipped in one call. Node hands zlib the input length as a 32-bit count, so a
 * larger input would be silently cut to its length modulo 4 GiB (nodejs/node#60809). GzipStream
 * has no such limit: each piece is far smaller.
 */
export const GZIP_MAX_INPUT = 2 ** 32 - 1;

/** The published compression level (changing it changes every .gz file). */
const LEVEL = 9;

/** [position, byte] of the header bytes that vary by clock and machine: MTIME (4..7) and OS (9). */
const HEADER_FIXES: readonly (readonly [number, number])[] = [[4, 0], [5, 0], [6, 0], [7, 0], [9, 3]];

/**
 * Makes the RFC 1952 header reproducible in `chunk`, the piece of a gzip stream starting at byte
 * `offset`: bytes 4..7 are MTIME (0), byte 9 is OS (3, Unix). No header CRC is written, so
 * patching is safe.
 */
export function patchGzipHeader(chunk: Uint8Array, offset: number): void {
  for (const [at, value] of HEADER_FIXES) if (at >= offset && at < offset + chunk.byteLength) chunk[at - offset] = value;
}

/** Gzips bytes at level 9 with a reproducible header. */
export function gzipDeterministic(bytes: Uint8Array): Buffer {
  if (bytes.byteLength > GZIP_MAX_INPUT) {
    throw new Error(`cannot gzip ${bytes.byteLength} bytes in one piece: Node's zlib would silently truncate input past 4 GiB; publish the file in parts or gzip it with a streaming deflate`);
  }
  const out = gzipSync(bytes, { level: LEVEL });
  patchGzipHeader(out, 0);
  return out;
}

/** Output pieces zlib hands back at once (any size gives the same stream; larger means fewer round trips). */
const OUT_CHUNK = 1 << 18;

/**
 * gzipDeterministic of all the bytes written, compressed on zlib's thread pool as they come and
 * handed to `out` in order (header patched). Each write's promise settles once zlib has taken
 * that piece in, which callers use to bound the bytes waiting; end() settles after the last byte
 * was handed to `out`.
 */
export class GzipStream {
  private readonly zlib: Gzip;
  private offset = 0;
  private failure: Error | null = null;
  private readonly finished: Promise<void>;

  constructor(out: (bytes: Buffer) => void) {
    this.zlib = createGzip({ level: LEVEL, chunkSize: OUT_CHUNK });
    this.zlib.on('data', (chunk: Buffer) => {
      patchGzipHeader(chunk, this.offset);
      this.offset += chunk.byteLength;
      out(chunk);
    });
    this.finished = new Promise<void>((resolve, reject) => {
      this.zlib.on('end', resolve);
      this.zlib.on('error', reject);
    });
    // Kept for end(); a failure is also reported by the next write.
    this.finished.catch((err: unknown) => {
      this.failure = err instanceof Error ? err : new Error(String(err));
    });
  }

  /** Queues `bytes` (not to be modified after); settles when zlib has consumed them. */
  write(bytes: Uint8Array): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise<void>((resolve, reject) => {
      this.zlib.write(bytes, (err) => (err ? reject(err) : resolve()));
    });
  }

  /** Stops compressing (after a failure elsewhere); nothing more goes to `out`. */
  destroy(): void {
    this.zlib.removeAllListeners('data');
    this.zlib.destroy();
  }

  /** Ends the input; settles when every compressed byte has gone to `out`. */
  async end(): Promise<void> {
    this.zlib.end();
    await this.finished;
  }
}
