/** Checksums and the sha256sum-format SHA256SUMS file. */
import { createHash } from 'node:crypto';

const hashes = new WeakMap<Uint8Array, string>();

/** Hex sha256 of bytes (memoized per buffer: published buffers are never mutated). */
export function sha256(bytes: Uint8Array): string {
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
export function sha256sums(files: ReadonlyMap<string, Uint8Array>): string {
  return [...files.keys()]
    .sort(byName)
    .map((name) => `${sha256(files.get(name) ?? new Uint8Array())}  ${name}\n`)
    .join('');
}
