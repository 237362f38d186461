/**
 * Local date-time parsing for raw exports: a declared format ("YYYY-MM-DD HH:mm:ss",
 * "YYYY/M/D H:mm", "MM/DD/YYYY hh:mm:ss A", "YYYY年M月D日 H时m分", or the named formats
 * "ISO" (ISO 8601, with or without an offset) and "excel" (serial day numbers)) read in an
 * IANA time zone, giving epoch milliseconds (UTC).
 * Impossible values (month 13, 2 月 30 日, 25:61, a local time skipped by a DST change)
 * are rejected, never guessed. A time repeated by a DST change takes the earlier instant.
 */

/** Parses one string in one format and zone; null when it does not match or is impossible. */
export type DateParser = (text: string) => number | null;

type Part = 'y' | 'mo' | 'd' | 'h' | 'h12' | 'ap' | 'mi' | 's';
/** Each token's regular expression and digit count (`min`..`max`; AM/PM is two letters). */
const TOKENS: Record<string, { re: string; part: Part; min: number; max: number }> = {
  YYYY: { re: '(\\d{4})', part: 'y', min: 4, max: 4 },
  MM: { re: '(\\d{2})', part: 'mo', min: 2, max: 2 },
  M: { re: '(\\d{1,2})', part: 'mo', min: 1, max: 2 },
  DD: { re: '(\\d{2})', part: 'd', min: 2, max: 2 },
  D: { re: '(\\d{1,2})', part: 'd', min: 1, max: 2 },
  HH: { re: '(\\d{2})', part: 'h', min: 2, max: 2 },
  H: { re: '(\\d{1,2})', part: 'h', min: 1, max: 2 },
  hh: { re: '(\\d{2})', part: 'h12', min: 2, max: 2 },
  h: { re: '(\\d{1,2})', part: 'h12', min: 1, max: 2 },
  A: { re: '([AaPp][Mm])', part: 'ap', min: 2, max: 2 },
  mm: { re: '(\\d{2})', part: 'mi', min: 2, max: 2 },
  m: { re: '(\\d{1,2})', part: 'mi', min: 1, max: 2 },
  ss: { re: '(\\d{2})', part: 's', min: 2, max: 2 },
  s: { re: '(\\d{1,2})', part: 's', min: 1, max: 2 },
};
const TOKEN_RE = /YYYY|MM|M|DD|D|HH|H|hh|h|mm|m|ss|s|A/g;
/** Named formats that are not token patterns. */
const NAMED = new Set(['ISO', 'excel']);

/** One step of a compiled format: a literal text, or a token (a run of digits, or AM/PM). */
export type FormatStep = { literal: string } | { part: Part; min: number; max: number };

/** Throws when `format` has no year, month and day token, naming the format. */
function compilePattern(format: string): { re: RegExp; order: string[]; steps: FormatStep[] } {
  const order: string[] = [];
  const steps: FormatStep[] = [];
  let source = '';
  let last = 0;
  const literal = (text: string): void => {
    if (text) steps.push({ literal: text });
    source += text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  };
  for (const m of format.matchAll(TOKEN_RE)) {
    literal(format.slice(last, m.index));
    const token = TOKENS[m[0]];
    if (!token) throw new Error(`date format "${format}": unknown token "${m[0]}"`);
    if (order.includes(token.part)) throw new Error(`date format "${format}": "${m[0]}" repeats a field`);
    order.push(token.part);
    steps.push({ part: token.part, min: token.min, max: token.max });
    source += token.re;
    last = m.index + m[0].length;
  }
  literal(format.slice(last));
  for (const need of ['y', 'mo', 'd']) {
    if (!order.includes(need)) throw new Error(`date format "${format}": needs a year (YYYY), month (M or MM) and day (D or DD)`);
  }
  if (order.includes('h12') !== order.includes('ap')) throw new Error(`date format "${format}": 12-hour "hh"/"h" and "A" (AM/PM) go together`);
  if (order.includes('h12') && order.includes('h')) throw new Error(`date format "${format}": use either "HH" (24-hour) or "hh" with "A"`);
  return { re: new RegExp(`^\\s*${source}\\s*$`), order, steps };
}

