/**
 * Text encodings of raw exports: `auto` decides by byte order mark, then by strict UTF-8
 * decoding of the first bytes (else GB18030). Decoding is always strict: bytes that are
 * not valid in the encoding fail with the byte offset, never as replacement characters.
 */
import { isUtf8 } from 'node:buffer';
import { createReadStream } from 'node:fs';

/** Encodings a source may declare. */
export const encodings = ['auto', 'utf-8', 'gb18030', 'gbk', 'utf-16le', 'utf-16be'] as const;
export type Encoding = (typeof encodings)[number];

/** The encoding named by a byte order mark at the start of `head`, or null. */
export function bomEncoding(head: Uint8Array): 'utf-8' | 'utf-16le' | 'utf-16be' | null {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8';
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  return null;
}

/** Resolves `auto` from the first bytes of a file: BOM, else valid UTF-8, else GB18030. */
export function detectEncoding(head: Uint8Array): Exclude<Encoding, 'auto'> {
  const bom = bomEncoding(head);
  if (bom) return bom;
  try {
    // A multi-byte character may be cut at the end of the sample: stream mode tolerates that.
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return 'utf-8';
  } catch {
    return 'gb18030';
  }
}

/** First `n` bytes of `path`. */
export async function readHead(path: string, n = 64 * 1024): Promise<Uint8Array> {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const chunk of createReadStream(path, { start: 0, end: n - 1 })) {
    parts.push(chunk as Buffer);
    size += (chunk as Buffer).length;
  }
  return new Uint8Array(Buffer.concat(parts, size));
}

/** Offset (within `bytes`) of the first byte at which a strict decoder in `encoding` fails, continuing `prior` bytes. */
function failingOffset(encoding: string, prior: readonly Uint8Array[], bytes: Uint8Array): number {
  const d = new TextDecoder(encoding, { fatal: true });
  for (const p of prior) d.decode(p, { stream: true });
  for (let i = 0; i < bytes.length; i++) {
    try {
      d.decode(bytes.subarray(i, i + 1), { stream: true });
    } catch {
      return i;
    }
  }
  return bytes.length;
}

/** Thrown when bytes are not valid in the declared encoding; `offset` is the byte offset in the file. */
export class EncodingError extends Error {
  readonly offset: number;
  constructor(message: string, offset: number, cause: unknown) {
    super(message, { cause });
    this.offset = offset;
  }
}

/**
 * Length of `bytes` without a trailing UTF-8 sequence that the bytes after it might complete
 * (at most 3 bytes are held back; whether they are valid is decided when they are complete).
 */
export function completeUtf8Length(bytes: Uint8Array): number {
  const n = bytes.length;
  for (let back = 1; back <= 3 && back <= n; back++) {
    const b = bytes[n - back] ?? 0;
    if ((b & 0xc0) === 0x80) continue; // a continuation byte: look further back
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return need > back ? n - back : n;
  }
  return n;
}

function encodingError(path: string, encoding: string, at: number, cause: unknown): EncodingError {
  return new EncodingError(
    `${path}: byte offset ${at}: the bytes are not valid ${encoding} (hint: set "encoding" in the source description: auto, utf-8, gb18030, utf-16le or utf-16be)`,
    at,
    cause,
  );
}

function truncatedError(path: string, encoding: string, offset: number, cause: unknown): EncodingError {
  return new EncodingError(`${path}: byte offset ${offset}: the file ends inside a ${encoding} character (hint: the file may be truncated)`, offset, cause);
}

/**
 * Decoded text chunks of `path` in `encoding` (already resolved, not `auto`); a BOM is dropped.
 * `onBytes` is told how many bytes were read (for progress).
 */
export async function* decodeFile(path: string, encoding: string, chunkSize: number, onBytes?: (n: number) => void): AsyncGenerator<string> {
  if (encoding === 'utf-8') {
    yield* decodeUtf8File(path, chunkSize, onBytes);
    return;
  }
  const decoder = new TextDecoder(encoding, { fatal: true });
  let offset = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: chunkSize })) {
    const bytes = chunk as Buffer;
    let text: string;
    try {
      text = decoder.decode(bytes, { stream: true });
    } catch (e) {
      // Re-decode from the start of the file to find the exact failing byte (only on failure).
      throw encodingError(path, encoding, await locate(path, encoding, offset, bytes), e);
    }
    offset += bytes.length;
    onBytes?.(bytes.length);
    if (text) yield text;
  }
  try {
    const rest = decoder.decode();
    if (rest) yield rest;
  } catch (e) {
    throw truncatedError(path, encoding, offset, e);
  }
}

/** The error a strict decoder gives for invalid UTF-8 `bytes` (the cause of an EncodingError). */
function decodeFailure(bytes: Uint8Array): unknown {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (e) {
    return e;
  }
  return new TypeError('invalid UTF-8');
}

/**
 * UTF-8 as `decodeFile` decodes it, with the same text and errors, but faster: each chunk up to
 * its last complete character is validated at once (`isUtf8`) and converted without a
 * streaming decoder; the few bytes of a character cut by the chunk end wait for the next chunk.
 */
async function* decodeUtf8File(path: string, chunkSize: number, onBytes?: (n: number) => void): AsyncGenerator<string> {
  /** File offset of the end of the bytes read so far. */
  let offset = 0;
  let carry: Buffer | null = null;
  let atStart = true;
  for await (const chunk of createReadStream(path, { highWaterMark: chunkSize })) {
    const read = chunk as Buffer;
    const bytes: Buffer = carry ? Buffer.concat([carry, read]) : read;
    const start = offset - (carry ? carry.length : 0);
    const cut = completeUtf8Length(bytes);
    const body = bytes.subarray(0, cut);
    if (!isUtf8(body)) throw encodingError(path, 'utf-8', await locate(path, 'utf-8', start, bytes), decodeFailure(body));
    carry = cut < bytes.length ? Buffer.from(bytes.subarray(cut)) : null;
    offset += read.length;
    onBytes?.(read.length);
    let text = body.toString('utf8');
    // Like TextDecoder: a byte order mark is dropped at the start of the stream only.
    if (atStart && text) {
      atStart = false;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    if (text) yield text;
  }
  if (carry) {
    const rest = carry;
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(rest, { stream: true });
    } catch (e) {
      throw encodingError(path, 'utf-8', await locate(path, 'utf-8', offset - rest.length, rest), e);
    }
    throw truncatedError(path, 'utf-8', offset, decodeFailure(rest));
  }
}

/** Byte offset in the file of the first invalid byte, given the failing chunk starts at `start`. */
async function locate(path: string, encoding: string, start: number, failing: Uint8Array): Promise<number> {
  const prior: Uint8Array[] = [];
  if (start > 0) {
    for await (const chunk of createReadStream(path, { start: 0, end: start - 1 })) prior.push(chunk as Buffer);
  }
  return start + failingOffset(encoding, prior, failing);
}
