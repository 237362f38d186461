/**
 * Detectors for personal data in built output. Independent of scripts/anonymize on purpose:
 * the final scan must not share the scrubber's blind spots. The index of identifier values seen at
 * ingest is in known-values.ts; text-scanner.ts runs both over a file read in pieces.
 */

export type FindingKind =
  | 'resident-id'
  | 'resident-id-15'
  | 'mobile'
  | 'bank-card'
  | 'email'
  | 'social-credit-code'
  | 'passport'
  | 'licence-plate'
  | 'known-identifier';

export interface Finding {
  kind: FindingKind;
  /** Offset of the match in the scanned text. */
  index: number;
  /** The matched text (never print it in full: see mask()). */
  match: string;
}

/** How many findings of each kind there are (kinds with none left out). */
export type KindCounts = Partial<Record<FindingKind, number>>;

/** Adds `counts` into `into`. */
export function addCounts(into: KindCounts, counts: KindCounts): void {
  for (const [kind, n] of Object.entries(counts) as [FindingKind, number][]) into[kind] = (into[kind] ?? 0) + n;
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

/** True when an 18-character resident ID number has a valid ISO 7064 MOD 11-2 check character. */
export function residentIdValid(id: string): boolean {
  if (!/^\d{17}[\dXx]$/.test(id)) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(id[i]) * (ID_WEIGHTS[i] ?? 0);
  return '10X98765432'[sum % 11] === (id[17] ?? '').toUpperCase();
}

/** True when a digit string passes the Luhn check. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** True when an 18-character Unified Social Credit Code has a valid GB 32100 check character. */
export function socialCreditCodeValid(code: string): boolean {
  if (code.length !== 18) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = USCC_CHARS.indexOf(code[i] ?? '');
    if (v < 0) return false;
    sum += v * (USCC_WEIGHTS[i] ?? 0);
  }
  const check = (31 - (sum % 31)) % 31;
  return USCC_CHARS[check] === code[17];
}

export interface Detector {
  kind: FindingKind;
  re: RegExp;
  ok: (m: string) => boolean;
}

/**
 * The patterns other than email, in the order detectPatterns reports matches at one offset. Each
 * reads at most one character before a start (lookbehind), and its outcome at a start depends on
 * fewer than PATTERN_REACH characters from it (match and lookahead): text-scanner.ts relies on
 * this. The plate's lookahead reads on along letters, but after the province and letter, seven
 * letters in a row fail the match whatever follows, so 10 characters decide it.
 */
export const patterns: readonly Detector[] = [
  {
    kind: 'resident-id',
    re: /(?<![0-9A-Za-z])[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?![0-9A-Za-z])/g,
    ok: residentIdValid,
  },
  // Mobile and card numbers are not read inside hex digits: a SHA-256 checksum (SHA256SUMS,
  // meta.json) can hold a run like "a15035802287e" by chance, and a number in text is not
  // written against the letters a–f. Still one character read on either side.
  {
    kind: 'mobile',
    re: /(?<![\dA-Fa-f.])(?:\+?86[-\s]?)?1[3-9]\d[-\s]?\d{4}[-\s]?\d{4}(?![\dA-Fa-f.])/g,
    ok: () => true,
  },
  {
    kind: 'bank-card',
    re: /(?<![\dA-Fa-f.])[3-6]\d{3}(?:[ -]?\d{4}){2}(?:[ -]?\d{1,4}){1,2}(?![\dA-Fa-f.])/g,
    ok: (m) => {
      const d = m.replace(/\D/g, '');
      return d.length >= 13 && d.length <= 19 && luhnValid(d);
    },
  },
  {
    // Old 15-digit IDs: region, YYMMDD birth date, sequence; bounded by non-alphanumerics (not inside a hash).
    kind: 'resident-id-15',
    re: /(?<![0-9A-Za-z.])[1-9]\d{5}\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}(?![0-9A-Za-z.])/g,
    ok: () => true,
  },
  {
    // Chinese passports: E or G + 8 digits, or E + letter + 7 digits.
    kind: 'passport',
    re: /(?<![0-9A-Za-z])(?:[EG]\d{8}|E[A-HJ-NP-Z]\d{7})(?![0-9A-Za-z])/g,
    ok: () => true,
  },
  {
    // Licence plates: province, letter, 5 (petrol) or 6 (new energy) letters and digits, at least one a digit.
    kind: 'licence-plate',
    re: /[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼][A-HJ-NP-Z][·•]?(?=[A-HJ-NP-Z]*\d)[A-HJ-NP-Z0-9]{5,6}(?![A-Za-z0-9])/g,
    ok: () => true,
  },
  {
    kind: 'social-credit-code',
    re: /(?<![0-9A-Z])[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}(?![0-9A-Z])/g,
    ok: socialCreditCodeValid,
  },
];

