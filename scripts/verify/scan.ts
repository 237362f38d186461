/**
 * Scans every file of a built site for personal data: HTML, JSON, CSV, JS, XML and the
 * gzip-compressed Pagefind index alike. Binary images and fonts are skipped. A file with the same
 * bytes as one scanned before (the release folders repeat every dataset), or a gzip file whose
 * gunzipped bytes are those of a plain file scanned before (requests.csv.gz), gets that file's
 * findings without a second scan.
 *
 * Only the first `limit` findings are kept, with exact counts of all: a site whose scrubbing let
 * every phone number through holds millions, which as objects took gigabytes and ran verify out of
 * memory before it could say why it failed.
 *
 * Files are read a piece at a time (gunzipped as a stream when gzip, decoded as UTF-8 without
 * cutting characters) and scanned by a TextScanner, so a 10M-request site (a 2.7 GB
 * requests.jsonl.gz text, past V8's string limit) scans in bounded memory, with the findings a
 * scan of each file's whole text gives: offsets count UTF-16 code units of that text.
 */
import { createHash, type Hash } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { addCounts, type Finding, type KindCounts, type KnownValues } from './detectors.ts';
import { gunzipStream } from './gunzip-stream.ts';
import { TextScanner } from './text-scanner.ts';

export interface FileFinding extends Finding {
  /** Path relative to the scanned folder, with forward slashes. */
  file: string;
}

export interface ScanResult {
  files: number;
  bytes: number;
  /** Files whose text was scanned: the others repeat the bytes, or the gunzipped text, of one of them. */
  texts: number;
  /** The first `limit` findings: files in walk order, each file's as TextScanner orders them. */
  findings: FileFinding[];
  /** How many findings there are in all, kept or not. */
  found: number;
  /** How many findings there are of each kind, kept or not. */
  foundByKind: KindCounts;
  /** How many findings each file with any has, kept or not, in walk order. */
  foundByFile: Map<string, number>;
}

export interface ScanOptions {
  allowDomains: readonly string[];
  known: KnownValues;
  /** Bytes read from a file (and gunzipped, at least 64) at a time; tests use a few to cut characters and matches. */
  readBytes?: number;
  /** Characters of new text gathered before a window is scanned. */
  pieceChars?: number;
  /** How many findings to keep (all are counted); 1000 when not given, more than any report shows. */
  limit?: number;
}

/** A scanned file's first findings (as many as there was room for when it was scanned) and its counts. */
interface Scanned {
  findings: Finding[];
  counts: KindCounts;
  found: number;
}

const BINARY = /\.(png|jpe?g|gif|webp|avif|ico|woff2?|ttf|otf|wasm|pdf|zip)$/i;

function* walk(dir: string): Generator<{ path: string; size: number }> {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    const st = statSync(path);
    if (st.isDirectory()) yield* walk(path);
    else if (st.isFile()) yield { path, size: st.size };
  }
}

/** A SHA-256 fed as a file is read, and how many bytes it was fed. */
interface Hashing {
  hash: Hash;
  bytes: number;
}

/** The bytes of a file a piece at a time, each piece also fed to `hashing` when given. */
async function* bytesOf(path: string, readBytes: number, hashing?: Hashing): AsyncGenerator<Buffer> {
  const fh = await open(path, 'r');
  try {
    // Most files are small: no larger buffers than the file needs (plus one byte to see its end).
    const size = Math.min(readBytes, (await fh.stat()).size + 1);
    for (;;) {
      // A fresh buffer each time: the consumer (gunzip) may hold a piece after the next read.
      const buf = Buffer.allocUnsafe(size);
      const { bytesRead } = await fh.read(buf, 0, size, null);
      if (bytesRead === 0) return;
      const piece = buf.subarray(0, bytesRead);
      if (hashing) {
        hashing.hash.update(piece);
        hashing.bytes += bytesRead;
      }
      yield piece;
    }
  } finally {
    await fh.close();
  }
}

/** SHA-256 of a file's bytes, read a piece at a time. */
async function hashOf(path: string, readBytes: number): Promise<string> {
  const hash = createHash('sha256');
  for await (const piece of bytesOf(path, readBytes)) hash.update(piece);
  return hash.digest('hex');
}

/**
 * Decodes UTF-8 pieces as Buffer.toString('utf8') decodes the whole (a byte-order mark is kept) and
 * scans the text in windows, keeping the first `keep` findings.
 */
async function scanBytes(pieces: AsyncIterable<Buffer>, opts: ScanOptions, keep: number): Promise<Scanned> {
  const pieceChars = opts.pieceChars ?? 1 << 22;
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  const scanner = new TextScanner(opts.allowDomains, opts.known, keep);
  let window = '';
  let base = 0;
  let fresh = 0;
  for await (const bytes of pieces) {
    const text = decoder.decode(bytes, { stream: true });
    window += text;
    fresh += text.length;
    if (fresh >= pieceChars) {
      const need = scanner.window(window, base, false);
      window = window.slice(need - base);
      base = need;
      fresh = 0;
    }
  }
  window += decoder.decode();
  scanner.window(window, base, true);
  const counts = scanner.counts();
  return { findings: scanner.findings(), counts, found: Object.values(counts).reduce((a, n) => a + n, 0) };
}

/** True when `err` comes from zlib (bad or truncated gzip data), not from reading the file. */
function isZlibError(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('Z_');
}

