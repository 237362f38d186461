/**
 * Scans a text that arrives in windows (a file read in pieces) and gives exactly the findings of
 * `[...detectPatterns(text), ...known.find(text)]` on the whole text, with offsets in it: the first
 * `limit` of them, and how many there are of each kind. A site whose scrubbing failed can hold
 * millions (gigabytes as objects), and a report needs a few.
 *
 * Why it is exact: the caller passes windows text[base, base + w.length) that always start at or
 * before the offset this scanner returned for the previous one, and says when a window runs to the
 * end of the text. Each matcher keeps its own resume offset in the whole text and only decides a
 * start offset s whose outcome cannot depend on what lies past the window:
 * - a pattern reads at most one character before s and fewer than PATTERN_REACH from it, so s is
 *   decided when s + PATTERN_REACH ≤ window end, and a search resumes exactly where the whole-text
 *   global search would (the end of the previous match, or the first undecided offset);
 * - an email start reads only characters of its local-part class and '@' up to the first other
 *   character (a separator), so every start up to the window's last separator is decided by the
 *   window cut just after it;
 * - a known value at s reads at most maxLength characters, so s is decided when
 *   s + maxLength ≤ window end.
 * At the end of the text every remaining offset is decided.
 */
import { emailAllowed, emailMatches, inEmailLocal, patterns, PATTERN_REACH, type Finding, type FindingKind, type KindCounts, type KnownValues } from './detectors.ts';
import { detached } from './known-values.ts';

/** The kind of each rank: the patterns in detectPatterns' order, then email. */
const kinds: readonly FindingKind[] = [...patterns.map((d) => d.kind), 'email'];

export class TextScanner {
  readonly #allowDomains: readonly string[];
  readonly #known: KnownValues;
  readonly #limit: number;
  readonly #res = patterns.map((d) => new RegExp(d.re));
  /** Per pattern, then email: the offset in the whole text its search resumes at. */
  readonly #resume: number[] = kinds.map(() => 0);
  #knownResume = 0;
  /**
   * Per rank (the detector's position in detectPatterns' order, email last: the order of two
   * findings at one offset), its first `limit` findings. Each detector finds in offset order.
   */
  readonly #patternFindings: Finding[][] = kinds.map(() => []);
  /** Per rank, how many findings, kept or not. */
  readonly #patternCounts: number[] = kinds.map(() => 0);
  /** The first `limit` known values found, in offset order. */
  readonly #knownFindings: Finding[] = [];
  #knownCount = 0;

  /** `limit`: how many findings to keep (all are counted). */
  constructor(allowDomains: readonly string[], known: KnownValues, limit = Infinity) {
    this.#allowDomains = allowDomains;
    this.#known = known;
    this.#limit = limit;
  }

  /** Counts a finding of the detector at `rank` and keeps it while that detector has fewer than `limit`. */
  #found(rank: number, index: number, match: string): void {
    this.#patternCounts[rank] = (this.#patternCounts[rank] ?? 0) + 1;
    const kept = this.#patternFindings[rank];
    if (kept !== undefined && kept.length < this.#limit) kept.push({ kind: kinds[rank] ?? 'email', index, match: detached(match) });
  }

  /**
   * Scans `text`, the whole text's characters from offset `base` on (`eof`: to its end). Returns the
   * offset the next window must start at or before (characters before it are no longer needed).
   */
  window(text: string, base: number, eof: boolean): number {
    const end = base + text.length;
    patterns.forEach((d, rank) => {
      const re = this.#res[rank] ?? d.re;
      const last = eof ? text.length : text.length - PATTERN_REACH; // last start decided, in window offsets
      let resume = this.#resume[rank] ?? 0;
      if (resume - base > last) return;
      re.lastIndex = resume - base;
      for (let m = re.exec(text); m !== null && m.index <= last; m = re.exec(text)) {
        if (d.ok(m[0])) this.#found(rank, base + m.index, m[0]);
        resume = base + re.lastIndex;
      }
      this.#resume[rank] = Math.max(resume, base + last + 1);
    });

    const emailRank = patterns.length;
    let cut = text.length; // window offset of the last separator + 1: starts before it are decided
    if (!eof) {
      cut = text.length - 1;
      while (cut >= 0 && (inEmailLocal(text.charCodeAt(cut)) || text.charCodeAt(cut) === 0x40)) cut--;
      cut++;
    }
    const emailResume = this.#resume[emailRank] ?? 0;
    if (cut > emailResume - base) {
      const decided = cut === text.length ? text : text.slice(0, cut);
      emailMatches(decided, emailResume - base, (index, match) => {
        if (!emailAllowed(match, this.#allowDomains)) this.#found(emailRank, base + index, match);
      });
      this.#resume[emailRank] = base + cut;
    }

    if (this.#known.size === 0) this.#knownResume = end;
    else {
      const to = eof ? text.length : text.length - this.#known.maxLength + 1;
      const from = this.#knownResume - base;
      if (to > from) {
        this.#knownCount += this.#known.scan(text, from, to, base, this.#knownFindings, this.#limit);
        this.#knownResume = base + to;
      }
    }

    // Keep one character before each pattern's resume offset for its lookbehind.
    let need = this.#knownResume;
    this.#resume.forEach((r) => (need = Math.min(need, Math.max(0, r - 1))));
    return Math.min(Math.max(need, base), end);
  }

  /**
   * The first `limit` findings so far: the patterns' by offset (then detector order), then the known
   * values' by offset. Each list kept only its first `limit`, yet the merge is exact: a detector
   * finds in offset order, so its first `limit` hold all of its findings among the first `limit` of
   * the merged order; and the known values all come after the patterns'.
   */
  findings(): Finding[] {
    const ranked = this.#patternFindings.flatMap((kept, rank) => kept.map((finding) => ({ finding, rank })));
    ranked.sort((a, b) => a.finding.index - b.finding.index || a.rank - b.rank);
    const first = ranked.slice(0, this.#limit).map((r) => r.finding);
    return [...first, ...this.#knownFindings.slice(0, this.#limit - first.length)];
  }

  /** How many findings of each kind so far, kept or not. */
  counts(): KindCounts {
    const counts: KindCounts = {};
    this.#patternCounts.forEach((n, rank) => {
      const kind = kinds[rank];
      if (n > 0 && kind !== undefined) counts[kind] = n;
    });
    if (this.#knownCount > 0) counts['known-identifier'] = this.#knownCount;
    return counts;
  }
}
