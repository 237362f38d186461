// Geometry of a tiny inline trend line for index tables.
import { line, scaleLinear } from 'd3';
import { round1 } from './chart-format.ts';
import { yScale } from './chart-scales.ts';

/** What Sparkline.astro prints. */
export interface SparklineModel {
  width: number;
  height: number;
  /** Path data; null when no two consecutive values are defined. */
  d: string | null;
  /** Isolated values (no defined neighbour) and the last value, drawn as dots. */
  dots: { x: number; y: number; last: boolean }[];
}

export const SPARK_LAYOUT = { width: 100, height: 24, pad: 2.5 } as const;

/**
 * Lays out a sparkline. Shares (yFormat 'percent') use a fixed 0–100% scale so rows of a
 * table compare; counts use their own range; a `domain` shared by every row of a table overrides
 * both (rows still compare, small changes show). Nulls break the line.
 */
export function sparklineModel(values: readonly (number | null)[], yFormat: 'percent' | 'number' = 'number', domain?: readonly [number, number]): SparklineModel {
  const { width, height, pad } = SPARK_LAYOUT;
  const vals = values.map((v) => (v !== null && Number.isFinite(v) ? v : null));
  const x = scaleLinear()
    .domain([0, Math.max(1, vals.length - 1)])
    .range(vals.length === 1 ? [width / 2, width / 2] : [pad, width - pad]);
  const y = domain
    ? scaleLinear().domain([domain[0], domain[1]]).range([height - pad, pad]).clamp(true)
    : yFormat === 'percent'
      ? scaleLinear().domain([0, 1]).range([height - pad, pad]).clamp(true)
      : yScale(vals, { range: [height - pad, pad], zero: false, unit: false, ticks: 2 });
  const d = line<number | null>()
    .defined((v) => v !== null)
    .x((_, i) => x(i))
    .y((v) => y(v ?? 0))
    .digits(1)(vals);
  const drawn = d !== null && d.includes('L') ? d : null;
  const last = vals.findLastIndex((v) => v !== null);
  const dots = vals.flatMap((v, i) =>
    v !== null && (i === last || ((vals[i - 1] ?? null) === null && (vals[i + 1] ?? null) === null))
      ? [{ x: round1(x(i)), y: round1(y(v)), last: i === last }]
      : [],
  );
  return { width, height, d: drawn, dots };
}
