/**
 * The requester hash of a request row, fast: the same 64-bit value as store.ts's
 * `requesterHash` (hash.ts's `hashString` of anonymize/hmac.ts's `keyMaterial`), computed
 * without building the key material when the ID number, or else the phone, is plain ASCII (the
 * usual case): their normalization (NFKC, no white space, case) then reduces to dropping or
 * mapping code units, which are fed to the hash one by one. Anything else takes `keyMaterial`.
 */
import { keyMaterial } from '../anonymize/hmac.ts';
import type { Identifiers } from './canonical.ts';
import { hashString, type Hash64 } from './hash.ts';

// hashString's (hash.ts) two mixes, one code unit at a time (pure, so they inline); the finalizer is the same.
const FNV_START = 0x811c9dc5;
const MURMUR_START = 0x9747b28c;

function fnvStep(h: number, c: number): number {
  return Math.imul(h ^ c, 0x01000193);
}

function murmurStep(h: number, c: number): number {
  let k = Math.imul(c, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, 0x1b873593);
  h ^= k;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** The prefixes' hash states, computed once: [fnv, murmur]. */
function prefixState(prefix: string): [number, number] {
  let a = FNV_START;
  let b = MURMUR_START;
  for (let i = 0; i < prefix.length; i++) {
    a = fnvStep(a, prefix.charCodeAt(i));
    b = murmurStep(b, prefix.charCodeAt(i));
  }
  return [a, b];
}

const [ID_FNV, ID_MURMUR] = prefixState('id:');
const [PHONE_FNV, PHONE_MURMUR] = prefixState('phone:');

/** Whether every code unit of `s` is printable ASCII other than the space (NFKC leaves it, `\s` does not match it). */
function isPlainAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x21 || c > 0x7e) return false;
  }
  return true;
}

/** Whether every code unit of `s` is ASCII (NFKC leaves it). */
function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return false;
  return true;
}

/** The 64-bit hash of the requester's key material (equal to store.ts's `requesterHash(ids)`), or null when there is none. */
export function hashRequester(ids: Identifiers): Hash64 | null {
  const idNumber = ids.idNumber;
  if (idNumber) {
    if (!isPlainAscii(idNumber)) return slow(ids);
    // "id:" + plain(idNumber).toUpperCase(): for printable ASCII, the upper case of each unit.
    let fnv = ID_FNV;
    let murmur = ID_MURMUR;
    for (let i = 0; i < idNumber.length; i++) {
      let c = idNumber.charCodeAt(i);
      if (c >= 0x61 && c <= 0x7a) c -= 0x20;
      fnv = fnvStep(fnv, c);
      murmur = murmurStep(murmur, c);
    }
    const n = 3 + idNumber.length;
    return { hi: fmix32(fnv ^ n), lo: fmix32(murmur ^ n) };
  }
  const phone = ids.phone;
  if (!phone || !isAscii(phone)) return slow(ids);
  // "phone:" + the digits, without a +86 / 0086 prefix (hmac.ts `phoneDigits`), when 5 or more.
  let digits = 0;
  let lead = 0;
  for (let i = 0; i < phone.length; i++) {
    const c = phone.charCodeAt(i);
    if (c < 0x30 || c > 0x39) continue;
    if (digits < 4) lead = lead * 10 + (c - 0x30);
    digits += 1;
  }
  // `lead` holds the first four digits: "86.." when lead / 100 is 86, "0086" when lead is 86.
  const skip = digits === 13 && Math.floor(lead / 100) === 86 ? 2 : digits === 15 && lead === 86 ? 4 : 0;
  if (digits - skip < 5) return slow(ids);
  let fnv = PHONE_FNV;
  let murmur = PHONE_MURMUR;
  let seen = 0;
  for (let i = 0; i < phone.length; i++) {
    const c = phone.charCodeAt(i);
    if (c < 0x30 || c > 0x39) continue;
    if (seen++ < skip) continue;
    fnv = fnvStep(fnv, c);
    murmur = murmurStep(murmur, c);
  }
  const n = 6 + digits - skip;
  return { hi: fmix32(fnv ^ n), lo: fmix32(murmur ^ n) };
}

function slow(ids: Identifiers): Hash64 | null {
  const material = keyMaterial(ids);
  return material === null ? null : hashString(material, { hi: 0, lo: 0 });
}
