/**
 * Local date-time parsing for raw exports: a declared format ("YYYY-MM-DD HH:mm:ss",
 * "YYYY/M/D H:mm") read in an IANA time zone, giving epoch milliseconds (UTC).
 * Impossible values (month 13, 2 月 30 日, 25:61, a local time skipped by a DST change)
 * are rejected, never guessed. A time repeated by a DST change takes the earlier instant.
 */

/** Parses one string in one format and zone; null when it does not match or is impossible. */
export type DateParser = (text: string) => number | null;

const TOKENS: Record<string, { re: string; part: 'y' | 'mo' | 'd' | 'h' | 'mi' | 's' }> = {
  YYYY: { re: '(\\d{4})', part: 'y' },
  MM: { re: '(\\d{2})', part: 'mo' },
  M: { re: '(\\d{1,2})', part: 'mo' },
  DD: { re: '(\\d{2})', part: 'd' },
  D: { re: '(\\d{1,2})', part: 'd' },
  HH: { re: '(\\d{2})', part: 'h' },
  H: { re: '(\\d{1,2})', part: 'h' },
  mm: { re: '(\\d{2})', part: 'mi' },
  m: { re: '(\\d{1,2})', part: 'mi' },
  ss: { re: '(\\d{2})', part: 's' },
  s: { re: '(\\d{1,2})', part: 's' },
};
const TOKEN_RE = /YYYY|MM|M|DD|D|HH|H|mm|m|ss|s/g;

/** Throws when `format` has no year, month and day token, naming the format. */
function compilePattern(format: string): { re: RegExp; order: string[] } {
  const order: string[] = [];
  let source = '';
  let last = 0;
  for (const m of format.matchAll(TOKEN_RE)) {
    source += format.slice(last, m.index).replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    const token = TOKENS[m[0]];
    if (!token) throw new Error(`date format "${format}": unknown token "${m[0]}"`);
    if (order.includes(token.part)) throw new Error(`date format "${format}": "${m[0]}" repeats a field`);
    order.push(token.part);
    source += token.re;
    last = m.index + m[0].length;
  }
  source += format.slice(last).replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  for (const need of ['y', 'mo', 'd']) {
    if (!order.includes(need)) throw new Error(`date format "${format}": needs a year (YYYY), month (M or MM) and day (D or DD)`);
  }
  return { re: new RegExp(`^\\s*${source}\\s*$`), order };
}

/** Checks that `format` is usable; returns an error message or null. */
export function dateFormatError(format: string): string | null {
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

/**
 * Compiles `format` for `timeZone` once; the returned parser does no further compilation.
 * Results are cached per local quarter hour (zone offsets change only on quarter hours).
 */
export function compileDateParser(format: string, timeZone: string): DateParser {
  const { re, order } = compilePattern(format);
  formatterFor(timeZone);
  const iy = order.indexOf('y') + 1;
  const imo = order.indexOf('mo') + 1;
  const id = order.indexOf('d') + 1;
  const ih = order.indexOf('h') + 1;
  const imi = order.indexOf('mi') + 1;
  const is = order.indexOf('s') + 1;
  /** Local day → its offset when constant all day, else NaN (a DST change: use quarters). */
  const days = new Map<number, number>();
  /** Local quarter hour → UTC instant of its start, or NaN when it does not exist. */
  const quarters = new Map<number, number>();
  return (text: string): number | null => {
    const m = re.exec(text);
    if (!m) return null;
    const y = Number(m[iy]);
    const mo = Number(m[imo]);
    const d = Number(m[id]);
    const h = ih ? Number(m[ih]) : 0;
    const mi = imi ? Number(m[imi]) : 0;
    const s = is ? Number(m[is]) : 0;
    if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo) || h > 23 || mi > 59 || s > 59) return null;
    const wall = Date.UTC(y, mo - 1, d, h, mi, s);
    const day = Math.floor(wall / 86_400_000);
    let offset = days.get(day);
    if (offset === undefined) {
      const before = zoneOffset(timeZone, day * 86_400_000 - 86_400_000);
      offset = before === zoneOffset(timeZone, day * 86_400_000 + 2 * 86_400_000) ? before : Number.NaN;
      days.set(day, offset);
    }
    if (!Number.isNaN(offset)) return wall - offset;
    const quarter = Math.floor(wall / QUARTER_HOUR);
    let start = quarters.get(quarter);
    if (start === undefined) {
      start = localToEpoch(timeZone, y, mo, d, h, mi - (mi % 15), 0) ?? Number.NaN;
      quarters.set(quarter, start);
    }
    return Number.isNaN(start) ? null : start + ((mi % 15) * 60 + s) * 1000;
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
