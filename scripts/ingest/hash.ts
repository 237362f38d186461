/**
 * Non-cryptographic hashes for in-memory tables (request ids, duplicate rows, requester
 * grouping): a 64-bit hash made of two independent 32-bit mixes, FNV-1a and a murmur3-style
 * mix, each with murmur3's finalizer. Never written anywhere; not for security.
 */

/** The two 32-bit halves of a 64-bit hash (unsigned). */
export interface Hash64 {
  hi: number;
  lo: number;
}

/** murmur3's 32-bit finalizer: every input bit affects every output bit. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** One murmur3 round over a single unit `c`. */
function murmurStep(h: number, c: number): number {
  let k = Math.imul(c, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, 0x1b873593);
  h ^= k;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

/** 64-bit hash of `s` over its UTF-16 code units, written to `out` (no allocation). */
export function hashString(s: string, out: Hash64, seed = 0): Hash64 {
  let h1 = 0x811c9dc5 ^ seed;
  let h2 = 0x9747b28c ^ seed;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = murmurStep(h2, c);
  }
  out.hi = fmix32(h1 ^ s.length);
  out.lo = fmix32(h2 ^ s.length);
  return out;
}

/** 32-bit murmur3-style hash of `bytes[start, end)` (the low half of a byte-wise 64-bit hash). */
export function hashBytes32(bytes: Uint8Array, start: number, end: number, seed = 0): number {
  let h = 0x9747b28c ^ seed;
  for (let i = start; i < end; i++) h = murmurStep(h, bytes[i] ?? 0);
  return fmix32(h ^ (end - start));
}

/** 32-bit murmur3-style hash of two 32-bit integers (e.g. an id's shape and number). */
export function hashInts32(a: number, b: number, seed = 0): number {
  return fmix32(murmurStep(murmurStep(0x9747b28c ^ seed, a), b) ^ 8);
}

const HEX_DIGITS = '0123456789abcdef';
const hexCodes: number[] = new Array<number>(16).fill(0);

/** A 64-bit hash as 16 hex digits. */
export function hex64(hi: number, lo: number): string {
  for (let k = 0; k < 8; k++) {
    hexCodes[k] = HEX_DIGITS.charCodeAt((hi >>> (28 - 4 * k)) & 15);
    hexCodes[8 + k] = HEX_DIGITS.charCodeAt((lo >>> (28 - 4 * k)) & 15);
  }
  return String.fromCharCode(...hexCodes);
}
