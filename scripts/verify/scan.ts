/**
 * Scans every file of a built site for personal data: HTML, JSON, CSV, JS, XML and the
 * gzip-compressed Pagefind index alike. Binary images and fonts are skipped. A file with the same
 * bytes as one scanned before (the release folders repeat every dataset) gets that file's
 * findings without a second scan.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { detectPatterns, type Finding, type KnownValues } from './detectors.ts';

export interface FileFinding extends Finding {
  /** Path relative to the scanned folder, with forward slashes. */
  file: string;
}

export interface ScanResult {
  files: number;
  bytes: number;
  findings: FileFinding[];
}

const BINARY = /\.(png|jpe?g|gif|webp|avif|ico|woff2?|ttf|otf|wasm|pdf|zip)$/i;

function* walk(dir: string): Generator<string> {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    const st = statSync(path);
    if (st.isDirectory()) yield* walk(path);
    else if (st.isFile()) yield path;
  }
}

/** The text of a file: gunzipped when it is gzip, null for binary formats. */
export function textOf(path: string, bytes: Buffer): string | null {
  if (BINARY.test(path)) return null;
  let buf = bytes;
  if (buf.length > 2 && buf[0] === 0x1f && buf[1] === 0x8b) {
    try {
      buf = gunzipSync(buf);
    } catch {
      // not really gzip: scan the raw bytes
    }
  }
  return buf.toString('utf8');
}

/** Scans all files under `root` for patterns and known identifier values. */
export function scanDirectory(root: string, opts: { allowDomains: readonly string[]; known: KnownValues }): ScanResult {
  const findings: FileFinding[] = [];
  // Findings by SHA-256 of the raw bytes: equal bytes give equal text, so equal findings.
  const scanned = new Map<string, Finding[]>();
  let files = 0;
  let bytes = 0;
  for (const path of walk(root)) {
    const raw = readFileSync(path);
    if (BINARY.test(path)) continue;
    files++;
    bytes += raw.length;
    const file = relative(root, path).split(sep).join('/');
    const hash = createHash('sha256').update(raw).digest('hex');
    let found = scanned.get(hash);
    if (found === undefined) {
      const text = textOf(path, raw) ?? '';
      found = [...detectPatterns(text, opts.allowDomains), ...opts.known.find(text)];
      scanned.set(hash, found);
    }
    for (const f of found) findings.push({ ...f, file });
  }
  return { files, bytes, findings };
}