/** Checks that `format` is usable; returns an error message or null. */
export function dateFormatError(format: string): string | null {
  if (NAMED.has(format)) return null;
  try {
    compilePattern(format);
    return null;
  } catch (e) {
    return (e as Error).message;
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const offsetCaches = new Map<string, Map<number, number>>();
const QUARTER_HOUR = 15 * 60_000;

/** Throws a clear error when `timeZone` is not an IANA zone this Node knows. */
export function assertTimeZone(timeZone: string): void {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
  } catch {
    throw new Error(`unknown time zone "${timeZone}": use an IANA name such as "Asia/Shanghai"`);
  }
}

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    assertTimeZone(timeZone);
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/**
 * Offset of `timeZone` from UTC (local − UTC, in ms) at the instant `utcMs`.
 * Cached per quarter hour: every zone in use changes offset on a quarter-hour boundary.
 */
export function zoneOffset(timeZone: string, utcMs: number): number {
  let cache = offsetCaches.get(timeZone);
  if (!cache) {
    cache = new Map();
    offsetCaches.set(timeZone, cache);
  }
  const bucket = Math.floor(utcMs / QUARTER_HOUR);
  const hit = cache.get(bucket);
  if (hit !== undefined) return hit;
  const at = bucket * QUARTER_HOUR;
  const p: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(at)) {
    if (part.type !== 'literal') p[part.type] = Number(part.value);
  }
  const local = Date.UTC(p['year'] ?? 0, (p['month'] ?? 1) - 1, p['day'] ?? 1, p['hour'] ?? 0, p['minute'] ?? 0, p['second'] ?? 0);
  const offset = local - at;
  cache.set(bucket, offset);
  return offset;
}

/** Days in month `mo` (1..12) of year `y`, proleptic Gregorian. */
function daysInMonth(y: number, mo: number): number {
  if (mo === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return mo === 4 || mo === 6 || mo === 9 || mo === 11 ? 30 : 31;
}

/**
 * Epoch ms of a local wall time in `timeZone`; null if the fields are out of range or the
 * time does not exist there (DST gap). Ambiguous times (DST fold) give the earlier instant.
 */
export function localToEpoch(timeZone: string, y: number, mo: number, d: number, h = 0, mi = 0, s = 0): number | null {
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo) || h > 23 || mi > 59 || s > 59) return null;
  const wall = Date.UTC(y, mo - 1, d, h, mi, s);
  const before = zoneOffset(timeZone, wall - 86_400_000);
  const after = zoneOffset(timeZone, wall + 86_400_000);
  const u1 = wall - before;
  const ok1 = zoneOffset(timeZone, u1) === before;
  if (before === after) return ok1 ? u1 : null;
  const u2 = wall - after;
  const ok2 = zoneOffset(timeZone, u2) === after;
  if (ok1 && ok2) return Math.min(u1, u2);
  if (ok1) return u1;
  if (ok2) return u2;
  return null;
}

/** Years whose days' midnights `localInstants` keeps in a table (others in a map). */
const TABLE_FIRST_YEAR = 1900;
const TABLE_YEARS = 256;
/** Per time zone: slot `(y − TABLE_FIRST_YEAR)·512 + mo·32 + d` → UTC instant of the local midnight, NaN on a day with an offset change, Infinity when not known yet. */
const midnightTables = new Map<string, Float64Array>();

/**
 * Epoch ms of validated local wall times in `timeZone`, with caches: the UTC instant of each
 * local day's midnight when the day has one offset all day (almost every day), else the start
 * of each local quarter hour (a day with a DST change). Null for impossible values or times
 * skipped by a DST change. Same results as `localToEpoch` for ambiguous times in a fold.
 * Midnights of the years 1900–2155 are kept in a table shared by every parser of the zone
 * (indexed, no hashing: dates of a row jump between days), others in a map.
 */
