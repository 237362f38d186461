// Number and month formatting for chart axes, labels and data tables.
// Pure: output depends only on the arguments (and the ICU data of the Node that builds).

import { cached } from './cached.ts';

/** Locales a chart can be rendered in. */
export type ChartLocale = 'zh-CN' | 'en';

/** How y values are shown: shares 0–1 as percent, counts with grouping, durations in days. */
export type YFormat = 'percent' | 'number' | 'days';

/** Shown wherever a value is missing or suppressed; never a zero. */
export const MISSING = '—';

const MONTH_RE = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** Parses "YYYY-MM" into a month index (year × 12 + month − 1); throws on anything else. */
export function parseMonth(ym: string): number {
  const m = MONTH_RE.exec(ym);
  if (!m) throw new Error(`Chart month "${ym}" is not in YYYY-MM form (e.g. "2025-03"); fix the data passed to the chart.`);
  return Number(m[1]) * 12 + Number(m[2]) - 1;
}

/** Inverse of parseMonth: a month index back to "YYYY-MM". */
export function monthKey(index: number): string {
  const y = Math.floor(index / 12);
  const m = index - y * 12 + 1;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}`;
}

/** Every month from the earliest to the latest of `months`, sorted, no gaps; [] for []. */
export function monthRange(months: readonly string[]): string[] {
  if (months.length === 0) return [];
  const idx = months.map(parseMonth);
  const lo = Math.min(...idx);
  const hi = Math.max(...idx);
  const out: string[] = [];
  for (let i = lo; i <= hi; i++) out.push(monthKey(i));
  return out;
}

const monthFormats = new Map<ChartLocale, Intl.DateTimeFormat>();
/** Labels already formatted, by locale and month: a site draws the same few dozen months on every chart. */
const monthLabels = new Map<string, string>();

/** "2025-03" → "2025年3月" (zh-CN) or "Mar 2025" (en); computed in UTC on the 1st so no time zone can shift it. */
export function formatMonth(ym: string, locale: ChartLocale): string {
  return cached(monthLabels, `${locale}|${ym}`, () => {
    const f = cached(monthFormats, locale, () => new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'short', timeZone: 'UTC' }));
    const i = parseMonth(ym);
    return f.format(new Date(Date.UTC(Math.floor(i / 12), i % 12, 1)));
  });
}

const numberFormats = new Map<string, Intl.NumberFormat>();

function numberFormat(locale: ChartLocale, yFormat: YFormat): Intl.NumberFormat {
  return cached(numberFormats, `${locale}|${yFormat}`, () => {
    const options: Intl.NumberFormatOptions =
      yFormat === 'percent'
        ? { style: 'percent', minimumFractionDigits: 0, maximumFractionDigits: 1 }
        : yFormat === 'days'
          ? { style: 'unit', unit: 'day', unitDisplay: 'short', minimumFractionDigits: 1, maximumFractionDigits: 1 }
          : { useGrouping: true, maximumFractionDigits: 2 };
    return new Intl.NumberFormat(locale, options);
  });
}

/** Formats a y value for axes, labels and tables; null (suppressed or missing) becomes "—". */
export function formatValue(value: number | null, yFormat: YFormat, locale: ChartLocale): string {
  if (value === null || !Number.isFinite(value)) return MISSING;
  return numberFormat(locale, yFormat).format(value);
}

/** Rounds to one decimal for SVG attributes, so output bytes do not vary; never returns -0. */
export function round1(n: number): number {
  const r = Math.round(n * 10) / 10;
  return r === 0 ? 0 : r;
}
