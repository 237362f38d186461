// Geometry of the client pyramid: per tier, share of requests (left) against share of effort
// (right) as back-to-back bars on one scale, the last tier (IV) on top. Pure.
import { scaleLinear } from 'd3';
import { type ChartLocale, formatValue, round1 } from './chart-format.ts';
import type { ChartTable } from './chart-figure.ts';
import { textWidth } from './chart-text.ts';

/** One tier: shares in [0, 1]; null = suppressed. */
export interface PyramidTier {
  key: string;
  label: string;
  requests: number | null;
  effort: number | null;
}

/** Everything Pyramid.astro prints; coordinates plot-relative, rounded to 0.1. */
export interface PyramidModel {
  width: number;
  height: number;
  margin: { top: number; right: number; bottom: number; left: number };
  plotWidth: number;
  plotHeight: number;
  /** Centre column: tier labels sit between leftEnd and rightStart. */
  leftEnd: number;
  rightStart: number;
  barHeight: number;
  rows: {
    key: string;
    label: string;
    y: number;
    left: { x: number; width: number; text: string; textX: number } | null;
    right: { x: number; width: number; text: string; textX: number } | null;
  }[];
  table: ChartTable;
}

export const PYRAMID_LAYOUT = { width: 640, rowHeight: 40, barHeight: 28, fontSize: 12, valueRoom: 48 } as const;

const share = (v: number | null): v is number => v !== null && Number.isFinite(v);

/** Lays out tiers given bottom-up (I first): the last tier is drawn on top. Shares outside [0, 1] throw. */
export function pyramidModel(locale: ChartLocale, tiers: readonly PyramidTier[], headers: [string, string, string]): PyramidModel {
  const { width, rowHeight, barHeight, fontSize, valueRoom } = PYRAMID_LAYOUT;
  for (const tr of tiers) {
    for (const v of [tr.requests, tr.effort]) {
      if (v !== null && !(Number.isFinite(v) && v >= 0 && v <= 1)) throw new Error(`Pyramid: tier "${tr.key}" has share ${v}; shares must be in [0, 1] (null for suppressed).`);
    }
  }
  const centre = Math.max(40, ...tiers.map((tr) => textWidth(tr.label, fontSize))) + 16;
  const margin = { top: 24, right: 8, bottom: 8, left: 8 };
  const plotWidth = width - margin.left - margin.right;
  const plotHeight = Math.max(1, tiers.length) * rowHeight;
  const half = (plotWidth - centre) / 2;
  const leftEnd = half;
  const rightStart = half + centre;
  const maxShare = Math.max(0.01, ...tiers.flatMap((tr) => [tr.requests, tr.effort].filter(share)));
  const len = scaleLinear().domain([0, maxShare]).range([0, half - valueRoom]);
  const fmt = (v: number | null) => formatValue(v, 'percent', locale);

  const rows = [...tiers].reverse().map((tr, i) => {
    const y = round1(i * rowHeight + (rowHeight - barHeight) / 2);
    const lw = share(tr.requests) ? round1(len(tr.requests)) : null;
    const rw = share(tr.effort) ? round1(len(tr.effort)) : null;
    return {
      key: tr.key,
      label: tr.label,
      y,
      left: lw === null ? null : { x: round1(leftEnd - lw), width: lw, text: fmt(tr.requests), textX: round1(leftEnd - lw - 6) },
      right: rw === null ? null : { x: round1(rightStart), width: rw, text: fmt(tr.effort), textX: round1(rightStart + rw + 6) },
    };
  });
  return {
    width,
    height: margin.top + plotHeight + margin.bottom,
    margin,
    plotWidth,
    plotHeight,
    leftEnd: round1(leftEnd),
    rightStart: round1(rightStart),
    barHeight,
    rows,
    table: { columns: headers, rows: [...tiers].reverse().map((tr) => ({ head: tr.label, cells: [fmt(tr.requests), fmt(tr.effort)] })) },
  };
}