export function localInstants(timeZone: string): (y: number, mo: number, d: number, h: number, mi: number, s: number) => number | null {
  formatterFor(timeZone);
  let table = midnightTables.get(timeZone);
  if (!table) {
    table = new Float64Array(TABLE_YEARS * 512).fill(Infinity);
    midnightTables.set(timeZone, table);
  }
  const midnights = table;
  /** `(y·16 + mo)·32 + d` → UTC instant of the local midnight, or NaN on a day with an offset change (years outside the table). */
  const days = new Map<number, number>();
  /** Local quarter hour → UTC instant of its start, or NaN when it does not exist. */
  const quarters = new Map<number, number>();
  /** The UTC instant of the local midnight starting the valid day y-mo-d, or NaN when the day has an offset change. */
  const midnightOf = (y: number, mo: number, d: number): number => {
    const dayWall = Date.UTC(y, mo - 1, d);
    const day = Math.floor(dayWall / 86_400_000);
    const before = zoneOffset(timeZone, day * 86_400_000 - 86_400_000);
    return before === zoneOffset(timeZone, day * 86_400_000 + 2 * 86_400_000) ? dayWall - before : Number.NaN;
  };
  return (y, mo, d, h, mi, s) => {
    if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo) || h > 23 || mi > 59 || s > 59) return null;
    let midnight: number;
    const slot = (y - TABLE_FIRST_YEAR) * 512 + mo * 32 + d;
    if (slot >= 0 && slot < midnights.length) {
      midnight = midnights[slot] ?? Infinity;
      if (midnight === Infinity) {
        midnight = midnightOf(y, mo, d);
        midnights[slot] = midnight;
      }
    } else {
      const key = (y * 16 + mo) * 32 + d;
      const cached = days.get(key);
      if (cached === undefined) {
        midnight = midnightOf(y, mo, d);
        days.set(key, midnight);
      } else midnight = cached;
    }
    if (!Number.isNaN(midnight)) return midnight + ((h * 60 + mi) * 60 + s) * 1000;
    const wall = Date.UTC(y, mo - 1, d, h, mi, s);
    const quarter = Math.floor(wall / QUARTER_HOUR);
    let start = quarters.get(quarter);
    if (start === undefined) {
      start = localToEpoch(timeZone, y, mo, d, h, mi - (mi % 15), 0) ?? Number.NaN;
      quarters.set(quarter, start);
    }
    return Number.isNaN(start) ? null : start + ((mi % 15) * 60 + s) * 1000;
  };
}

/** Whether code unit `c` is white space as `\s` in a regular expression matches it. */
export function isRegExpSpace(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0xa0) return false;
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

const isDigitCode = (c: number): boolean => c >= 0x30 && c <= 0x39;

/**
 * Whether `steps` can be matched left to right without backtracking, with the same result as
 * the format's regular expression: every variable-width token is followed by the end or by
 * something that cannot be a digit, and the format neither starts nor ends with white space.
 */
function scannable(steps: readonly FormatStep[]): boolean {
  const first = steps[0];
  const last = steps[steps.length - 1];
  if (first && 'literal' in first && isRegExpSpace(first.literal.charCodeAt(0))) return false;
  if (last && 'literal' in last && isRegExpSpace(last.literal.charCodeAt(last.literal.length - 1))) return false;
  for (let i = 0; i < steps.length; i++) {
    const st = steps[i];
    if (!st || 'literal' in st || st.min === st.max) continue;
    const next = steps[i + 1];
    if (next && !('literal' in next ? !isDigitCode(next.literal.charCodeAt(0)) : next.part === 'ap')) return false;
  }
  return true;
}

const PART_SLOT: Record<Part, number> = { y: 0, mo: 1, d: 2, h: 3, h12: 3, ap: 4, mi: 5, s: 6 };

// Scanner program op codes; each op is four numbers `[op, a, b, slot]`.
/** One literal code unit `a`. */
const OP_CHAR = 0;
/** A run of `a`..`b` digits, stored in `out[slot]`. */
const OP_DIGITS = 1;
/** "AM" or "PM" in any case; 1 for PM is stored in `out[slot]`. */
const OP_AMPM = 2;

/** `steps` as a flat program of ops (literals one code unit per op). */
function program(steps: readonly FormatStep[]): Int32Array {
  const ops: number[] = [];
  for (const st of steps) {
    if ('literal' in st) for (let j = 0; j < st.literal.length; j++) ops.push(OP_CHAR, st.literal.charCodeAt(j), 0, 0);
    else if (st.part === 'ap') ops.push(OP_AMPM, 2, 2, PART_SLOT.ap);
    else ops.push(OP_DIGITS, st.min, st.max, PART_SLOT[st.part]);
  }
  return Int32Array.from(ops);
}

/** The text width every match of `ops` has when every token has a fixed width, else -1. */
function fixedWidth(ops: Int32Array): number {
  let width = 0;
  for (let k = 0; k < ops.length; k += 4) {
    if (ops[k] === OP_CHAR) width += 1;
    else if (ops[k + 1] === ops[k + 2]) width += ops[k + 1] ?? 0;
    else return -1;
  }
  return width;
}

