/**
 * Checks across fields and rows: time order, dates after the as-of cut-off, repeated ids
 * and repeated rows. Pure functions and a small tracker; the caller quarantines.
 */
import type { CanonicalRequest } from './canonical.ts';
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

/** Remembers the first row of each id; later rows are "duplicate-row" (identical) or "duplicate-id". */
export class DuplicateTracker {
  private readonly first = new Map<string, number>();

  /** Registers the row; returns the reason when `id` was seen before, else null. Empty ids are not tracked. */
  see(id: string, fields: readonly string[]): 'duplicate-row' | 'duplicate-id' | null {
    if (id === '') return null;
    const d = rowDigest(fields);
    const prior = this.first.get(id);
    if (prior === undefined) {
      this.first.set(id, d);
      return null;
    }
    return prior === d ? 'duplicate-row' : 'duplicate-id';
  }
}
