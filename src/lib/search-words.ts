/**
 * Chinese words that the browser's word segmenter splits into single characters (社保 → 社 + 保).
 *
 * Pagefind segments a Chinese query with the browser's Intl.Segmenter and matches every segment as
 * a word prefix, with no regard to order or adjacency; the index is segmented at build time by
 * Pagefind's own segmenter. Neither knows abbreviations such as 社保, 医保, 低保, 个税 or 公积金, so
 * both keep them as single characters, and 社 then also matches 社会, 保 matches 保险, and a page
 * with 社会保险 ranks among pages with 社保. Adjacent single characters of the query are therefore
 * also searched as exact phrases ("社 保": the two index words next to each other), and pages that
 * hold more of these pairs are listed first, in Pagefind's order otherwise.
 */

/** Splits a query into the segments Pagefind searches for (Intl.Segmenter words, in a test any split). */
export type Segment = (query: string) => string[];

/** One Han character (CJK ideograph), the unit the segmenter falls back to for words it does not know. */
const singleHan = /^\p{Script=Han}$/u;

/** At most this many pair searches per query, so a long pasted text costs a bounded amount of work. */
export const maxPairs = 12;

/**
 * The pairs of neighbouring single-character segments in `query`, each as Pagefind's exact-phrase
 * query (`"社 保"`), in query order, without repeats and at most `maxPairs`. Empty when the query has
 * no two single Han characters side by side (English, or only words the segmenter knows).
 */
export function phraseQueries(query: string, segment: Segment): string[] {
  const pairs = new Set<string>();
  let previous: string | null = null;
  for (const s of segment(query)) {
    const han = singleHan.test(s);
    if (han && previous !== null) pairs.add(`"${previous} ${s}"`);
    previous = han ? s : null;
  }
  return [...pairs].slice(0, maxPairs);
}

/** A segmenter for `locale` as Pagefind uses it, or null where the browser has none (then no pairs). */
export function wordSegmenter(locale: string): Segment | null {
  if (typeof Intl.Segmenter !== 'function') return null;
  const segmenter = new Intl.Segmenter(locale, { granularity: 'word' });
  return (query) => Array.from(segmenter.segment(query), (s) => s.segment);
}

/**
 * Orders `results` by how many of `phraseHits` (one set of result ids per phrase) hold each result,
 * most first; results with as many keep their order. Returns a new array.
 */
export function orderByPhrases<T extends { id: string }>(results: readonly T[], phraseHits: readonly ReadonlySet<string>[]): T[] {
  if (phraseHits.length === 0) return [...results];
  const hits = (r: T) => phraseHits.reduce((n, set) => n + (set.has(r.id) ? 1 : 0), 0);
  return results
    .map((r, i) => ({ r, i, n: hits(r) }))
    .sort((a, b) => b.n - a.n || a.i - b.i)
    .map((x) => x.r);
}
