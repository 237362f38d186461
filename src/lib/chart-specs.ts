/**
 * Every chart the site draws, by id: its data (locale-neutral, for the CSV/JSON downloads) and
 * what its component needs (title, one-sentence summary, series) in a locale. Pages, embed pages
 * and the download endpoints all read charts from here, so a download is exactly what is drawn.
 */
import type { DivergingRow } from './chart-diverging.ts';
import type { DotRow } from './chart-dotplot.ts';
import type { HistogramBin } from './chart-histogram.ts';
import type { LineSeries, TargetBand } from './chart-line.ts';
import { type ParetoPoint, effortAt, paretoGroups } from './chart-pareto.ts';
import {
  cityMonth,
  departmentMonth,
  departments,
  kpis,
  meta,
  scores,
  services,
} from './data.ts';
import { changesOf, closeHistogramOf, dailyVolumeOf, kpiOf, serviceMonthOf } from './data-index.ts';
import { formatDate, formatDays, formatNumber, formatPercent } from './format.ts';
import { changeText } from './change-text.ts';
import { t, type Locale } from './i18n.ts';
import { channelKeys, channelRows, departmentName, monthSeries, serviceName } from './lookup.ts';
import { site } from './site.ts';
import { lineSummary, stackedSummary, type YFormat } from './summaries.ts';

/** A chart's data as downloaded: column names and rows of plain values. */
export interface ChartData {
  columns: string[];
  rows: (string | number | null)[][];
}

interface Base {
  id: string;
  /** What the chart is about: the city, a department or a service (named in embed titles). */
  subject?: string;
  title: string;
  summary: string;
  data: ChartData;
}

/** What a chart component needs, by kind. */
export type ChartSpec = Base &
  (
    | { kind: 'line'; series: LineSeries[]; yFormat: YFormat; target?: TargetBand; markers?: { x: string; label: string }[] }
    | { kind: 'bars'; categories: { key: string; label: string }[]; rows: { x: string; values: Record<string, number | null> }[] }
    | { kind: 'histogram'; bins: HistogramBin[]; promisedDays?: number; statutoryDays?: number }
    | { kind: 'calendar'; values: Record<string, number | null>; start: string; end: string }
    | { kind: 'diverging'; rows: DivergingRow[]; rowHeader: string }
    | { kind: 'dotplot'; rows: DotRow[]; valueFormat: YFormat; rowHeader: string; reference?: { value: number; label: string } }
    | { kind: 'pareto'; points: ParetoPoint[] }
  );

/** A chart of the catalogue: its id, whether it gets an /embed/ page, and how to build it. */
export interface Entry {
  id: string;
  embed: boolean;
  build: (locale: Locale) => ChartSpec;
  /** Name of the department or service the chart is about; the city when absent. */
  subject?: (locale: Locale) => string;
}

/** The on-time target drawn as a band on on-time charts. */
export const ON_TIME_TARGET = 0.9;

const tz = () => site().timezone;
const lastDay = (month: string) => {
  const [y, mo] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, mo, 0)).toISOString().slice(0, 10);
};

function lineData(series: LineSeries[]): ChartData {
  const months = series[0]?.points.map((p) => p.x) ?? [];
  return { columns: ['month', ...series.map((s) => s.key)], rows: months.map((m, i) => [m, ...series.map((s) => s.points[i]?.y ?? null)]) };
}

function monthLine(id: string, rows: Parameters<typeof monthSeries>[0], key: 'requests' | 'on_time_rate' | 'satisfaction_rate', titleKey: string, labelKey: string, yFormat: YFormat, opts: { target?: boolean; markers?: (l: Locale) => { x: string; label: string }[] } = {}) {
  return (locale: Locale): ChartSpec => {
    const series = [{ key, label: t(locale, labelKey), points: monthSeries(rows, meta().months, key) }];
    const target = opts.target ? { from: ON_TIME_TARGET, to: 1, label: t(locale, 'chart.target', { value: formatPercent(locale, ON_TIME_TARGET) }) } : undefined;
    const markers = opts.markers?.(locale);
    return {
      kind: 'line',
      id,
      title: t(locale, titleKey),
      summary: lineSummary(locale, series, yFormat, tz()),
      data: lineData(series),
      series,
      yFormat,
      ...(target ? { target } : {}),
      ...(markers && markers.length > 0 ? { markers } : {}),
    };
  };
}

