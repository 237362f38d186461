/**
 * One-sentence text summaries of charts, computed from the same data the chart draws,
 * so a reader without the picture (or without sight) gets the point.
 */
import { t, type Locale } from './i18n.ts';
import { formatDays, formatMonth, formatNumber, formatPercent } from './format.ts';

export type YFormat = 'percent' | 'number' | 'days';

interface Point {
  x: string;
  y: number | null;
}

/** Formats a value the way the chart's axis does. */
export function formatY(locale: Locale, v: number | null, yFormat: YFormat): string {
  if (yFormat === 'percent') return formatPercent(locale, v);
  if (yFormat === 'days') return formatDays(locale, v);
  return formatNumber(locale, v);
}

/** First and last points with a value, or undefined when there are fewer than two. */
function ends(points: Point[]): [Point & { y: number }, Point & { y: number }] | undefined {
  const known = points.filter((p): p is Point & { y: number } => p.y !== null && Number.isFinite(p.y));
  const first = known[0];
  const last = known[known.length - 1];
  return first && last && known.length >= 2 ? [first, last] : undefined;
}

/** "On-time rate rose from 82.0% in Nov 2024 to 91.0% in Oct 2026." for each series, joined. */
export function lineSummary(locale: Locale, series: { label: string; points: Point[] }[], yFormat: YFormat, timeZone: string): string {
  const sentences = series.map((s) => {
    const e = ends(s.points);
    if (!e) return t(locale, 'summary.noData', { label: s.label });
    const [a, b] = e;
    const verb = b.y > a.y ? 'summary.rose' : b.y < a.y ? 'summary.fell' : 'summary.flat';
    return t(locale, verb, {
      label: s.label,
      from: formatY(locale, a.y, yFormat),
      to: formatY(locale, b.y, yFormat),
      start: formatMonth(locale, a.x, timeZone),
      end: formatMonth(locale, b.x, timeZone),
    });
  });
  return sentences.join(t(locale, 'summary.join'));
}

/** Summary of stacked monthly bars: the range of monthly totals and the largest category overall. */
export function stackedSummary(
  locale: Locale,
  categories: { key: string; label: string }[],
  rows: { x: string; values: Record<string, number | null> }[],
  timeZone: string,
): string {
  const totals = rows.map((r) => ({ x: r.x, y: Object.values(r.values).reduce<number>((s, v) => s + (v ?? 0), 0) }));
  if (totals.length === 0) return t(locale, 'summary.noData', { label: t(locale, 'kpi.requests') });
  let low = totals[0]!;
  let high = totals[0]!;
  for (const p of totals) {
    if (p.y < low.y) low = p;
    if (p.y > high.y) high = p;
  }
  const byCategory = categories.map((c) => ({ label: c.label, sum: rows.reduce((s, r) => s + (r.values[c.key] ?? 0), 0) }));
  const top = byCategory.reduce((a, b) => (b.sum > a.sum ? b : a), byCategory[0] ?? { label: '', sum: 0 });
  return t(locale, 'summary.stacked', {
    low: formatNumber(locale, low.y),
    lowMonth: formatMonth(locale, low.x, timeZone),
    high: formatNumber(locale, high.y),
    highMonth: formatMonth(locale, high.x, timeZone),
    top: top.label,
  });
}