/** True when the file starts like gzip (and has more than two bytes), as the whole-file scan decided it. */
async function isGzip(path: string, size: number): Promise<boolean> {
  if (size <= 2) return false;
  const fh = await open(path, 'r');
  try {
    const head = Buffer.alloc(2);
    await fh.read(head, 0, 2, 0);
    return head[0] === 0x1f && head[1] === 0x8b;
  } finally {
    await fh.close();
  }
}

/** The uncompressed size modulo 2^32 a gzip file's trailer gives (its last member's only: a hint, never relied on). */
async function gzipSizeHint(path: string, size: number): Promise<number> {
  const fh = await open(path, 'r');
  try {
    const tail = Buffer.alloc(4);
    await fh.read(tail, 0, 4, Math.max(0, size - 4));
    return tail.readUInt32LE(0);
  } finally {
    await fh.close();
  }
}

/** SHA-256 of the text bytes of a gzip file: gunzipped, or its own bytes when it is not really gzip. */
async function gunzippedHashOf(path: string, readBytes: number): Promise<string> {
  const hash = createHash('sha256');
  try {
    for await (const piece of gunzipStream(bytesOf(path, readBytes), readBytes)) hash.update(piece);
    return hash.digest('hex');
  } catch (err) {
    if (!isZlibError(err)) throw err;
    return hashOf(path, readBytes);
  }
}

/**
 * The first `keep` findings in one file and its counts, and the SHA-256 of its bytes: its gunzipped
 * text when it is gzip, its own text when not (or not really gzip).
 */
async function scanFile(path: string, size: number, gzip: boolean, opts: ScanOptions, keep: number): Promise<{ scanned: Scanned; hash: string }> {
  const readBytes = opts.readBytes ?? 1 << 20;
  if (gzip) {
    const hashing = { hash: createHash('sha256'), bytes: 0 };
    try {
      const scanned = await scanBytes(gunzipStream(bytesOf(path, readBytes, hashing), readBytes), opts, keep);
      // Should gunzip have stopped reading before the end of the file, hash the file on its own.
      return { scanned, hash: hashing.bytes === size ? hashing.hash.digest('hex') : await hashOf(path, readBytes) };
    } catch (err) {
      if (!isZlibError(err)) throw err;
      // Not really gzip: scan the raw bytes.
    }
  }
  const hashing = { hash: createHash('sha256'), bytes: 0 };
  const scanned = await scanBytes(bytesOf(path, readBytes, hashing), opts, keep);
  return { scanned, hash: hashing.hash.digest('hex') };
}

/**
 * Scans all files under `root` for patterns and known identifier values, keeping the first `limit`
 * findings. A file's scan keeps only as many as there is still room for in the result, and its
 * entry in the maps of files scanned holds just those, which then all go into the result: so the
 * entries together hold at most `limit`. A repeat of the file takes from its entry as many as
 * there is room for then, which the entry holds, as room only shrinks.
 */
export async function scanDirectory(root: string, opts: ScanOptions): Promise<ScanResult> {
  const readBytes = opts.readBytes ?? 1 << 20;
  const limit = opts.limit ?? 1000;
  const findings: FileFinding[] = [];
  const foundByKind: KindCounts = {};
  const foundByFile = new Map<string, number>();
  let found = 0;
  // Scans by SHA-256 of the raw bytes: equal bytes give equal text, so equal findings. Only a file
  // as long as one scanned before can repeat one: only those are hashed before their scan.
  const byBytes = new Map<string, Scanned>();
  const sizes = new Set<number>();
  // Scans of plain files by SHA-256 of their bytes, which are their text: a gzip file whose
  // gunzipped bytes are equal (requests.csv.gz after requests.csv) has the same text, so the same
  // findings. Only a gzip file whose trailer gives the size of such a text is gunzipped to check.
  const byText = new Map<string, Scanned>();
  const textSizes = new Set<number>();
  let files = 0;
  let bytes = 0;
  let texts = 0;
  for (const { path, size } of walk(root)) {
    if (BINARY.test(path)) continue;
    files++;
    bytes += size;
    const file = relative(root, path).split(sep).join('/');
    let hash: string | null = null;
    let scanned: Scanned | undefined;
    if (sizes.has(size)) scanned = byBytes.get((hash = await hashOf(path, readBytes)));
    const gzip = await isGzip(path, size);
    if (scanned === undefined && gzip && textSizes.has(await gzipSizeHint(path, size))) {
      scanned = byText.get(await gunzippedHashOf(path, readBytes));
      // Its copies (latest/, releases/) are then found by their bytes, without gunzipping them.
      if (scanned !== undefined) hash ??= await hashOf(path, readBytes);
    }
    if (scanned === undefined) {
      const result = await scanFile(path, size, gzip, opts, limit - findings.length);
      texts++;
      scanned = result.scanned;
      hash = result.hash;
      if (!gzip) {
        byText.set(hash, scanned);
        textSizes.add(size % 2 ** 32);
      }
    }
    if (hash !== null) byBytes.set(hash, scanned);
    sizes.add(size);
    for (const f of scanned.findings.slice(0, limit - findings.length)) findings.push({ ...f, file });
    if (scanned.found > 0) {
      found += scanned.found;
      addCounts(foundByKind, scanned.counts);
      foundByFile.set(file, scanned.found);
    }
  }
  return { files, bytes, texts, findings, found, foundByKind, foundByFile };
}