/** Characters the patterns read from a match start on: the longest match (a 24-character bank card) plus lookahead, with room to spare. */
export const PATTERN_REACH = 32;

/**
 * Emails. Unbounded, but every character it reads from a start is in its local-part class or is
 * '@' until the first other character: text-scanner.ts cuts the text after such a separator.
 */
export const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;

/** EMAIL's domain part, matched where an '@' ends a local part. */
const EMAIL_DOMAIN = /[A-Za-z0-9.-]+\.[A-Za-z]{2,}/y;

/** True for a character of EMAIL's local-part class [A-Za-z0-9._%+-]. */
export function inEmailLocal(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x2e || c === 0x5f || c === 0x25 || c === 0x2b || c === 0x2d;
}

/**
 * The matches EMAIL's global search finds in `text` starting at `from`, in linear time (the regex
 * retries every start of a long run of local-part characters: quadratic on hashes and long digit
 * runs). Same matches because a start s matches only when the local-part run from s is followed
 * by an '@' whose domain part matches, which depends on the '@' alone: so the first match at or
 * after `from` starts at the start of the run (or at `from`) before the first such '@'.
 */
export function emailMatches(text: string, from: number, onMatch: (index: number, match: string) => void): void {
  let resume = from;
  for (let at = text.indexOf('@', resume); at >= 0; at = text.indexOf('@', Math.max(at + 1, resume))) {
    let start = at;
    while (start > resume && inEmailLocal(text.charCodeAt(start - 1))) start--;
    if (start === at) continue;
    EMAIL_DOMAIN.lastIndex = at + 1;
    if (EMAIL_DOMAIN.exec(text) === null) continue;
    onMatch(start, text.slice(start, EMAIL_DOMAIN.lastIndex));
    resume = EMAIL_DOMAIN.lastIndex;
  }
}

/** True when an email's domain is one of `allowDomains` or their subdomains. */
export function emailAllowed(email: string, allowDomains: readonly string[]): boolean {
  const domain = (email.split('@')[1] ?? '').toLowerCase();
  return allowDomains.some((a) => domain === a || domain.endsWith(`.${a}`));
}

/** Finds personal-data patterns in `text`. Emails at `allowDomains` (and their subdomains) are allowed. */
export function detectPatterns(text: string, allowDomains: readonly string[]): Finding[] {
  const found: Finding[] = [];
  for (const d of patterns) {
    for (const m of text.matchAll(d.re)) {
      if (d.ok(m[0])) found.push({ kind: d.kind, index: m.index, match: m[0] });
    }
  }
  for (const m of text.matchAll(EMAIL)) {
    if (!emailAllowed(m[0], allowDomains)) found.push({ kind: 'email', index: m.index, match: m[0] });
  }
  return found.sort((a, b) => a.index - b.index);
}

export { KnownValues } from './known-values.ts';

/** Masks a value for logs: keeps at most the first and last characters. */
export function mask(value: string): string {
  if (value.length <= 4) return '*'.repeat(value.length);
  return `${value.slice(0, 2)}${'*'.repeat(Math.min(value.length - 3, 8))}${value.slice(-1)}`;
}