function histogram(id: string, scope: string, key: string, limits: { promised?: number; statutory?: number }) {
  return (locale: Locale): ChartSpec => {
    const all = closeHistogramOf(scope, key);
    // Trailing empty bins are left out (but never those up to a limit drawn on the chart).
    const keepTo = Math.max(limits.promised ?? 0, limits.statutory ?? 0);
    const lastUsed = all.findLastIndex((r) => r.requests !== 0 || r.bin_from <= keepTo);
    const rows = all.slice(0, lastUsed + 1);
    const bins = rows.map((r) => ({ from: r.bin_from, to: r.bin_to, count: r.requests }));
    const known = bins.reduce((a, b) => a + (b.count ?? 0), 0);
    // The scope's closed cases as published (kpis.csv); bins of small counts are hidden, so the
    // shown bins alone would undercount them. Cases in hidden bins = that total − the shown bins.
    const n = kpiOf(scope, key)?.closed ?? known;
    const hidden = Math.max(0, n - known);
    const p = limits.promised;
    const within = p === undefined ? 0 : bins.filter((b) => b.to !== null && b.to <= p).reduce((a, b) => a + (b.count ?? 0), 0);
    // Exact when no hidden bin lies within the limit; else the shown bins give a lower bound.
    const exact = p === undefined || !bins.some((b) => b.count === null && b.to !== null && b.to <= p);
    const mode = bins.reduce<HistogramBin | null>((best, b) => ((b.count ?? -1) > (best?.count ?? -1) ? b : best), null);
    const modeText = mode === null ? '—' : mode.to === null ? t(locale, 'chart.binOpenDays', { from: mode.from }) : mode.from === mode.to ? formatDays(locale, mode.from) : t(locale, 'chart.binDays', { from: mode.from, to: mode.to });
    const values = { n: formatNumber(locale, n), mode: modeText, hidden: formatNumber(locale, hidden) };
    // A lower bound is rounded down (to the 0.1 point shown), so it never claims more than the data.
    const share = n > 0 ? (exact ? within / n : Math.floor((within / n) * 1000) / 1000) : 0;
    const limitValues = p === undefined ? values : { ...values, share: formatPercent(locale, share), limit: formatDays(locale, p) };
    const summary =
      n === 0 || known === 0
        ? t(locale, 'summary.noData', { label: t(locale, 'chart.closeTitle') })
        : p === undefined
          ? t(locale, hidden > 0 ? 'summary.histogramHidden' : 'summary.histogram', values)
          : t(locale, !exact ? 'summary.histogramLimitAtLeast' : hidden > 0 ? 'summary.histogramLimitHidden' : 'summary.histogramLimit', limitValues);
    return {
      kind: 'histogram',
      id,
      title: t(locale, 'chart.closeTitle'),
      summary,
      data: { columns: ['bin_from', 'bin_to', 'requests'], rows: rows.map((r) => [r.bin_from, r.bin_to, r.requests]) },
      bins,
      ...(p !== undefined ? { promisedDays: p } : {}),
      ...(limits.statutory !== undefined ? { statutoryDays: limits.statutory } : {}),
    };
  };
}

