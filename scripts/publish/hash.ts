/** Checksums and the sha256sum-format SHA256SUMS file. */
import { createHash } from 'node:crypto';
import type { PublishedFile } from './stored-file.ts';

const hashes = new WeakMap<Uint8Array, string>();

/** Hex sha256 of a file's bytes (memoized per buffer: published buffers are never mutated; a stored file knows its own). */
export function sha256(bytes: PublishedFile): string {
  if (!(bytes instanceof Uint8Array)) return bytes.sha256;
  let h = hashes.get(bytes);
  if (h === undefined) {
    h = createHash('sha256').update(bytes).digest('hex');
    hashes.set(bytes, h);
  }
  return h;
}

/** Code-point order of names (locale-independent). */
export function byName(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** SHA256SUMS text: "<hex>  <name>" lines sorted by name, as `sha256sum -c` reads them. */
export function sha256sums(files: ReadonlyMap<string, PublishedFile>): string {
  return [...files.keys()]
    .sort(byName)
    .map((name) => `${sha256(files.get(name) ?? new Uint8Array())}  ${name}\n`)
    .join('');
}
