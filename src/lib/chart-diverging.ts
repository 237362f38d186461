// Geometry of a diverging bar chart of the five 好差评 levels: dissatisfied levels left of a
// centre line, satisfied ones right, the neutral level split across it. Pure.
import { scaleLinear } from 'd3';
import { type ChartLocale, formatValue, round1 } from './chart-format.ts';
import type { ChartTable } from './chart-figure.ts';
import { textOn } from './chart-colour.ts';
import { textWidth } from './chart-text.ts';
import { t } from './i18n.ts';

/** Fills of levels 1–5: vermillion (dissatisfied) to blue (satisfied), grey neutral. */
export const LEVEL_COLOURS = ['#B54A00', '#F4A582', '#CFCFCF', '#92C5DE', '#0072B2'] as const;

/** One row: five values (counts or shares, level 1 first); null = suppressed. */
export interface DivergingRow {
  key: string;
  label: string;
  values: readonly (number | null)[] | null;
}

/** Inputs of divergingModel. */
export interface DivergingInput {
  locale: ChartLocale;
  rows: readonly DivergingRow[];
  /** Names of levels 1–5. */
  levels: readonly string[];
  /** How the input values are printed: counts ('number') or shares ('percent'). */
  valueFormat: 'number' | 'percent';
  /** Draw each row as shares of its own total (bars of equal length) instead of raw values. */
  relative: boolean;
  /** Header of the table's first column. */
  rowHeader: string;
  /** Text of a suppressed row's gap. */
  suppressedLabel: string;
}

/** One drawn segment. */
export interface DivergingSegment {
  level: number;
  x: number;
  width: number;
  colour: string;
  /** Value printed inside the segment when it fits, else ''. */
  text: string;
  textColour: string;
  title: string;
}

/** Everything DivergingBars.astro prints; coordinates plot-relative, rounded to 0.1. */
export interface DivergingModel {
  width: number;
  height: number;
  margin: { top: number; right: number; bottom: number; left: number };
  plotWidth: number;
  plotHeight: number;
  centre: number;
  barHeight: number;
  xTicks: { x: number; label: string }[];
  rows: { key: string; label: string; y: number; segments: DivergingSegment[]; gap: string | null }[];
  legend: { level: number; label: string; colour: string }[];
  table: ChartTable;
}

export const DIVERGING_LAYOUT = { width: 640, rowHeight: 30, barHeight: 20, fontSize: 12 } as const;

/** Whether a row can be drawn: five finite, non-negative values with a positive total. */
function drawable(values: DivergingRow['values']): values is readonly number[] {
  return values !== null && values.length === 5 && values.every((v) => v !== null && Number.isFinite(v) && v >= 0) && values.some((v) => (v ?? 0) > 0);
}

/**
 * Lays out the rows top to bottom in the given order. A row with any null value is a
 * labelled gap, never a zero-length bar; negative values or a wrong length throw.
 */
export function divergingModel(input: DivergingInput): DivergingModel {
  const { locale, rows, levels, valueFormat, relative, rowHeader, suppressedLabel } = input;
  const { width, rowHeight, barHeight, fontSize } = DIVERGING_LAYOUT;
  if (levels.length !== 5) throw new Error(`DivergingBars: expected 5 level names, got ${levels.length}.`);
  for (const r of rows) {
    if (r.values !== null && (r.values.length !== 5 || r.values.some((v) => v !== null && !(Number.isFinite(v) && v >= 0)))) {
      throw new Error(`DivergingBars: row "${r.key}" needs 5 values ≥ 0 (level 1 first; null for suppressed), got [${r.values.join(', ')}].`);
    }
  }
  const shown = rows.map((r) => {
    if (!drawable(r.values)) return null;
    const total = r.values.reduce((a, v) => a + v, 0);
    return relative ? r.values.map((v) => v / total) : [...r.values];
  });
  const reach = Math.max(0, ...shown.flatMap((v) => (v ? [v[0]! + v[1]! + v[2]! / 2, v[4]! + v[3]! + v[2]! / 2] : [])));
  const labelWidth = Math.min(260, Math.max(0, ...rows.map((r) => textWidth(r.label, fontSize))));
  const margin = { top: 8, right: 16, bottom: 30, left: Math.ceil(labelWidth + 14) };
  const plotWidth = width - margin.left - margin.right;
  const plotHeight = Math.max(1, rows.length) * rowHeight;
  const x = scaleLinear()
    .domain([-(reach || 1), reach || 1])
    .range([0, plotWidth])
    .nice(6);
  const fmt = relative ? 'percent' : valueFormat;
  const tickFmt = (v: number) => formatValue(Math.abs(v), fmt, locale);

  const laidOut = rows.map((r, i) => {
    const v = shown[i] ?? null;
    const y = round1(i * rowHeight + (rowHeight - barHeight) / 2);
    if (v === null) return { key: r.key, label: r.label, y, segments: [], gap: suppressedLabel };
    let start = -(v[0]! + v[1]! + v[2]! / 2);
    const segments = v.flatMap((val, level) => {
      const x0 = round1(x(start));
      start += val;
      const w = round1(x(start) - x0);
      if (val === 0) return [];
      const colour = LEVEL_COLOURS[level] as string;
      const text = formatValue(val, fmt, locale);
      return [
        {
          level: level + 1,
          x: x0,
          width: w,
          colour,
          text: textWidth(text, fontSize - 1) + 6 <= w ? text : '',
          textColour: textOn(colour),
          title: `${r.label} · ${levels[level] ?? ''}: ${formatValue(r.values?.[level] ?? null, valueFormat, locale)}`,
        },
      ];
    });
    return { key: r.key, label: r.label, y, segments, gap: null };
  });

  return {
    width,
    height: margin.top + plotHeight + margin.bottom,
    margin,
    plotWidth,
    plotHeight,
    centre: round1(x(0)),
    barHeight,
    xTicks: x.ticks(6).map((v) => ({ x: round1(x(v)), label: tickFmt(v) })),
    rows: laidOut,
    legend: levels.map((label, i) => ({ level: i + 1, label, colour: LEVEL_COLOURS[i] as string })),
    table: {
      columns: [rowHeader, ...levels, ...(valueFormat === 'number' ? [t(locale, 'chart.total')] : [])],
      rows: rows.map((r) => ({
        head: r.label,
        cells: [
          ...Array.from({ length: 5 }, (_, l) => formatValue(r.values?.[l] ?? null, valueFormat, locale)),
          ...(valueFormat === 'number' ? [formatValue(r.values && r.values.every((v) => v !== null) ? r.values.reduce<number>((a, v) => a + (v ?? 0), 0) : null, 'number', locale)] : []),
        ],
      })),
    },
  };
}
