/**
 * Checks across fields and rows: time order, dates after the as-of cut-off, repeated ids
 * and repeated rows. Pure functions and a small tracker; the caller quarantines.
 * Ingest tells repeated rows apart with repeats.ts (exact, no digest per row); `rowDigest` and
 * `DuplicateTracker` are no longer used by the pipeline.
 */
import type { CanonicalRequest } from './canonical.ts';
import { hashString, type Hash64 } from './hash.ts';
import type { Issue, SourceMapper } from './map.ts';

/** The first cross-field problem of a mapped request, or null. `cutoff` is the end of the as-of day; only a submission after it is an error. */
export function checkRequest(r: CanonicalRequest, fields: readonly string[], m: SourceMapper, cutoff: number): Issue | null {
  if (r.closedAt !== null && (r.closedAt < r.submittedAt || (r.acceptedAt !== null && r.closedAt < r.acceptedAt))) {
    return { column: m.column('closedAt'), reason: 'closed-before-opened', excerpt: m.excerpt(fields, 'submittedAt', 'acceptedAt', 'closedAt') };
  }
  const minClose = m.source.minCloseSeconds * 1000;
  if (minClose > 0 && r.closedAt !== null && r.status === 'closed' && r.closedAt - r.submittedAt < minClose) {
    return { column: m.column('closedAt'), reason: 'closed-too-fast', excerpt: m.excerpt(fields, 'submittedAt', 'closedAt') };
  }
  if (r.submittedAt >= cutoff) return { column: m.column('submittedAt'), reason: 'future-date', excerpt: m.excerpt(fields, 'submittedAt') };
  if (r.status === 'closed' && r.closedAt === null && m.index.has('closedAt')) {
    return { column: m.column('closedAt'), reason: 'missing-field', excerpt: m.excerpt(fields, 'status', 'closedAt') };
  }
  return null;
}

/**
 * The request as of the cut-off: acceptance or closure after it has not happened yet, so
 * those instants become null and a case closed after the cut-off is still open.
 * Returns true when something was cut. (Submission after the cut-off is quarantined instead.)
 */
export function censorAtCutoff(r: CanonicalRequest, cutoff: number): boolean {
  let cut = false;
  if (r.acceptedAt !== null && r.acceptedAt >= cutoff) {
    r.acceptedAt = null;
    cut = true;
  }
  if (r.closedAt !== null && r.closedAt >= cutoff) {
    r.closedAt = null;
    r.status = 'open';
    cut = true;
  }
  return cut;
}

/** A rating after the cut-off, or null. */
export function checkRatedAt(ratedAt: number, fields: readonly string[], m: SourceMapper, cutoff: number): Issue | null {
  return ratedAt >= cutoff ? { column: m.column('ratedAt'), reason: 'future-date', excerpt: m.excerpt(fields, 'ratedAt') } : null;
}

/**
 * 53-bit cyrb53 hash of the row's fields joined by U+0000 (only tells an exact repeat from a
 * changed one; not security). The fields are hashed in place: no joined string is built.
 */
export function rowDigest(fields: readonly string[]): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let f = 0; f < fields.length; f++) {
    if (f > 0) {
      // The U+0000 separator: h ^ 0 === h.
      h1 = Math.imul(h1, 2654435761);
      h2 = Math.imul(h2, 1597334677);
    }
    const text = fields[f] ?? '';
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 2654435761);
      h2 = Math.imul(h2 ^ c, 1597334677);
    }
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/**
 * Remembers the first row of each id; later rows are "duplicate-row" (identical) or "duplicate-id".
 * Memory-lean: an open-addressing table of the id's 64-bit hash and the row's 32-bit digest
 * (12 bytes a slot), no string kept. Two different ids share a 64-bit hash with odds of about
 * 3 in a million at 10 million ids; a changed row passes for an exact repeat with odds 2^-32.
 */
export class DuplicateTracker {
  /** Slot k holds id hash hi, lo ((0, 0) = empty) and row digest at 3k, 3k + 1, 3k + 2 (one cache line per probe). */
  private table = new Uint32Array(3 * 1024);
  private slots = 1024;
  private count = 0;
  private readonly h: Hash64 = { hi: 0, lo: 0 };

  /** Registers the row; returns the reason when `id` was seen before, else null. Empty ids are not tracked. */
  see(id: string, fields: readonly string[]): 'duplicate-row' | 'duplicate-id' | null {
    if (id === '') return null;
    hashString(id, this.h);
    const hi = this.h.hi;
    // (0, 0) marks an empty slot.
    const lo = hi === 0 && this.h.lo === 0 ? 1 : this.h.lo;
    const t = this.table;
    const mask = this.slots - 1;
    let at = 3 * (lo & mask);
    for (;;) {
      const shi = t[at] ?? 0;
      const slo = t[at + 1] ?? 0;
      if (shi === 0 && slo === 0) break;
      if (shi === hi && slo === lo) return t[at + 2] === rowDigest(fields) >>> 0 ? 'duplicate-row' : 'duplicate-id';
      at = at + 3 === t.length ? 0 : at + 3;
    }
    t[at] = hi;
    t[at + 1] = lo;
    t[at + 2] = rowDigest(fields) >>> 0;
    if (++this.count > this.slots * 0.6) this.grow();
    return null;
  }

  /** Doubles the table. */
  private grow(): void {
    const old = this.table;
    this.slots *= 2;
    this.table = new Uint32Array(3 * this.slots);
    const t = this.table;
    const mask = this.slots - 1;
    for (let from = 0; from < old.length; from += 3) {
      const hi = old[from] ?? 0;
      const lo = old[from + 1] ?? 0;
      if (hi === 0 && lo === 0) continue;
      let at = 3 * (lo & mask);
      while ((t[at] ?? 0) !== 0 || (t[at + 1] ?? 0) !== 0) at = at + 3 === t.length ? 0 : at + 3;
      t[at] = hi;
      t[at + 1] = lo;
      t[at + 2] = old[from + 2] ?? 0;
    }
  }
}
