/**
 * Scans a text that arrives in windows (a file read in pieces) and gives exactly the findings of
 * `[...detectPatterns(text), ...known.find(text)]` on the whole text, with offsets in it.
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
import { emailAllowed, emailMatches, inEmailLocal, patterns, PATTERN_REACH, type Finding, type KnownValues } from './detectors.ts';
import { detached } from './known-values.ts';

interface Ranked {
  finding: Finding;
  /** Position of the detector in detectPatterns' order (email last): the order of two findings at one offset. */
  rank: number;
}

export class TextScanner {
  readonly #allowDomains: readonly string[];
  readonly #known: KnownValues;
  readonly #res = patterns.map((d) => new RegExp(d.re));
  /** Per pattern, then email: the offset in the whole text its search resumes at. */
  readonly #resume: number[] = [...patterns.map(() => 0), 0];
  #knownResume = 0;
  readonly #patternFindings: Ranked[] = [];
  readonly #knownFindings: Finding[] = [];

  constructor(allowDomains: readonly string[], known: KnownValues) {
    this.#allowDomains = allowDomains;
    this.#known = known;
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
        if (d.ok(m[0])) this.#patternFindings.push({ finding: { kind: d.kind, index: base + m.index, match: detached(m[0]) }, rank });
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
        if (!emailAllowed(match, this.#allowDomains)) this.#patternFindings.push({ finding: { kind: 'email', index: base + index, match: detached(match) }, rank: emailRank });
      });
      this.#resume[emailRank] = base + cut;
    }

    if (this.#known.size === 0) this.#knownResume = end;
    else {
      const to = eof ? text.length : text.length - this.#known.maxLength + 1;
      const from = this.#knownResume - base;
      if (to > from) {
        this.#known.scan(text, from, to, base, this.#knownFindings);
        this.#knownResume = base + to;
      }
    }

    // Keep one character before each pattern's resume offset for its lookbehind.
    let need = this.#knownResume;
    this.#resume.forEach((r) => (need = Math.min(need, Math.max(0, r - 1))));
    return Math.min(Math.max(need, base), end);
  }

  /** The findings so far: the patterns' by offset (then detector order), then the known values' by offset. */
  findings(): Finding[] {
    const ranked = this.#patternFindings.sort((a, b) => a.finding.index - b.finding.index || a.rank - b.rank);
    return [...ranked.map((r) => r.finding), ...this.#knownFindings];
  }
}
