/**
 * Text encodings of raw exports: `auto` decides by byte order mark, then by strict UTF-8
 * decoding of the first bytes (else GB18030). Decoding is always strict: bytes that are
 * not valid in the encoding fail with the byte offset, never as replacement characters.
 * Text comes in pieces of at most 64 KB that end at line feeds where the encoding allows, so
 * a CSV reader seldom joins a row across pieces and each piece stays in the processor's cache.
 */
import { isAscii, isUtf8, transcode } from 'node:buffer';
import { close, createReadStream, open, read } from 'node:fs';

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
 * Most bytes converted to one piece of text. Pieces this small stay in the processor's cache
 * while they are converted, split into rows and mapped; whole 1 MB pieces were markedly slower.
 */
const PIECE = 64 * 1024;

/**
 * Decoded text chunks of `path` in `encoding` (already resolved, not `auto`); a BOM is dropped.
 * `onBytes` is told how many bytes were read (for progress). Text comes in pieces of at most
 * `pieceBytes` bytes (tests use tiny pieces), ending at a line feed where the encoding allows.
 */
export async function* decodeFile(path: string, encoding: string, chunkSize: number, onBytes?: (n: number) => void, pieceBytes = PIECE): AsyncGenerator<string> {
  if (encoding === 'utf-8') {
    yield* decodeUtf8File(path, chunkSize, onBytes, pieceBytes);
    return;
  }
  const decoder = new TextDecoder(encoding, { fatal: true });
  // GB18030 and GBK never use byte 0x0A inside a character: their pieces may end at line feeds.
  const lines = encoding === 'gb18030' || encoding === 'gbk';
  const most = Math.max(4, pieceBytes);
  let offset = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: chunkSize })) {
    const bytes = chunk as Buffer;
    onBytes?.(bytes.length);
    for (let from = 0; from < bytes.length; ) {
      let cut = Math.min(bytes.length, from + most);
      if (lines && cut < bytes.length) cut = from + (bytes.subarray(from, cut).lastIndexOf(0x0a) + 1 || cut - from);
      let text: string;
      try {
        text = decoder.decode(bytes.subarray(from, cut), { stream: true });
      } catch (e) {
        // Re-decode from the start of the file to find the exact failing byte (only on failure).
        throw encodingError(path, encoding, await locate(path, encoding, offset + from, bytes.subarray(from)), e);
      }
      if (text) yield text;
      from = cut;
    }
    offset += bytes.length;
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
 * The text of `bytes`, which are valid UTF-8 (checked by the caller), exactly as
 * `bytes.toString('utf8')` gives it (a byte order mark is kept). Text that is not all ASCII is
 * converted to UTF-16 by `transcode` first: several times faster than `toString` for Chinese text.
 */
export function utf8Text(bytes: Buffer): string {
  if (bytes.length < 256 || isAscii(bytes)) return bytes.toString('utf8');
  try {
    return transcode(bytes, 'utf8', 'utf16le').toString('utf16le');
  } catch {
    // A Node built without ICU has no `transcode`.
    return bytes.toString('utf8');
  }
}

/**
 * UTF-8 as `decodeFile` decodes it, with the same text (in other pieces) and errors, but faster:
 * bytes are read into one reused buffer; each piece of at most `pieceBytes` bytes ends after its last
 * line feed (else after its last complete character), is validated at once (`isUtf8`) and
 * converted without a streaming decoder. The bytes after the cut wait for the next read, so a
 * CSV reader rarely has to join an incomplete row to the next piece.
 */
async function* decodeUtf8File(path: string, chunkSize: number, onBytes: ((n: number) => void) | undefined, pieceBytes: number): AsyncGenerator<string> {
  // A plain descriptor, not a FileHandle: a reader abandoned half-way must not warn when collected.
  const fd = await new Promise<number>((resolve, reject) => open(path, 'r', (e, n) => (e ? reject(e) : resolve(n))));
  try {
    let buf = Buffer.allocUnsafe(Math.max(2 * chunkSize, 8));
    /** Bytes at the start of `buf` carried over from the previous read. */
    let carried = 0;
    /** File offset of the end of the bytes read so far. */
    let offset = 0;
    let atStart = true;
    /** The text of valid bytes `buf[from, to)`, which end at a character boundary; throws naming the first invalid byte. */
    const text = async (from: number, to: number, end: number): Promise<string> => {
      const body = buf.subarray(from, to);
      // `locate` re-decodes from the start of the file: the error names the exact byte.
      if (!isUtf8(body)) throw encodingError(path, 'utf-8', await locate(path, 'utf-8', offset - end + from, buf.subarray(from, end)), decodeFailure(body));
      let t = utf8Text(body);
      // Like TextDecoder: a byte order mark is dropped at the start of the stream only.
      if (atStart && t) {
        atStart = false;
        if (t.charCodeAt(0) === 0xfeff) t = t.slice(1);
      }
      return t;
    };
    for (;;) {
      if (carried + chunkSize > buf.length) {
        const bigger = Buffer.allocUnsafe(2 * (carried + chunkSize));
        buf.copy(bigger, 0, 0, carried);
        buf = bigger;
      }
      const into = buf;
      const bytesRead = await new Promise<number>((resolve, reject) => read(fd, into, carried, chunkSize, null, (e, n) => (e ? reject(e) : resolve(n))));
      if (bytesRead === 0) break;
      offset += bytesRead;
      onBytes?.(bytesRead);
      const end = carried + bytesRead;
      let from = 0;
      for (;;) {
        const limit = Math.min(end, from + Math.max(4, pieceBytes));
        const window = buf.subarray(from, limit);
        let cut = from + window.lastIndexOf(0x0a) + 1;
        if (cut === from) cut = from + completeUtf8Length(window);
        if (cut === from) break;
        const t = await text(from, cut, end);
        if (t) yield t;
        from = cut;
      }
      buf.copy(buf, 0, from, end);
      carried = end - from;
    }
    if (carried > 0) {
      // The last line, without a line feed; then perhaps a character cut short by the end of the file.
      const cut = completeUtf8Length(buf.subarray(0, carried));
      if (cut > 0) {
        const t = await text(0, cut, carried);
        if (t) yield t;
      }
      if (cut < carried) {
        const rest = Buffer.from(buf.subarray(cut, carried));
        try {
          new TextDecoder('utf-8', { fatal: true }).decode(rest, { stream: true });
        } catch (e) {
          throw encodingError(path, 'utf-8', await locate(path, 'utf-8', offset - rest.length, rest), e);
        }
        throw truncatedError(path, 'utf-8', offset, decodeFailure(rest));
      }
    }
  } finally {
    await new Promise<void>((resolve) => close(fd, () => resolve()));
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