function calendar(id: string, key: string) {
  return (locale: Locale): ChartSpec => {
    const rows = dailyVolumeOf(key);
    const values = Object.fromEntries(rows.map((r) => [r.date, r.requests]));
    const top = rows.reduce<(typeof rows)[number] | null>((best, r) => ((r.requests ?? -1) > (best?.requests ?? -1) ? r : best), null);
    // The requests of the period as published (kpis.csv): days of small counts are hidden, so the shown days alone would undercount them.
    const total = kpiOf(key === 'all' ? 'city' : 'department', key)?.requests ?? rows.reduce((a, r) => a + (r.requests ?? 0), 0);
    const hiddenDays = rows.filter((r) => r.requests === null).length;
    // The first busiest day is named; other days as busy are counted, not hidden behind it.
    const ties = top?.requests ? rows.filter((r) => r.requests === top.requests).length - 1 : 0;
    const m = meta();
    return {
      kind: 'calendar',
      id,
      title: t(locale, 'chart.dailyTitle'),
      summary: top?.requests
        ? t(locale, hiddenDays > 0 ? 'summary.calendarHidden' : 'summary.calendar', { n: formatNumber(locale, total), top: formatNumber(locale, top.requests), date: formatDate(locale, top.date, tz()) + (ties > 0 ? t(locale, 'summary.calendarTies', { n: formatNumber(locale, ties) }) : ''), days: formatNumber(locale, hiddenDays) })
        : t(locale, 'summary.noData', { label: t(locale, 'chart.dailyTitle') }),
      data: { columns: ['date', 'requests'], rows: rows.map((r) => [r.date, r.requests]) },
      values,
      start: `${m.period.from}-01`,
      end: lastDay(m.period.to),
    };
  };
}

const LEVELS = ['r1', 'r2', 'r3', 'r4', 'r5'] as const;
/** Services a department's ratings chart draws (those with the most ratings); its data download keeps them all. */
export const RATINGS_CHART_ROWS = 15;

function ratings(id: string, department: string) {
  return (locale: Locale): ChartSpec => {
    const mine = new Set(services().filter((s) => s.department === department).map((s) => s.id));
    const rows = kpis()
      .filter((r) => r.dimension === 'service' && mine.has(r.key) && (r.rated ?? 1) > 0)
      .sort((a, b) => (b.rated ?? -1) - (a.rated ?? -1) || (a.key < b.key ? -1 : 1));
    const dept = kpis().find((r) => r.dimension === 'department' && r.key === department);
    const levelsOf = (r: (typeof rows)[number]) => (r.rated === null ? null : LEVELS.map((l) => r[l]));
    const bad = dept && dept.rated ? ((dept.r1 ?? 0) + (dept.r2 ?? 0)) / dept.rated : null;
    const drawn = rows.slice(0, RATINGS_CHART_ROWS);
    const summary =
      dept?.rated && dept.satisfaction_rate !== null
        ? t(locale, 'summary.ratings', { n: formatNumber(locale, dept.rated), sat: formatPercent(locale, dept.satisfaction_rate), bad: formatPercent(locale, bad) })
        : t(locale, 'summary.noData', { label: t(locale, 'chart.ratingsTitle') });
    return {
      kind: 'diverging',
      id,
      title: t(locale, 'chart.ratingsTitle'),
      summary: drawn.length < rows.length ? `${summary}${locale === 'en' ? ' ' : ''}${t(locale, 'summary.ratingsTop', { shown: drawn.length, total: formatNumber(locale, rows.length) })}` : summary,
      data: { columns: ['service', ...LEVELS], rows: rows.map((r) => [r.key, ...LEVELS.map((l) => r[l])]) },
      rows: drawn.map((r) => ({ key: r.key, label: serviceName(r.key, locale), values: levelsOf(r) })),
      rowHeader: t(locale, 'table.service'),
    };
  };
}

function channels(id: string, department: string) {
  return (locale: Locale): ChartSpec => {
    const categories = channelKeys.map((k) => ({ key: k, label: t(locale, `channel.${k}`) }));
    const rows = channelRows(departmentMonth().filter((r) => r.department === department), meta().months);
    return {
      kind: 'bars',
      id,
      title: t(locale, 'chart.byChannel'),
      summary: stackedSummary(locale, categories, rows, tz()),
      data: { columns: ['month', ...channelKeys], rows: rows.map((r) => [r.x, ...channelKeys.map((k) => r.values[k] ?? null)]) },
      categories,
      rows,
    };
  };
}

