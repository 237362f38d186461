// Geometry of a heatmap (e.g. client type × need type): a sequential cividis fill per cell,
// the value printed in it in a contrasting colour, suppressed (null) cells hatched with "—". Pure.
import { scaleLinear } from 'd3';
import { type ChartLocale, type YFormat, formatValue, round1 } from './chart-format.ts';
import type { ChartTable } from './chart-figure.ts';
import { sequentialColour, textOn } from './chart-colour.ts';
import { textWidth } from './chart-text.ts';

/** Inputs of heatmapModel. */
export interface HeatmapInput {
  locale: ChartLocale;
  rows: readonly { key: string; label: string }[];
  columns: readonly { key: string; label: string }[];
  /** values[row][column]; null = suppressed. */
  values: readonly (readonly (number | null)[])[];
  valueFormat: YFormat;
  /** Header of the table's first column. */
  rowHeader: string;
}

/** One cell; `fill` null means suppressed (hatched). */
export interface HeatCell {
  x: number;
  y: number;
  fill: string | null;
  text: string;
  textColour: string;
  title: string;
}

/** Everything Heatmap.astro prints; coordinates plot-relative, rounded to 0.1. */
export interface HeatmapModel {
  width: number;
  height: number;
  margin: { top: number; right: number; bottom: number; left: number };
  cellWidth: number;
  cellHeight: number;
  /** Column labels; rotated when they do not fit across a cell. */
  columnLabels: { x: number; label: string }[];
  rotateLabels: boolean;
  rowLabels: { y: number; label: string }[];
  cells: HeatCell[];
  /** Five labelled legend steps, low to high. */
  legend: { fill: string; label: string }[];
  anySuppressed: boolean;
  table: ChartTable;
}

export const HEATMAP_LAYOUT = { width: 640, cellHeight: 34, minCell: 52, fontSize: 12 } as const;

/** Lays out the matrix in the given row and column order; a ragged matrix throws. */
export function heatmapModel(input: HeatmapInput): HeatmapModel {
  const { locale, rows, columns, values, valueFormat, rowHeader } = input;
  const { cellHeight, minCell, fontSize } = HEATMAP_LAYOUT;
  if (values.length !== rows.length || values.some((r) => r.length !== columns.length)) {
    throw new Error(`Heatmap: values must be ${rows.length} rows × ${columns.length} columns (values[row][column], null for suppressed).`);
  }
  const fmt = (v: number | null) => formatValue(v, valueFormat, locale);
  const finite = values.flat().filter((v): v is number => v !== null && Number.isFinite(v));
  const lo = Math.min(0, ...finite);
  const hi = Math.max(lo + (valueFormat === 'percent' ? 0.01 : 1), ...finite);
  const scale = scaleLinear().domain([lo, hi]).range([0, 1]).clamp(true);

  const labelWidth = Math.min(200, Math.max(0, ...rows.map((r) => textWidth(r.label, fontSize))));
  const left = Math.ceil(labelWidth + 14);
  const cellWidth = round1(Math.max(minCell, (HEATMAP_LAYOUT.width - left - 8) / Math.max(1, columns.length)));
  const colLabelWidth = Math.max(0, ...columns.map((c) => textWidth(c.label, fontSize)));
  const rotateLabels = colLabelWidth > cellWidth - 4;
  const margin = { top: rotateLabels ? Math.ceil(colLabelWidth * 0.7 + 16) : 24, right: 8, bottom: 8, left };
  const width = Math.ceil(left + cellWidth * columns.length + margin.right);

  const cells = rows.flatMap((r, i) =>
    columns.map((c, j) => {
      const v = values[i]?.[j] ?? null;
      const ok = v !== null && Number.isFinite(v);
      const fill = ok ? sequentialColour(scale(v)) : null;
      return {
        x: round1(j * cellWidth),
        y: i * cellHeight,
        fill,
        text: fmt(v),
        textColour: fill === null ? '#000000' : textOn(fill),
        title: `${r.label} · ${c.label}: ${fmt(v)}`,
      };
    }),
  );
  const steps = scale.ticks(4);
  return {
    width,
    height: margin.top + rows.length * cellHeight + margin.bottom,
    margin,
    cellWidth,
    cellHeight,
    columnLabels: columns.map((c, j) => ({ x: round1(j * cellWidth + cellWidth / 2), label: c.label })),
    rotateLabels,
    rowLabels: rows.map((r, i) => ({ y: i * cellHeight + cellHeight / 2, label: r.label })),
    cells,
    legend: steps.map((v) => ({ fill: sequentialColour(scale(v)), label: fmt(v) })),
    anySuppressed: cells.some((c) => c.fill === null),
    table: {
      columns: [rowHeader, ...columns.map((c) => c.label)],
      rows: rows.map((r, i) => ({ head: r.label, cells: columns.map((_, j) => fmt(values[i]?.[j] ?? null)) })),
    },
  };
}