/**
 * A matcher for `steps` reading character codes (no regular expression, no allocation): fills
 * `out` with [year, month, day, hour, pm (1/0), minute, second] and returns true, or false
 * when `text` does not match. Use only when `scannable(steps)`. When every token has a fixed
 * width (YYYY-MM-DD HH:mm:ss), every match has exactly that width and starts and ends with a
 * digit, a letter or a literal that is not white space; so text of that width is read by
 * position without trimming or bounds checks, with the general loop's result.
 */
function scanner(steps: readonly FormatStep[]): (text: string, out: number[]) => boolean {
  const ops = program(steps);
  const n = ops.length;
  const width = fixedWidth(ops);
  return (text, out) => {
    let i = 0;
    let end = text.length;
    if (end === width) {
      for (let k = 0; k < n; k += 4) {
        const op = ops[k];
        if (op === OP_CHAR) {
          if (text.charCodeAt(i) !== ops[k + 1]) return false;
          i++;
        } else if (op === OP_DIGITS) {
          let v = 0;
          for (const stop = i + (ops[k + 1] ?? 0); i < stop; i++) {
            const c = text.charCodeAt(i) - 0x30;
            if (c < 0 || c > 9) return false;
            v = v * 10 + c;
          }
          out[ops[k + 3] ?? 0] = v;
        } else {
          const a = text.charCodeAt(i) | 0x20;
          if ((a !== 0x61 && a !== 0x70) || (text.charCodeAt(i + 1) | 0x20) !== 0x6d) return false;
          out[ops[k + 3] ?? 0] = a === 0x70 ? 1 : 0;
          i += 2;
        }
      }
      return true;
    }
    while (i < end && isRegExpSpace(text.charCodeAt(i))) i++;
    while (end > i && isRegExpSpace(text.charCodeAt(end - 1))) end--;
    for (let k = 0; k < n; k += 4) {
      const op = ops[k];
      if (op === OP_CHAR) {
        if (i >= end || text.charCodeAt(i) !== ops[k + 1]) return false;
        i++;
      } else if (op === OP_DIGITS) {
        const max = ops[k + 2] ?? 0;
        let v = 0;
        let digits = 0;
        while (digits < max && i < end) {
          const c = text.charCodeAt(i) - 0x30;
          if (c < 0 || c > 9) break;
          v = v * 10 + c;
          i++;
          digits++;
        }
        if (digits < (ops[k + 1] ?? 0)) return false;
        out[ops[k + 3] ?? 0] = v;
      } else {
        if (end - i < 2) return false;
        const a = text.charCodeAt(i) | 0x20;
        if ((a !== 0x61 && a !== 0x70) || (text.charCodeAt(i + 1) | 0x20) !== 0x6d) return false;
        out[ops[k + 3] ?? 0] = a === 0x70 ? 1 : 0;
        i += 2;
      }
    }
    return i === end;
  };
}