/** Ranked departments whose score changed most and least since the previous period (3 each). */
function improved(locale: Locale): ChartSpec {
  const withChange = scores()
    .filter((r) => r.ranked && r.change !== null && r.score !== null)
    .sort((a, b) => (b.change ?? 0) - (a.change ?? 0) || (a.department < b.department ? -1 : 1));
  const picked = withChange.length <= 6 ? withChange : [...withChange.slice(0, 3), ...withChange.slice(-3)];
  const sign = (v: number) => `${v > 0 ? '+' : v < 0 ? '−' : '±'}${formatNumber(locale, Math.abs(v), 1)}`;
  const first = picked[0];
  const last = picked.at(-1);
  return {
    kind: 'dotplot',
    id: 'city-improved',
    title: t(locale, 'chart.improvedTitle'),
    summary:
      first && last && first !== last
        ? t(locale, 'summary.improved', { best: departmentName(first.department, locale), bestChange: sign(first.change ?? 0), worst: departmentName(last.department, locale), worstChange: sign(last.change ?? 0) })
        : t(locale, 'summary.noData', { label: t(locale, 'table.score') }),
    data: { columns: ['department', 'change', 'score', 'score_lo', 'score_hi'], rows: picked.map((r) => [r.department, r.change, r.score, r.score_lo, r.score_hi]) },
    rows: picked.map((r) => ({ key: r.department, label: `${departmentName(r.department, locale)} (${sign(r.change ?? 0)})`, estimate: r.score, low: r.score_lo, high: r.score_hi })),
    valueFormat: 'number',
    rowHeader: t(locale, 'table.department'),
  };
}

function pareto(locale: Locale): ChartSpec {
  const rows = kpis().filter((r) => r.dimension === 'service' && r.requests !== null && r.effort_hours !== null);
  const points = paretoGroups(rows.map((r) => ({ cases: r.requests, effort: r.effort_hours })));
  const at20 = effortAt(points, 0.2);
  // Effort estimated from the methodology's fixed time per case says nothing about which services take more.
  const hours = rows.reduce((a, r) => a + (r.effort_hours ?? 0), 0);
  const estimated = hours > 0 ? rows.reduce((a, r) => a + (r.effort_hours ?? 0) * (r.effort_estimated_share ?? 0), 0) / hours : 0;
  const summary =
    at20 === null
      ? t(locale, 'summary.noData', { label: t(locale, 'chart.paretoTitle') })
      : estimated >= 0.9995
        ? t(locale, 'summary.paretoEstimated')
        : t(locale, estimated > 0 ? 'summary.paretoPartlyEstimated' : 'summary.pareto', { share: formatPercent(locale, at20), estimated: formatPercent(locale, estimated) });
  return {
    kind: 'pareto',
    id: 'clients-pareto',
    title: t(locale, 'chart.paretoTitle'),
    summary,
    data: { columns: ['cum_cases', 'cum_effort'], rows: points.map((p) => [p.cases, p.effort]) },
    points,
  };
}

function changeMarkers(service: string) {
  return (locale: Locale) =>
    changesOf('service', service)
      .filter((c) => c.date !== '')
      .map((c) => ({ x: c.date.slice(0, 7), label: t(locale, 'chart.changeMarker', { date: formatDate(locale, c.date, tz()), change: changeText(locale, c) }) }));
}

let cached: Entry[] | undefined;
let byId: Map<string, Entry> | undefined;

