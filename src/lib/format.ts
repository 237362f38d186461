/**
 * Number and date formatting with an explicit locale and time zone (never the machine's),
 * so builds are byte-identical in any TZ/LANG. `null` (suppressed or non-existent) becomes "—".
 */
import { cached } from './cached.ts';
import { t, type Locale } from './i18n.ts';

/** The mark shown in place of a suppressed or non-existent figure. */
export const DASH = '—';

const nf = new Map<string, Intl.NumberFormat>();
function numberFormat(locale: Locale, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  return cached(nf, `${locale}|${JSON.stringify(options)}`, () => new Intl.NumberFormat(locale, options));
}

const df = new Map<string, Intl.DateTimeFormat>();
function dateFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  return cached(df, `${locale}|${JSON.stringify(options)}`, () => new Intl.DateTimeFormat(locale, options));
}

const plurals = new Map<Locale, Intl.PluralRules>();
function pluralRules(locale: Locale): Intl.PluralRules {
  return cached(plurals, locale, () => new Intl.PluralRules(locale));
}

const isNum = (v: number | null | undefined): v is number => typeof v === 'number' && Number.isFinite(v);

/** An integer or decimal with grouping ("12,345"); "—" for null. */
export function formatNumber(locale: Locale, v: number | null | undefined, maxFractionDigits = 1): string {
  return isNum(v) ? numberFormat(locale, { maximumFractionDigits: maxFractionDigits }).format(v) : DASH;
}

/** A share in [0, 1] as a percentage with one decimal ("91.2%"); "—" for null. */
export function formatPercent(locale: Locale, v: number | null | undefined): string {
  return isNum(v) ? numberFormat(locale, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(v) : DASH;
}

/** A count of days with its unit: "4 个工作日" / "4 working days" (plural rules for en). */
export function formatDays(locale: Locale, v: number | null | undefined, unit: 'working' | 'natural' = 'working'): string {
  if (!isNum(v)) return DASH;
  const category = pluralRules(locale).select(v);
  const key = `unit.${unit}Days.${category === 'one' ? 'one' : 'other'}`;
  return t(locale, key, { n: formatNumber(locale, v) });
}

/** A time limit as a guide states it; 0 days is "same day" (即办). */
export function formatLimit(locale: Locale, limit: { days: number; unit: 'working' | 'natural' }): string {
  return limit.days === 0 ? t(locale, 'unit.sameDay') : formatDays(locale, limit.days, limit.unit);
}

/** Noon UTC on a calendar date: the same date in any zone from UTC-11 to UTC+11. */
function noonUtc(date: string): Date {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1, 12));
}

/** A calendar date (YYYY-MM-DD) in long form: "2026年10月31日" / "31 October 2026". */
export function formatDate(locale: Locale, date: string, timeZone: string): string {
  return dateFormat(locale === 'en' ? 'en-GB' : locale, { year: 'numeric', month: 'long', day: 'numeric', timeZone }).format(noonUtc(date));
}

/** A month (YYYY-MM): "2026年10月" / "Oct 2026". */
export function formatMonth(locale: Locale, month: string, timeZone: string, long = false): string {
  return dateFormat(locale, { year: 'numeric', month: long ? 'long' : 'short', timeZone }).format(noonUtc(`${month}-15`));
}

/** A file size in bytes, in KB or MB with one decimal. */
export function formatBytes(locale: Locale, bytes: number): string {
  if (bytes < 1024) return t(locale, 'unit.bytes', { n: formatNumber(locale, bytes, 0) });
  if (bytes < 1024 * 1024) return t(locale, 'unit.kb', { n: formatNumber(locale, bytes / 1024) });
  return t(locale, 'unit.mb', { n: formatNumber(locale, bytes / 1024 / 1024) });
}

/** Change of a rate in percentage points ("+2.3 pp"); "" when either side is missing. */
export function formatPointChange(locale: Locale, now: number | null | undefined, before: number | null | undefined): string {
  if (!isNum(now) || !isNum(before)) return '';
  const pp = Math.round((now - before) * 1000) / 10;
  // Always one decimal, as percents are shown ("−4.0 pp" beside "−0.3 pp", not "−4 pp").
  const n = numberFormat(locale, { signDisplay: 'exceptZero', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(pp);
  return t(locale, 'change.points', { n });
}

/** Relative change of a count ("+12.0%"); "" when either side is missing or the base is 0. */
export function formatRelativeChange(locale: Locale, now: number | null | undefined, before: number | null | undefined): string {
  if (!isNum(now) || !isNum(before) || before === 0) return '';
  const n = numberFormat(locale, { style: 'percent', signDisplay: 'exceptZero', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format((now - before) / before);
  return t(locale, 'change.relative', { n });
}
