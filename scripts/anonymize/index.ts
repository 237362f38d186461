/**
 * Anonymize: personal data is dropped as early as possible, and what has to be looked at is
 * scrubbed first.
 * - Identifiers never outlive ingest. Ingest hashes each requester's normalized identifiers
 *   (hmac.ts `keyMaterial`) to an unkeyed 64-bit value held in memory only, to group repeat
 *   contacts; nothing derived from identifiers is written. (The keyed HMAC in hmac.ts is what a
 *   published pseudonym would have to use.) Ingest also hands the raw identifier values to
 *   `collectIdentifierValues`, so the final scan of dist/ can prove none of them was published.
 * - Descriptions and rating comments are never stored. The one use of a description,
 *   segments.yaml's `descriptionContains`, gets `DescriptionWords.marks`: the configured words
 *   found in the scrubbed description, nothing else.
 * - `anonymize` scrubs the quarantine excerpts before anything is written.
 */
import type { Identifiers, Quarantined } from '../ingest/canonical.ts';
import { StringSet } from '../ingest/string-set.ts';
import { placeholders, scrubText } from './scrub.ts';

/** Longest excerpt kept (after scrubbing, so a cut never splits a number that would then escape). */
export const MAX_EXCERPT = 300;

const FIELD_KIND = { name: 'name', phone: 'phone', idNumber: 'idNumber', email: 'email', address: 'address' } as const;

/** Replaces the requester's own identifier values wherever they appear in `text`, then scrubs it. */
export function scrubFreeText(text: string | null, ids: Identifiers | undefined): string | null {
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

/** Adds the requester's identifier values (trimmed, 2 characters or more) to `into` (a Set<string> or a StringSet). */
export function collectIdentifierValues(ids: Identifiers, into: { add(value: string): unknown }): void {
  for (const v of [ids.name, ids.phone, ids.idNumber, ids.email, ids.address]) {
    if (v !== null && v.trim().length >= 2) into.add(v.trim());
  }
}

/** Every character of a placeholder scrubbing can put into a text. */
const PLACEHOLDER_CHARS = new Set([...Object.values(placeholders.zh).join('')]);

/**
 * The words of segments.yaml's `descriptionContains` rules, matched against scrubbed descriptions.
 * `marks(description, ids)` is a stand-in for the scrubbed description: the words it contains,
 * joined by U+0000 (null when none). For every configured word w, `marks(…).includes(w)` equals
 * `scrubbed.includes(w)` (a word inside a found word is found too), so tier rules read the
 * stand-in exactly as they read the scrubbed text, and no free text is kept.
 */
export class DescriptionWords {
  /** Distinct words, in the order given. */
  readonly words: readonly string[];
  /**
   * True when no word shares a character with a placeholder: scrubbing only replaces stretches
   * of text by placeholders, so such a word is in the scrubbed text only if it is in the raw
   * text, and a description holding none of the words needs no scrubbing.
   */
  private readonly rawTestSuffices: boolean;

  constructor(words: readonly string[]) {
    for (const w of words) {
      if (w === '' || w.includes('\u0000')) throw new Error(`segments.yaml: descriptionContains word ${JSON.stringify(w)} is empty or holds U+0000`);
    }
    this.words = [...new Set(words)];
    this.rawTestSuffices = this.words.every((w) => ![...w].some((ch) => PLACEHOLDER_CHARS.has(ch)));
  }

  /** The words found in the scrubbed `description` (scrubbed as anonymize always has), joined by U+0000; null when none. */
  marks(description: string | null, ids: Identifiers | undefined): string | null {
    if (description === null || this.words.length === 0) return null;
    if (this.rawTestSuffices && !this.words.some((w) => description.includes(w))) return null;
    const text = scrubFreeText(description, ids) ?? '';
    let out: string | null = null;
    for (const w of this.words) if (text.includes(w)) out = out === null ? w : `${out}\u0000${w}`;
    return out;
  }
}

/** The quarantine excerpts scrubbed and cut to MAX_EXCERPT. */
export function scrubQuarantined(quarantined: readonly Quarantined[]): Quarantined[] {
  return quarantined.map((q) => {
    const text = scrubText(q.excerpt);
    return { ...q, excerpt: text.length > MAX_EXCERPT ? `${text.slice(0, MAX_EXCERPT)}…` : text };
  });
}

/**
 * Scrubs the quarantine excerpts and sorts the identifier values ingest collected (once each, code-unit order).
 * For millions of values in a StringSet, its sorted() gives the same order without holding them as strings.
 */
export function anonymize(quarantined: readonly Quarantined[], identifierValues: Iterable<string>): { quarantined: Quarantined[]; identifierValues: string[] } {
  const scrubbed = scrubQuarantined(quarantined);
  const distinct = identifierValues instanceof Set || identifierValues instanceof StringSet ? [...identifierValues] : [...new Set(identifierValues)];
  // Default sort compares UTF-16 code units: locale-independent.
  return { quarantined: scrubbed, identifierValues: distinct.sort() };
}
