// Scales and tick choices shared by the SVG charts. Pure; D3 only computes numbers.
import { extent, scaleLinear, type ScaleLinear } from 'd3';
import { parseMonth } from './chart-format.ts';

/** Month steps (in months) tried when labels do not fit; each divides a year. */
const MONTH_STEPS = [1, 2, 3, 4, 6, 12] as const;

/**
 * Months to label on an x axis of `months` (consecutive "YYYY-MM"), at most `maxLabels`.
 * Labels fall on calendar-aligned months (every quarter starts in Jan/Apr/Jul/Oct, …);
 * if alignment would leave none, the first month is labelled.
 */
export function thinMonthTicks(months: readonly string[], maxLabels: number): string[] {
  if (months.length === 0) return [];
  const cap = Math.max(1, Math.floor(maxLabels));
  for (const step of MONTH_STEPS) {
    const picked = months.filter((m) => parseMonth(m) % step === 0);
    const count = step === 1 ? months.length : picked.length;
    if (count <= cap) return step === 1 ? [...months] : picked.length > 0 ? picked : [months[0] as string];
  }
  // More than `cap` years: label every n-th January.
  const januaries = months.filter((m) => parseMonth(m) % 12 === 0);
  const every = Math.ceil(januaries.length / cap);
  const picked = januaries.filter((_, i) => i % every === 0);
  return picked.length > 0 ? picked : [months[0] as string];
}

/** How many labels of roughly `labelWidth` fit along `axisWidth` (at least 1). */
export function labelsThatFit(axisWidth: number, labelWidth: number): number {
  return Math.max(1, Math.floor(axisWidth / labelWidth));
}

/** Options for yScale. */
export interface YScaleOptions {
  /** Pixel range, bottom first: [plotHeight, 0]. */
  range: [number, number];
  /** Include zero in the domain (counts and durations). */
  zero: boolean;
  /** Shares: keep the nice domain inside [0, 1] when the data are inside it. */
  unit: boolean;
  /** Approximate number of ticks. */
  ticks: number;
}

/**
 * A nice linear y scale over the finite `values` (nulls ignored).
 * All-null gives [0, 1]; a single value is padded so the line sits mid-chart, not on an edge.
 */
export function yScale(values: readonly (number | null)[], opts: YScaleOptions): ScaleLinear<number, number> {
  const finite = values.filter((v): v is number => v !== null && Number.isFinite(v));
  let [lo, hi] = extent(finite);
  if (lo === undefined || hi === undefined) {
    lo = 0;
    hi = 1;
  }
  if (opts.zero) {
    lo = Math.min(lo, 0);
    hi = Math.max(hi, 0);
  }
  if (lo === hi) {
    const pad = lo === 0 ? 1 : Math.abs(lo) * 0.1;
    lo -= opts.zero && lo === 0 ? 0 : pad;
    hi += pad;
  }
  const s = scaleLinear().domain([lo, hi]).range(opts.range).nice(opts.ticks);
  if (opts.unit && finite.every((v) => v >= 0 && v <= 1)) {
    const [a, b] = s.domain() as [number, number];
    s.domain([Math.max(0, a), Math.min(1, b)]);
  }
  return s;
}

/**
 * Spreads label positions (pixels, any order) so neighbours are at least `gap` apart,
 * staying inside [min, max] where possible; returns positions in the input order.
 */
export function dodge(positions: readonly number[], gap: number, min: number, max: number): number[] {
  const order = positions.map((p, i) => ({ p, i })).sort((a, b) => a.p - b.p || a.i - b.i);
  const placed = order.map((o) => o.p);
  for (let k = 0; k < placed.length; k++) {
    placed[k] = Math.max(placed[k] as number, min, k > 0 ? (placed[k - 1] as number) + gap : -Infinity);
  }
  for (let k = placed.length - 1; k >= 0; k--) {
    const limit = k < placed.length - 1 ? (placed[k + 1] as number) - gap : max;
    placed[k] = Math.min(placed[k] as number, limit);
  }
  const out = new Array<number>(positions.length);
  order.forEach((o, k) => (out[o.i] = placed[k] as number));
  return out;
}
