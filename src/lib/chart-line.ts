// Geometry of a multi-series monthly line chart, ready for an Astro template to print.
import { line, max, scalePoint } from 'd3';
import { type ChartLocale, type YFormat, formatMonth, formatValue, monthRange, round1 } from './chart-format.ts';
import { seriesColour, seriesDash } from './chart-palette.ts';
import { dodge, labelsThatFit, thinMonthTicks, yScale } from './chart-scales.ts';
import { textWidth } from './chart-text.ts';

/** One line: a key, a label, and a value per month (null = suppressed or missing). */
export interface LineSeries {
  key: string;
  label: string;
  points: { x: string; y: number | null }[];
}

/** A shaded band of acceptable values, e.g. on time 0.9..1. */
export interface TargetBand {
  from: number;
  to: number;
  label: string;
}

/** Inputs of lineChartModel (the data props of LineChart.astro). */
export interface LineChartInput {
  locale: ChartLocale;
  series: LineSeries[];
  yFormat: YFormat;
  target?: TargetBand | undefined;
  /** Dated events drawn as vertical rules (e.g. guide changes): month 'YYYY-MM' and a short label. */
  markers?: readonly { x: string; label: string }[] | undefined;
}

/** Everything LineChart.astro prints; coordinates are plot-relative and rounded to 0.1. */
export interface LineChartModel {
  width: number;
  height: number;
  margin: { top: number; right: number; bottom: number; left: number };
  plotWidth: number;
  plotHeight: number;
  months: string[];
  xTicks: { x: number; label: string }[];
  yTicks: { y: number; label: string }[];
  band: { y: number; height: number; label: string } | null;
  /** Event rules at a month inside the chart, numbered 1.. in date order; `row` stacks numbers sharing a month. */
  markers: { x: number; n: number; row: number; label: string }[];
  lines: {
    key: string;
    label: string;
    colour: string;
    dash: string;
    /** SVG path data; null when the series has no two consecutive values. */
    d: string | null;
    /** Points with no defined neighbour, drawn as dots because a line cannot show them. */
    dots: { x: number; y: number }[];
    /** End label beside the plot at the last value's height; null when the series has no values. */
    end: { y: number } | null;
  }[];
  empty: boolean;
  table: { columns: string[]; rows: { month: string; label: string; cells: string[] }[] };
}

export const LINE_LAYOUT = { width: 640, height: 300, fontSize: 12, labelGap: 14, swatch: 18 } as const;

/** A path worth drawing: null when it is empty or only isolated points (those become dots). */
function drawable(d: string | null): string | null {
  return d !== null && d.includes('L') ? d : null;
}

/** Lays out a monthly line chart: gaps for nulls and missing months, end labels dodged apart. */
export function lineChartModel(input: LineChartInput): LineChartModel {
  const { locale, series, yFormat, target, markers = [] } = input;
  const { width, height, fontSize, labelGap, swatch } = LINE_LAYOUT;
  const months = monthRange(series.flatMap((s) => s.points.map((p) => p.x)));
  const byMonth = series.map((s) => {
    const m = new Map<string, number | null>();
    for (const p of s.points) m.set(p.x, p.y !== null && Number.isFinite(p.y) ? p.y : null);
    return months.map((month) => m.get(month) ?? null);
  });

  const widest = max(series, (s) => textWidth(s.label, fontSize)) ?? 0;
  const right = Math.min(200, Math.ceil(12 + swatch + 4 + widest));
  const yLabelWidth = max([0, 0.5, 1, 1234.5], (v) => textWidth(formatValue(v, yFormat, locale), fontSize)) ?? 40;
  const margin = { top: 12, right, bottom: 30, left: Math.ceil(yLabelWidth + 14) };
  const plotWidth = width - margin.left - margin.right;
  const plotHeight = height - margin.top - margin.bottom;

  const all = byMonth.flat();
  const y = yScale(target ? [...all, target.from, target.to] : all, {
    range: [plotHeight, 0],
    zero: yFormat !== 'percent',
    unit: yFormat === 'percent',
    ticks: 5,
  });
  const x = scalePoint<string>().domain(months).range([0, plotWidth]);
  const px = (m: string) => round1(x(m) ?? 0);
  const py = (v: number) => round1(y(v));

  const monthLabelWidth = Math.max(...months.slice(0, 12).map((m) => textWidth(formatMonth(m, locale), fontSize)), 0) + 12;
  const xTicks = thinMonthTicks(months, labelsThatFit(plotWidth + monthLabelWidth, monthLabelWidth)).map((m) => ({
    x: px(m),
    label: formatMonth(m, locale),
  }));
  const yTicks = y.ticks(5).map((v) => ({ y: py(v), label: formatValue(v, yFormat, locale) }));

  const path = line<number | null>()
    .defined((v) => v !== null)
    .x((_, i) => x(months[i] as string) ?? 0)
    .y((v) => y(v ?? 0))
    .digits(1);

  const lastIdx = byMonth.map((vals) => vals.findLastIndex((v) => v !== null));
  const endTargets = byMonth.map((vals, s) => {
    const i = lastIdx[s] as number;
    return i < 0 ? 0 : y(vals[i] as number);
  });
  const endYs = dodge(endTargets, labelGap, 0, plotHeight);

  const lines = series.map((s, si) => {
    const vals = byMonth[si] as (number | null)[];
    const dots = vals.flatMap((v, i) =>
      v !== null && (vals[i - 1] ?? null) === null && (vals[i + 1] ?? null) === null
        ? [{ x: px(months[i] as string), y: py(v) }]
        : [],
    );
    return {
      key: s.key,
      label: s.label,
      colour: seriesColour(si),
      dash: seriesDash(si),
      d: drawable(path(vals)),
      dots,
      end: (lastIdx[si] as number) < 0 ? null : { y: round1(endYs[si] as number) },
    };
  });

  const band = target
    ? (() => {
        const [d0, d1] = y.domain() as [number, number];
        const lo = Math.max(Math.min(target.from, target.to), d0);
        const hi = Math.min(Math.max(target.from, target.to), d1);
        return { y: py(hi), height: round1(Math.max(0, y(lo) - y(hi))), label: target.label };
      })()
    : null;

  const monthSet = new Set(months);
  const rules = [...markers]
    .filter((mk) => monthSet.has(mk.x))
    .sort((a, b) => (a.x < b.x ? -1 : a.x > b.x ? 1 : 0))
    .map((mk, i, all) => ({ x: px(mk.x), n: i + 1, row: all.slice(0, i).filter((o) => o.x === mk.x).length, label: mk.label }));

  return {
    width,
    height,
    margin,
    plotWidth,
    plotHeight,
    months,
    xTicks,
    yTicks,
    band,
    markers: rules,
    lines,
    empty: all.every((v) => v === null),
    table: {
      columns: series.map((s) => s.label),
      rows: months.map((m, i) => ({
        month: m,
        label: formatMonth(m, locale),
        cells: byMonth.map((vals) => formatValue(vals[i] ?? null, yFormat, locale)),
      })),
    },
  };
}
