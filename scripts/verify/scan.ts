/**
 * Scans every file of a built site for personal data: HTML, JSON, CSV, JS, XML and the
 * gzip-compressed Pagefind index alike. Binary images and fonts are skipped. A file with the same
 * bytes as one scanned before (the release folders repeat every dataset) gets that file's
 * findings without a second scan.
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
import type { Finding, KnownValues } from './detectors.ts';
import { gunzipStream } from './gunzip-stream.ts';
import { TextScanner } from './text-scanner.ts';

export interface FileFinding extends Finding {
  /** Path relative to the scanned folder, with forward slashes. */
  file: string;
}

export interface ScanResult {
  files: number;
  bytes: number;
  findings: FileFinding[];
}

export interface ScanOptions {
  allowDomains: readonly string[];
  known: KnownValues;
  /** Bytes read from a file (and gunzipped, at least 64) at a time; tests use a few to cut characters and matches. */
  readBytes?: number;
  /** Characters of new text gathered before a window is scanned. */
  pieceChars?: number;
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

/** Decodes UTF-8 pieces as Buffer.toString('utf8') decodes the whole (a byte-order mark is kept) and scans the text in windows. */
async function scanBytes(pieces: AsyncIterable<Buffer>, opts: ScanOptions): Promise<Finding[]> {
  const pieceChars = opts.pieceChars ?? 1 << 22;
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  const scanner = new TextScanner(opts.allowDomains, opts.known);
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
  return scanner.findings();
}

/** True when `err` comes from zlib (bad or truncated gzip data), not from reading the file. */
function isZlibError(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('Z_');
}

/** Findings in one file and the SHA-256 of its bytes: its gunzipped text when it is gzip, its own text when not (or not really gzip). */
async function scanFile(path: string, size: number, opts: ScanOptions): Promise<{ findings: Finding[]; hash: string }> {
  const readBytes = opts.readBytes ?? 1 << 20;
  let gzip = false;
  if (size > 2) {
    const fh = await open(path, 'r');
    try {
      const head = Buffer.alloc(2);
      await fh.read(head, 0, 2, 0);
      gzip = head[0] === 0x1f && head[1] === 0x8b;
    } finally {
      await fh.close();
    }
  }
  if (gzip) {
    const hashing = { hash: createHash('sha256'), bytes: 0 };
    try {
      const findings = await scanBytes(gunzipStream(bytesOf(path, readBytes, hashing), readBytes), opts);
      // Should gunzip have stopped reading before the end of the file, hash the file on its own.
      return { findings, hash: hashing.bytes === size ? hashing.hash.digest('hex') : await hashOf(path, readBytes) };
    } catch (err) {
      if (!isZlibError(err)) throw err;
      // Not really gzip: scan the raw bytes.
    }
  }
  const hashing = { hash: createHash('sha256'), bytes: 0 };
  const findings = await scanBytes(bytesOf(path, readBytes, hashing), opts);
  return { findings, hash: hashing.hash.digest('hex') };
}

/** Scans all files under `root` for patterns and known identifier values. */
export async function scanDirectory(root: string, opts: ScanOptions): Promise<ScanResult> {
  const findings: FileFinding[] = [];
  // Findings by SHA-256 of the raw bytes: equal bytes give equal text, so equal findings. Only a
  // file as long as one scanned before can repeat one: only those are hashed before their scan.
  const scanned = new Map<string, Finding[]>();
  const sizes = new Set<number>();
  let files = 0;
  let bytes = 0;
  for (const { path, size } of walk(root)) {
    if (BINARY.test(path)) continue;
    files++;
    bytes += size;
    const file = relative(root, path).split(sep).join('/');
    let found: Finding[] | undefined;
    if (sizes.has(size)) found = scanned.get(await hashOf(path, opts.readBytes ?? 1 << 20));
    if (found === undefined) {
      const result = await scanFile(path, size, opts);
      found = result.findings;
      scanned.set(result.hash, found);
    }
    sizes.add(size);
    for (const f of found) findings.push({ ...f, file });
  }
  return { files, bytes, findings };
}
