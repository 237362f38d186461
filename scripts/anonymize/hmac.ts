/**
 * Requester keys: a keyed HMAC-SHA256 over the requester's normalized identifiers, so the
 * same person gets the same key across sources and builds, and nobody without the secret can
 * link a key back to a person. The ID number is used if present, else the phone, else the
 * email, else name + address (a name alone is too common to identify anyone: no key).
 */
import { createHmac, createSecretKey, type KeyObject } from 'node:crypto';
import type { Identifiers } from '../ingest/canonical.ts';

/** Hex characters kept from the digest (64 bits: collisions are negligible at city scale). */
export const KEY_LENGTH = 16;

/** Wraps a secret as a key object, created once per build. */
export function keyFromSecret(secret: string): KeyObject {
  return createSecretKey(Buffer.from(secret, 'utf8'));
}

const WHITESPACE = /[\s\u3000]+/g;
const NON_DIGIT = /\D/g;

/** Normalized text: NFKC (full-width → half-width), no whitespace, lower case. */
function plain(s: string): string {
  return s.normalize('NFKC').replace(WHITESPACE, '').toLowerCase();
}

/** Phone digits without a +86 / 0086 country prefix. */
function phoneDigits(s: string): string {
  const d = s.normalize('NFKC').replace(NON_DIGIT, '');
  if (d.length === 13 && d.startsWith('86')) return d.slice(2);
  if (d.length === 15 && d.startsWith('0086')) return d.slice(4);
  return d;
}

/** The typed, normalized identifier a key is computed from, or null when there is none. */
export function keyMaterial(ids: Identifiers): string | null {
  const id = ids.idNumber ? plain(ids.idNumber).toUpperCase() : '';
  if (id) return `id:${id}`;
  const phone = ids.phone ? phoneDigits(ids.phone) : '';
  if (phone.length >= 5) return `phone:${phone}`;
  const email = ids.email ? plain(ids.email) : '';
  if (email) return `email:${email}`;
  const name = ids.name ? plain(ids.name) : '';
  const address = ids.address ? plain(ids.address) : '';
  if (name && address) return `name:${name}\u0000address:${address}`;
  return null;
}

/** Truncated HMAC-SHA256 of `material` (16 hex characters). */
export function hmacHex(material: string, key: KeyObject): string {
  return createHmac('sha256', key).update(material, 'utf8').digest('hex').slice(0, KEY_LENGTH);
}

/** The requester key (16 hex characters), or null when no identifier was given. */
export function requesterKey(ids: Identifiers, key: KeyObject): string | null {
  const material = keyMaterial(ids);
  return material === null ? null : hmacHex(material, key);
}
