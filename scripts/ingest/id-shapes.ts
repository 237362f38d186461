/**
 * Request ids as most sources number them, a prefix and then digits (`SQ-2025-0000001`,
 * `12345-20241101-000001`, `12345`): such an id is held as a shape (its prefix and how many
 * digits follow, in a small dictionary) and the number those digits spell, so the store keeps
 * 5 or 6 bytes a request instead of the id's UTF-8 bytes, start and length (~23 bytes).
 * Exact: only the last 9 ASCII digits at most are the number (below 10^9: a uint32), the digit
 * count keeps leading zeros ("007" and "7" are different shapes), and `text` gives back the id
 * parsed, code unit for code unit (the prefix is any string, lone surrogates included).
 * The dictionary holds at most MAX_SHAPES shapes (ids that would need more stay text: see store.ts).
 */

import { detach } from './csv.ts';

/** Digits of the number at most: 10^9 - 1 < 2^32. */
const MAX_DIGITS = 9;
/** Shapes held at most: a store code of shape + 2 stays within 16 bits. */
export const MAX_SHAPES = 0xfffe;

export class IdShapes {
  private readonly prefixes: string[] = [];
  private readonly digits: number[] = [];
  /** Digit count (as one character '1'..'9') then prefix → shape. */
  private readonly index = new Map<string, number>();
  /** The shape last found: ids come in runs of one prefix, so most lookups skip the map. */
  private last = -1;
  /** Of the id last parsed: the number, the prefix's length and the digit count. */
  number = 0;
  private prefixLength = 0;
  private digitCount = 0;

  /** Number of shapes held. */
  get size(): number {
    return this.prefixes.length;
  }

  /** True when no shape can be added. */
  get full(): boolean {
    return this.prefixes.length >= MAX_SHAPES;
  }

  /** Splits `id` into its prefix and its last (up to 9) ASCII digits, the number then in `number`; false when it ends in no digit. */
  parse(id: string): boolean {
    const end = id.length;
    let k = end;
    let n = 0;
    let scale = 1;
    while (k > 0 && end - k < MAX_DIGITS) {
      const c = id.charCodeAt(k - 1) - 48;
      if (c < 0 || c > 9) break;
      n += c * scale;
      scale *= 10;
      k--;
    }
    if (k === end) return false;
    this.number = n;
    this.prefixLength = k;
    this.digitCount = end - k;
    return true;
  }

  /** The shape of `id`, which `parse` just accepted, or -1 when it has none (yet). */
  find(id: string): number {
    const last = this.last;
    if (last >= 0 && this.digits[last] === this.digitCount) {
      const p = this.prefixes[last] ?? '';
      if (p.length === this.prefixLength && id.startsWith(p)) return last;
    }
    const shape = this.index.get(this.key(id)) ?? -1;
    if (shape >= 0) this.last = shape;
    return shape;
  }

  /** The shape of `id`, which `parse` just accepted, added when new; -1 when new and the dictionary is full. */
  code(id: string): number {
    const found = this.find(id);
    if (found >= 0 || this.full) return found;
    const shape = this.prefixes.length;
    const key = detach(this.key(id));
    this.index.set(key, shape);
    // The prefix as a string of its own: a slice of `id` would keep its CSV chunk alive (detach in csv.ts).
    this.prefixes.push(key.slice(1));
    this.digits.push(this.digitCount);
    this.last = shape;
    return shape;
  }

  /** The id of `shape` and number `n` (n below 10^digits). */
  text(shape: number, n: number): string {
    return (this.prefixes[shape] ?? '') + String(n).padStart(this.digits[shape] ?? 0, '0');
  }

  private key(id: string): string {
    return String.fromCharCode(48 + this.digitCount) + id.slice(0, this.prefixLength);
  }
}
