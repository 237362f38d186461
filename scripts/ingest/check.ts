/**
 * Checks across fields: time order and dates after the as-of cut-off. Pure functions; the
 * caller quarantines. Repeated ids and rows are told apart in repeats.ts (exactly, by comparing
 * a repeat with its first row).
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