/** The catalogue: city charts, six per department, the main chart and histogram of each service. */
export function chartCatalog(): Entry[] {
  if (cached) return cached;
  const city = cityMonth();
  const out: Entry[] = [
    { id: 'city-volume', embed: true, build: monthLine('city-volume', city, 'requests', 'chart.cityVolume', 'kpi.requests', 'number') },
    { id: 'city-on-time', embed: true, build: monthLine('city-on-time', city, 'on_time_rate', 'chart.cityOnTime', 'kpi.onTime', 'percent', { target: true }) },
    { id: 'city-improved', embed: true, build: improved },
    { id: 'city-daily', embed: true, build: calendar('city-daily', 'all') },
    { id: 'clients-pareto', embed: true, build: pareto },
  ];
  for (const d of departments()) {
    const rows = departmentMonth().filter((r) => r.department === d.id);
    const p = `dept-${d.id}`;
    const subject = (l: Locale) => departmentName(d.id, l);
    out.push(
      { id: `${p}-channels`, embed: true, build: channels(`${p}-channels`, d.id), subject },
      { id: `${p}-on-time`, embed: true, build: monthLine(`${p}-on-time`, rows, 'on_time_rate', 'chart.onTime', 'kpi.onTime', 'percent', { target: true }), subject },
      { id: `${p}-satisfaction`, embed: true, build: monthLine(`${p}-satisfaction`, rows, 'satisfaction_rate', 'chart.satisfaction', 'kpi.satisfaction', 'percent'), subject },
      { id: `${p}-ratings`, embed: true, build: ratings(`${p}-ratings`, d.id), subject },
      { id: `${p}-close`, embed: true, build: histogram(`${p}-close`, 'department', d.id, {}), subject },
      { id: `${p}-daily`, embed: true, build: calendar(`${p}-daily`, d.id), subject },
    );
  }
  for (const s of services()) {
    const rows = serviceMonthOf(s.id);
    const p = `svc-${s.id}`;
    const subject = (l: Locale) => serviceName(s.id, l);
    const wd = (days: number, unit: string) => (unit === 'working' ? days : undefined);
    const promised = wd(s.promised_days, s.promised_unit);
    const statutory = wd(s.statutory_days, s.statutory_unit);
    out.push(
      { id: `${p}-on-time`, embed: true, build: monthLine(`${p}-on-time`, rows, 'on_time_rate', 'chart.promiseKept', 'kpi.promiseKept', 'percent', { markers: changeMarkers(s.id) }), subject },
      { id: `${p}-close`, embed: false, build: histogram(`${p}-close`, 'service', s.id, { ...(promised !== undefined ? { promised } : {}), ...(statutory !== undefined ? { statutory } : {}) }), subject },
    );
  }
  cached = out;
  byId = new Map(out.map((e) => [e.id, e]));
  return out;
}

/** The catalogue entry of chart `id`, or undefined. */
export function chartEntry(id: string): Entry | undefined {
  if (!byId) chartCatalog();
  return byId?.get(id);
}

/** The chart `id` in `locale`; throws for an unknown id so a typo fails the build. */
export function chartSpec(id: string, locale: Locale): ChartSpec {
  const entry = chartEntry(id);
  if (!entry) throw new Error(`chart-specs: no chart "${id}"; add it to chartCatalog() in src/lib/chart-specs.ts.`);
  const spec = entry.build(locale);
  return entry.subject ? { ...spec, subject: entry.subject(locale) } : spec;
}

/** Site-relative URLs of a chart's downloads and embed page. */
export function chartLinks(id: string): { csvHref: string; jsonHref: string } {
  return { csvHref: `/charts/${id}.csv`, jsonHref: `/charts/${id}.json` };
}

/** A cell for CSV: RFC 4180 quoting, empty for null. */
function csvCell(v: string | number | null): string {
  if (v === null) return '';
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The chart's data as CSV text (header row first, CRLF line ends). */
export function chartCsv(data: ChartData): string {
  return [data.columns, ...data.rows].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** The chart's data as JSON text: an array of objects keyed by column. */
export function chartJson(data: ChartData): string {
  return JSON.stringify(data.rows.map((r) => Object.fromEntries(data.columns.map((c, i) => [c, r[i] ?? null]))), null, 1) + '\n';
}
