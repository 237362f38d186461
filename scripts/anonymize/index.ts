/**
 * Anonymize: replaces requester identifiers with keyed HMACs, scrubs free text (descriptions,
 * rating comments, quarantine excerpts) and hands back the raw identifier values so the final
 * scan of dist/ can prove none of them was published. The returned requests carry no identifiers.
 */
import type { KeyObject } from 'node:crypto';
import type { CanonicalRequest, Identifiers, Quarantined } from '../ingest/canonical.ts';
import type { IngestResult } from '../ingest/index.ts';
import { hmacHex, keyMaterial } from './hmac.ts';
import { placeholders, scrubText } from './scrub.ts';

/** Longest excerpt kept (after scrubbing, so a cut never splits a number that would then escape). */
export const MAX_EXCERPT = 300;

const FIELD_KIND = { name: 'name', phone: 'phone', idNumber: 'idNumber', email: 'email', address: 'address' } as const;

/** Replaces the requester's own identifier values wherever they appear in `text`, then scrubs it. */
function scrubWith(text: string | null, ids: Identifiers | undefined): string | null {
  if (text === null) return null;
  let t = text;
  if (ids) {
    for (const f of ['idNumber', 'phone', 'email', 'address', 'name'] as const) {
      const v = ids[f];
      if (v && v.length >= 2 && t.includes(v)) t = t.split(v).join(placeholders.zh[FIELD_KIND[f]]);
    }
  }
  return scrubText(t);
}

export function anonymize(ingest: IngestResult, key: KeyObject): { requests: CanonicalRequest[]; quarantined: Quarantined[]; identifierValues: string[] } {
  const values = new Set<string>();
  for (const ids of ingest.identifiers.values()) {
    for (const v of [ids.name, ids.phone, ids.idNumber, ids.email, ids.address]) {
      if (v !== null && v.trim().length >= 2) values.add(v.trim());
    }
  }
  /** The same person often calls again: key material → key. */
  const keys = new Map<string, string>();
  const keyOf = (ids: Identifiers): string | null => {
    const material = keyMaterial(ids);
    if (material === null) return null;
    let k = keys.get(material);
    if (k === undefined) {
      k = hmacHex(material, key);
      keys.set(material, k);
    }
    return k;
  };
  const requests = ingest.requests.map((r) => {
    const ids = ingest.identifiers.get(`${r.source}:${r.id}`);
    return {
      ...r,
      requesterKey: ids ? keyOf(ids) : null,
      description: scrubWith(r.description, ids),
      ratingComment: scrubWith(r.ratingComment, ids),
    };
  });
  const quarantined = ingest.quarantined.map((q) => {
    const scrubbed = scrubText(q.excerpt);
    return { ...q, excerpt: scrubbed.length > MAX_EXCERPT ? `${scrubbed.slice(0, MAX_EXCERPT)}…` : scrubbed };
  });
  // Default sort compares UTF-16 code units: locale-independent.
  return { requests, quarantined, identifierValues: [...values].sort() };
}
