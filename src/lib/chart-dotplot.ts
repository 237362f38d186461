// Geometry of a dot plot comparing departments: a dot per estimate, whiskers for its 95%
// interval, an optional reference line (e.g. the city value). Rows keep the caller's order. Pure.
import { type ChartLocale, type YFormat, formatValue, round1 } from './chart-format.ts';
import type { ChartTable } from './chart-figure.ts';
import { yScale } from './chart-scales.ts';
import { textWidth } from './chart-text.ts';

/** One row: an estimate with its interval; null estimate = no figure (suppressed or too few cases). */
export interface DotRow {
  key: string;
  label: string;
  estimate: number | null;
  low: number | null;
  high: number | null;
}

/** Inputs of dotPlotModel. */
export interface DotPlotInput {
  locale: ChartLocale;
  rows: readonly DotRow[];
  valueFormat: YFormat;
  reference?: { value: number; label: string } | undefined;
  /** Table headers: row header, estimate, low, high. */
  headers: [string, string, string, string];
}

/** Everything DotPlot.astro prints; coordinates plot-relative, rounded to 0.1. */
export interface DotPlotModel {
  width: number;
  height: number;
  margin: { top: number; right: number; bottom: number; left: number };
  plotWidth: number;
  plotHeight: number;
  xTicks: { x: number; label: string }[];
  rows: {
    key: string;
    label: string;
    y: number;
    /** null when the row has no estimate: a "—" is printed instead. */
    dot: { x: number; text: string; textX: number } | null;
    whisker: { x1: number; x2: number } | null;
    title: string;
  }[];
  reference: { x: number; label: string } | null;
  anyMissing: boolean;
  table: ChartTable;
}

export const DOT_LAYOUT = { width: 640, rowHeight: 26, fontSize: 12 } as const;

const num = (v: number | null): v is number => v !== null && Number.isFinite(v);

/** Lays out one row per department; an interval that does not contain its estimate throws. */
export function dotPlotModel(input: DotPlotInput): DotPlotModel {
  const { locale, rows, valueFormat, reference, headers } = input;
  const { width, rowHeight, fontSize } = DOT_LAYOUT;
  for (const r of rows) {
    if (num(r.estimate) && ((num(r.low) && r.low > r.estimate) || (num(r.high) && r.high < r.estimate))) {
      throw new Error(`DotPlot: row "${r.key}" has estimate ${r.estimate} outside its interval [${String(r.low)}, ${String(r.high)}]; check the low/high columns.`);
    }
  }
  const values = rows.flatMap((r) => (num(r.estimate) ? [r.estimate, r.low, r.high] : [])).concat(reference ? [reference.value] : []);
  const labelWidth = Math.min(300, Math.max(0, ...rows.map((r) => textWidth(r.label, fontSize))));
  const valueWidth = Math.max(24, ...rows.map((r) => textWidth(formatValue(r.estimate, valueFormat, locale), fontSize - 1)));
  const margin = { top: reference ? 22 : 8, right: Math.ceil(valueWidth + 14), bottom: 30, left: Math.ceil(labelWidth + 14) };
  const plotWidth = width - margin.left - margin.right;
  const plotHeight = Math.max(1, rows.length) * rowHeight;
  const x = yScale(values, { range: [0, plotWidth], zero: valueFormat === 'number', unit: valueFormat === 'percent', ticks: 6 });
  const px = (v: number) => round1(Math.min(plotWidth, Math.max(0, x(v))));
  const fmt = (v: number | null) => formatValue(v, valueFormat, locale);

  return {
    width,
    height: margin.top + plotHeight + margin.bottom,
    margin,
    plotWidth,
    plotHeight,
    xTicks: x.ticks(6).map((v) => ({ x: px(v), label: fmt(v) })),
    rows: rows.map((r, i) => {
      const y = round1(i * rowHeight + rowHeight / 2);
      if (!num(r.estimate)) return { key: r.key, label: r.label, y, dot: null, whisker: null, title: `${r.label}: —` };
      const hasInterval = num(r.low) && num(r.high);
      const right = hasInterval ? px(r.high as number) : px(r.estimate);
      return {
        key: r.key,
        label: r.label,
        y,
        dot: { x: px(r.estimate), text: fmt(r.estimate), textX: round1(right + 8) },
        whisker: hasInterval ? { x1: px(r.low as number), x2: right } : null,
        title: `${r.label}: ${fmt(r.estimate)}${hasInterval ? ` (${fmt(r.low)}–${fmt(r.high)})` : ''}`,
      };
    }),
    reference: reference ? { x: px(reference.value), label: `${reference.label} ${fmt(reference.value)}` } : null,
    anyMissing: rows.some((r) => !num(r.estimate)),
    table: {
      columns: headers,
      rows: rows.map((r) => ({ head: r.label, cells: [fmt(r.estimate), fmt(num(r.estimate) ? r.low : null), fmt(num(r.estimate) ? r.high : null)] })),
    },
  };
}
