// Geometry of a histogram of time to close in working days, with the promised (and
// optionally statutory) limit marked. Bins are whole-day ranges drawn as equal-width bars. Pure.
import { scaleBand } from 'd3';
import { type ChartLocale, formatValue, round1 } from './chart-format.ts';
import type { ChartTable } from './chart-figure.ts';
import { labelsThatFit, yScale } from './chart-scales.ts';
import { textWidth } from './chart-text.ts';

/** One bin: cases closed in `from`..`to` working days inclusive (`to` null = "from or more"); count null = suppressed. */
export interface HistogramBin {
  from: number;
  to: number | null;
  count: number | null;
}

/** A limit marked on the chart: cases left of the line took at most `days` working days. */
export interface HistogramLimit {
  days: number;
  label: string;
  /** The promised limit is drawn solid; the statutory one dashed. */
  kind: 'promised' | 'statutory';
}

/** Inputs of histogramModel. */
export interface HistogramInput {
  locale: ChartLocale;
  bins: readonly HistogramBin[];
  limits: readonly HistogramLimit[];
  /** Formats a bin's range for labels: (from, to) → "3–5", (21, null) → "21 or more". */
  binLabel: (from: number, to: number | null) => string;
  /** Header of the table's bin column and of the count column. */
  headers: [string, string, string];
}

/** Everything Histogram.astro prints; coordinates plot-relative, rounded to 0.1. */
export interface HistogramModel {
  width: number;
  height: number;
  margin: { top: number; right: number; bottom: number; left: number };
  plotWidth: number;
  plotHeight: number;
  bars: { x: number; y: number; width: number; height: number; within: boolean; title: string }[];
  /** Suppressed bins: a hatched column with a dash. */
  gaps: { x: number; width: number; title: string }[];
  xTicks: { x: number; label: string }[];
  yTicks: { y: number; label: string }[];
  limits: { x: number; label: string; kind: 'promised' | 'statutory'; labelY: number; anchor: 'start' | 'end' }[];
  empty: boolean;
  table: ChartTable;
}

export const HISTOGRAM_LAYOUT = { width: 640, height: 300, fontSize: 12, limitRow: 16 } as const;

/**
 * The x position (in bands) where `days` ends: the right edge of the bin whose range ends on
 * it, else proportionally inside the bin that contains it; null when no bin reaches it.
 */
export function limitPosition(bins: readonly HistogramBin[], days: number): number | null {
  for (let i = 0; i < bins.length; i++) {
    const b = bins[i] as HistogramBin;
    const end = b.to === null ? Infinity : b.to + 1;
    if (days + 1 <= end && days + 1 > b.from) {
      if (b.to === null) return i + 0.5;
      return i + (days + 1 - b.from) / (end - b.from);
    }
  }
  return null;
}

/** Validates bins: sorted, whole-day, non-overlapping, only the last open, counts ≥ 0 or null. */
export function checkBins(bins: readonly HistogramBin[]): void {
  bins.forEach((b, i) => {
    const prev = bins[i - 1];
    const bad =
      !Number.isInteger(b.from) ||
      b.from < 0 ||
      (b.to !== null && (!Number.isInteger(b.to) || b.to < b.from)) ||
      (b.to === null && i !== bins.length - 1) ||
      (prev !== undefined && (prev.to === null || b.from <= prev.to)) ||
      (b.count !== null && !(Number.isFinite(b.count) && b.count >= 0));
    if (bad) throw new Error(`Histogram: bin ${i} {from: ${b.from}, to: ${String(b.to)}, count: ${String(b.count)}} is invalid; bins must be sorted whole-day ranges (from ≤ to, only the last may have to: null) with counts ≥ 0 or null.`);
  });
}

/** Lays out the histogram; bars inside the promised limit are marked `within`. */
export function histogramModel(input: HistogramInput): HistogramModel {
  const { locale, bins, limits, binLabel, headers } = input;
  checkBins(bins);
  const { width, height, fontSize, limitRow } = HISTOGRAM_LAYOUT;
  const counts = bins.map((b) => b.count);
  const total = counts.every((c) => c !== null) ? counts.reduce<number>((a, c) => a + (c ?? 0), 0) : null;
  const yLabelWidth = textWidth(formatValue(Math.max(0, ...counts.map((c) => c ?? 0)) * 1.2 + 1, 'number', locale), fontSize);
  const margin = { top: 8 + limitRow * Math.max(1, limits.length), right: 12, bottom: 30, left: Math.ceil(yLabelWidth + 14) };
  const plotWidth = width - margin.left - margin.right;
  const plotHeight = height - margin.top - margin.bottom;
  const idx = bins.map((_, i) => String(i));
  const x = scaleBand<string>().domain(idx).range([0, plotWidth]).paddingInner(0.06).paddingOuter(0.03);
  const y = yScale(counts, { range: [plotHeight, 0], zero: true, unit: false, ticks: 5 });
  const bw = round1(x.bandwidth());
  const step = x.step();
  const bandX = (pos: number) => (x('0') ?? 0) - (step - x.bandwidth()) / 2 + pos * step;
  const promised = limits.find((l) => l.kind === 'promised');
  const label = (b: HistogramBin) => binLabel(b.from, b.to);

  const bars: HistogramModel['bars'] = [];
  const gaps: HistogramModel['gaps'] = [];
  bins.forEach((b, i) => {
    const left = round1(x(String(i)) ?? 0);
    if (b.count === null) {
      gaps.push({ x: left, width: bw, title: `${label(b)}: —` });
      return;
    }
    const top = round1(y(b.count));
    bars.push({
      x: left,
      y: top,
      width: bw,
      height: round1(plotHeight - top),
      within: promised !== undefined && b.to !== null && b.to <= promised.days,
      title: `${label(b)}: ${formatValue(b.count, 'number', locale)}`,
    });
  });

  const labelWidth = Math.max(0, ...bins.map((b) => textWidth(label(b), fontSize))) + 8;
  const every = Math.ceil(bins.length / labelsThatFit(plotWidth, labelWidth));
  const xTicks = bins.flatMap((b, i) => (i % every === 0 ? [{ x: round1((x(String(i)) ?? 0) + x.bandwidth() / 2), label: label(b) }] : []));
  const yTicks = y
    .ticks(5)
    .filter((v) => Number.isInteger(v))
    .map((v) => ({ y: round1(y(v)), label: formatValue(v, 'number', locale) }));

  const drawnLimits = limits.flatMap((l, k) => {
    const pos = limitPosition(bins, l.days);
    if (pos === null) return [];
    const lx = round1(Math.min(plotWidth, Math.max(0, bandX(pos))));
    return [{ x: lx, label: l.label, kind: l.kind, labelY: -limitRow * (limits.length - k) + 4, anchor: lx > plotWidth - textWidth(l.label, fontSize) - 8 ? ('end' as const) : ('start' as const) }];
  });

  return {
    width,
    height,
    margin,
    plotWidth,
    plotHeight,
    bars,
    gaps,
    xTicks,
    yTicks,
    limits: drawnLimits,
    empty: counts.every((c) => c === null),
    table: {
      columns: headers,
      rows: bins.map((b) => ({
        head: label(b),
        cells: [formatValue(b.count, 'number', locale), formatValue(b.count !== null && total ? b.count / total : null, 'percent', locale)],
      })),
    },
  };
}