/** The value of the `len` decimal digits of `text` at `at` (0 when `len` is 0), or -1 when one is not a digit. */
function digitsAt(text: string, at: number, len: number): number {
  let v = 0;
  for (let i = at; i < at + len; i++) {
    const c = text.charCodeAt(i) - 0x30;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

/**
 * For a 24-hour format whose tokens all have a fixed width (YYYY-MM-DD HH:mm:ss), a parser of
 * text of exactly that width that reads each field at its place, with the scanner's result;
 * text of any other width goes to `other`. Null for any other format.
 */
function fixedParser(steps: readonly FormatStep[], instant: ReturnType<typeof localInstants>, other: DateParser): DateParser | null {
  /** Place and digit count of year, month, day, hour, minute, second (count 0: absent, read as 0). */
  const at = [0, 0, 0, 0, 0, 0];
  const len = [0, 0, 0, 0, 0, 0];
  const literals: number[] = [];
  let width = 0;
  for (const st of steps) {
    if ('literal' in st) {
      for (let j = 0; j < st.literal.length; j++) literals.push(width++, st.literal.charCodeAt(j));
      continue;
    }
    if (st.min !== st.max || st.part === 'ap' || st.part === 'h12') return null;
    const slot = ['y', 'mo', 'd', 'h', 'mi', 's'].indexOf(st.part);
    at[slot] = width;
    len[slot] = st.min;
    width += st.min;
  }
  if (width === 19 && len.join() === '4,2,2,2,2,2' && at.join() === '0,5,8,11,14,17') return secondsParser(literals, instant, other);
  const lit = Int32Array.from(literals);
  const [ya = 0, moa = 0, da = 0, ha = 0, mia = 0, sa = 0] = at;
  const [yl = 0, mol = 0, dl = 0, hl = 0, mil = 0, sl = 0] = len;
  return (text) => {
    if (text.length !== width) return other(text);
    for (let k = 0; k < lit.length; k += 2) if (text.charCodeAt(lit[k] ?? 0) !== lit[k + 1]) return null;
    const y = digitsAt(text, ya, yl);
    const mo = digitsAt(text, moa, mol);
    const d = digitsAt(text, da, dl);
    const h = digitsAt(text, ha, hl);
    const mi = digitsAt(text, mia, mil);
    const s = digitsAt(text, sa, sl);
    if (y < 0 || mo < 0 || d < 0 || h < 0 || mi < 0 || s < 0) return null;
    return instant(y, mo, d, h, mi, s);
  };
}

/** Digit value of code unit `c`, or a value above 9 when it is not a digit (unsigned). */
const digit = (c: number): number => (c - 0x30) >>> 0;

/**
 * `fixedParser` for the layout of "YYYY-MM-DD HH:mm:ss" with any one-character separators
 * (`literals`: place, code pairs at 4, 7, 10, 13, 16), the usual export format: straight-line
 * code, no loop and no call per field.
 */
function secondsParser(literals: readonly number[], instant: ReturnType<typeof localInstants>, other: DateParser): DateParser {
  const [, l4 = 0, , l7 = 0, , l10 = 0, , l13 = 0, , l16 = 0] = literals;
  return (text) => {
    if (text.length !== 19) return other(text);
    if (text.charCodeAt(4) !== l4 || text.charCodeAt(7) !== l7 || text.charCodeAt(10) !== l10 || text.charCodeAt(13) !== l13 || text.charCodeAt(16) !== l16) return null;
    const y0 = digit(text.charCodeAt(0));
    const y1 = digit(text.charCodeAt(1));
    const y2 = digit(text.charCodeAt(2));
    const y3 = digit(text.charCodeAt(3));
    const mo0 = digit(text.charCodeAt(5));
    const mo1 = digit(text.charCodeAt(6));
    const d0 = digit(text.charCodeAt(8));
    const d1 = digit(text.charCodeAt(9));
    const h0 = digit(text.charCodeAt(11));
    const h1 = digit(text.charCodeAt(12));
    const mi0 = digit(text.charCodeAt(14));
    const mi1 = digit(text.charCodeAt(15));
    const s0 = digit(text.charCodeAt(17));
    const s1 = digit(text.charCodeAt(18));
    if (y0 > 9 || y1 > 9 || y2 > 9 || y3 > 9 || mo0 > 9 || mo1 > 9 || d0 > 9 || d1 > 9 || h0 > 9 || h1 > 9 || mi0 > 9 || mi1 > 9 || s0 > 9 || s1 > 9) return null;
    return instant(((y0 * 10 + y1) * 10 + y2) * 10 + y3, mo0 * 10 + mo1, d0 * 10 + d1, h0 * 10 + h1, mi0 * 10 + mi1, s0 * 10 + s1);
  };
}

/**
 * Compiles `format` for `timeZone` once; the returned parser does no further compilation.
 * Formats read left to right (all the usual ones) are matched by character codes; others by
 * their regular expression. Instants come from `localInstants` (cached per local day).
 */
export function compileDateParser(format: string, timeZone: string): DateParser {
  if (format === 'ISO') return isoParser(timeZone);
  if (format === 'excel') return excelParser(timeZone);
  const { re, order, steps } = compilePattern(format);
  const instant = localInstants(timeZone);
  const h12 = order.includes('h12');
  if (scannable(steps)) {
    const scan = scanner(steps);
    const out = [0, 0, 0, 0, 0, 0, 0];
    const scanned: DateParser = (text) => {
      out[3] = 0;
      out[5] = 0;
      out[6] = 0;
      if (!scan(text, out)) return null;
      let h = out[3] ?? 0;
      if (h12) {
        if (h < 1 || h > 12) return null;
        h = (h % 12) + (out[4] === 1 ? 12 : 0);
      }
      return instant(out[0] ?? 0, out[1] ?? 0, out[2] ?? 0, h, out[5] ?? 0, out[6] ?? 0);
    };
    return fixedParser(steps, instant, scanned) ?? scanned;
  }
  const iy = order.indexOf('y') + 1;
  const imo = order.indexOf('mo') + 1;
  const id = order.indexOf('d') + 1;
  const ih = (h12 ? order.indexOf('h12') : order.indexOf('h')) + 1;
  const iap = order.indexOf('ap') + 1;
  const imi = order.indexOf('mi') + 1;
  const is = order.indexOf('s') + 1;
  return (text: string): number | null => {
    const m = re.exec(text);
    if (!m) return null;
    let h = ih ? Number(m[ih]) : 0;
    if (h12) {
      if (h < 1 || h > 12) return null;
      h = (h % 12) + ((m[iap] ?? '').toUpperCase() === 'PM' ? 12 : 0);
    }
    return instant(Number(m[iy]), Number(m[imo]), Number(m[id]), h, imi ? Number(m[imi]) : 0, is ? Number(m[is]) : 0);
  };
}

/** Parsers trying several formats in order (the first that parses wins). */
export function compileDateParsers(formats: readonly string[], timeZone: string): DateParser {
  const parsers = formats.map((f) => compileDateParser(f, timeZone));
  if (parsers.length === 1 && parsers[0]) return parsers[0];
  return (text) => {
    for (const p of parsers) {
      const v = p(text);
      if (v !== null) return v;
    }
    return null;
  };
}

/** First instant after the local day `isoDate` (YYYY-MM-DD) in `timeZone`: the "as of" cut-off. */
export function endOfLocalDay(isoDate: string, timeZone: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  const y = Number(m?.[1]);
  const mo = Number(m?.[2]);
  const d = Number(m?.[3]);
  if (!m || localToEpoch(timeZone, y, mo, d, 12) === null) throw new Error(`asOf "${isoDate}" is not a valid YYYY-MM-DD date`);
  // The next calendar day, then its first existing local minute (midnight may fall in a DST gap).
  const next = new Date(Date.UTC(y, mo - 1, d + 1));
  for (let minute = 0; minute < 180; minute += 15) {
    const t = localToEpoch(timeZone, next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate(), Math.floor(minute / 60), minute % 60);
    if (t !== null) return t;
  }
  throw new Error(`asOf "${isoDate}": no start of the next day found in ${timeZone}`);
}

const ISO_RE = /^\s*(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?\s*$/;

/** ISO 8601 (calendar dates): an explicit offset or Z gives the instant; without one, a local time in `timeZone`. */
function isoParser(timeZone: string): DateParser {
  const instant = localInstants(timeZone);
  return (text) => {
    const m = ISO_RE.exec(text);
    if (!m) return null;
    const [, y, mo, d, h = '00', mi = '00', s = '00', frac = '', zone] = m;
    const t = instant(Number(y), Number(mo), Number(d), Number(h), Number(mi), Number(s));
    if (t === null) return null;
    const ms = frac ? Math.floor(Number(`0.${frac}`) * 1000) : 0;
    if (!zone) return t + ms;
    const wall = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
    if (zone === 'Z') return wall + ms;
    const z = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone);
    const offset = (Number(z?.[2]) * 60 + Number(z?.[3] ?? 0)) * 60_000 * (z?.[1] === '-' ? -1 : 1);
    if (Number(z?.[2]) > 14 || Number(z?.[3] ?? 0) > 59) return null;
    return wall - offset + ms;
  };
}

/**
 * Excel serial day numbers (1900 date system: day 1 = 1900-01-01, fraction = time of day) as local
 * time in `timeZone`, to the nearest second. Serials before 1900-03-01 (61) are rejected: Excel
 * counts a 29 February 1900 that never existed.
 */
function excelParser(timeZone: string): DateParser {
  return (text) => {
    const t = text.trim();
    if (!/^\d+(\.\d+)?$/.test(t)) return null;
    const serial = Number(t);
    if (serial < 61 || serial >= 2_958_466) return null;
    const seconds = Math.round(serial * 86_400);
    const wall = Date.UTC(1899, 11, 30) + seconds * 1000;
    const w = new Date(wall);
    return localToEpoch(timeZone, w.getUTCFullYear(), w.getUTCMonth() + 1, w.getUTCDate(), w.getUTCHours(), w.getUTCMinutes(), w.getUTCSeconds());
  };
}
