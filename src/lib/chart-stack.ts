// Geometry of a monthly stacked bar chart, ready for an Astro template to print.
import { scaleBand } from 'd3';
import { type ChartLocale, formatMonth, formatValue, monthRange, round1 } from './chart-format.ts';
import { seriesColour } from './chart-palette.ts';
import { labelsThatFit, thinMonthTicks, yScale } from './chart-scales.ts';
import { textWidth } from './chart-text.ts';

/** Inputs of stackedBarsModel (the data props of StackedBars.astro). */
export interface StackedBarsInput {
  locale: ChartLocale;
  categories: { key: string; label: string }[];
  rows: { x: string; values: Record<string, number | null> }[];
}

/** One drawn segment of one bar. */
export interface StackSegment {
  key: string;
  x: number;
  y: number;
  width: number;
  height: number;
  colour: string;
  /** Hover text, e.g. "Mar 2025 · Online: 1,234". */
  title: string;
}

/** Everything StackedBars.astro prints; coordinates are plot-relative and rounded to 0.1. */
export interface StackedBarsModel {
  width: number;
  height: number;
  margin: { top: number; right: number; bottom: number; left: number };
  plotWidth: number;
  plotHeight: number;
  xTicks: { x: number; label: string }[];
  yTicks: { y: number; label: string }[];
  segments: StackSegment[];
  /** Bars with at least one suppressed or missing value: a "*" is printed at (x, y). */
  flags: { x: number; y: number }[];
  /** Legend entries, top of the stack first (the order a reader sees them in a bar). */
  legend: { key: string; label: string; colour: string }[];
  empty: boolean;
  table: { columns: string[]; rows: { month: string; label: string; cells: string[] }[] };
}

export const STACK_LAYOUT = { width: 640, height: 300, fontSize: 12 } as const;

/**
 * Stacks categories bottom-up in the given order. A null segment is left out (never drawn
 * as zero) and its bar is flagged; negative values are a data error and throw.
 */
export function stackedBarsModel(input: StackedBarsInput): StackedBarsModel {
  const { locale, categories, rows } = input;
  const { width, height, fontSize } = STACK_LAYOUT;
  const months = monthRange(rows.map((r) => r.x));
  const byMonth = new Map(rows.map((r) => [r.x, r.values]));
  const grid = months.map((m) =>
    categories.map((c) => {
      const v = byMonth.get(m)?.[c.key] ?? null;
      if (v !== null && !(Number.isFinite(v) && v >= 0)) {
        throw new Error(`StackedBars: ${m} "${c.key}" is ${String(v)}; stacked values must be finite and ≥ 0 (use null for suppressed).`);
      }
      return v;
    }),
  );
  const totals = grid.map((vals) => vals.reduce<number>((a, v) => a + (v ?? 0), 0));

  const yLabelWidth = textWidth(formatValue(Math.max(0, ...totals) * 1.2 + 1, 'number', locale), fontSize);
  const margin = { top: 18, right: 12, bottom: 30, left: Math.ceil(yLabelWidth + 14) };
  const plotWidth = width - margin.left - margin.right;
  const plotHeight = height - margin.top - margin.bottom;
  const y = yScale(totals, { range: [plotHeight, 0], zero: true, unit: false, ticks: 5 });
  const x = scaleBand<string>().domain(months).range([0, plotWidth]).paddingInner(0.2).paddingOuter(0.1);
  const bw = round1(x.bandwidth());

  const segments: StackSegment[] = [];
  const flags: { x: number; y: number }[] = [];
  months.forEach((m, i) => {
    const vals = grid[i] as (number | null)[];
    const left = round1(x(m) ?? 0);
    let acc = 0;
    vals.forEach((v, c) => {
      if (v === null || v === 0) return;
      const cat = categories[c] as { key: string; label: string };
      const top = round1(y(acc + v));
      const bottom = round1(y(acc));
      acc += v;
      segments.push({
        key: cat.key,
        x: left,
        y: top,
        width: bw,
        height: round1(bottom - top),
        colour: seriesColour(c),
        title: `${formatMonth(m, locale)} · ${cat.label}: ${formatValue(v, 'number', locale)}`,
      });
    });
    if (vals.some((v) => v === null)) flags.push({ x: round1(left + bw / 2), y: round1(y(acc) - 4) });
  });

  const monthLabelWidth = Math.max(...months.slice(0, 12).map((m) => textWidth(formatMonth(m, locale), fontSize)), 0) + 12;
  const xTicks = thinMonthTicks(months, labelsThatFit(plotWidth, monthLabelWidth)).map((m) => ({
    x: round1((x(m) ?? 0) + x.bandwidth() / 2),
    label: formatMonth(m, locale),
  }));
  const yTicks = y
    .ticks(5)
    .filter((v) => Number.isInteger(v))
    .map((v) => ({ y: round1(y(v)), label: formatValue(v, 'number', locale) }));

  return {
    width,
    height,
    margin,
    plotWidth,
    plotHeight,
    xTicks,
    yTicks,
    segments,
    flags,
    legend: categories.map((c, i) => ({ key: c.key, label: c.label, colour: seriesColour(i) })).reverse(),
    empty: grid.every((vals) => vals.every((v) => v === null)),
    table: {
      columns: categories.map((c) => c.label),
      rows: months.map((m, i) => ({
        month: m,
        label: formatMonth(m, locale),
        cells: (grid[i] as (number | null)[]).map((v) => formatValue(v, 'number', locale)),
      })),
    },
  };
}
