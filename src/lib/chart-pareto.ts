// Pareto (concentration) curve: cumulative share of effort against cumulative share of cases,
// cases sorted by effort, most first, with the 80/20 reference. Pure.
import { line, scaleLinear } from 'd3';
import { type ChartLocale, formatValue, round1 } from './chart-format.ts';
import type { ChartTable } from './chart-figure.ts';

/** A point of the curve: cumulative shares of cases and of effort, both in [0, 1]. */
export interface ParetoPoint {
  cases: number;
  effort: number;
}

/**
 * The curve for per-case efforts: (0, 0), then one point per case in descending effort,
 * ending at (1, 1); at most `maxPoints` + 1 points (evenly thinned, ends kept). [] if the total is 0.
 */
export function paretoCurve(efforts: readonly number[], maxPoints = 200): ParetoPoint[] {
  if (efforts.some((e) => !(Number.isFinite(e) && e >= 0))) throw new Error('paretoCurve: efforts must be finite and ≥ 0.');
  const sorted = [...efforts].sort((a, b) => b - a);
  const total = sorted.reduce((a, e) => a + e, 0);
  if (total === 0) return [];
  const n = sorted.length;
  const cum = [0];
  for (const e of sorted) cum.push((cum.at(-1) as number) + e);
  const step = Math.max(1, Math.ceil(n / maxPoints));
  const out: ParetoPoint[] = [];
  for (let i = 0; i <= n; i += step) out.push({ cases: i / n, effort: (cum[i] as number) / total });
  if ((out.at(-1)?.cases ?? 0) < 1) out.push({ cases: 1, effort: 1 });
  return out;
}

/** Cumulative effort at a cumulative share of cases, linearly interpolated; null for no points. */
export function effortAt(points: readonly ParetoPoint[], cases: number): number | null {
  if (points.length === 0) return null;
  const sorted = [...points].sort((a, b) => a.cases - b.cases);
  const first = sorted[0] as ParetoPoint;
  if (cases <= first.cases) return first.effort;
  for (let i = 1; i < sorted.length; i++) {
    const a = sorted[i - 1] as ParetoPoint;
    const b = sorted[i] as ParetoPoint;
    if (cases <= b.cases) return b.cases === a.cases ? b.effort : a.effort + ((b.effort - a.effort) * (cases - a.cases)) / (b.cases - a.cases);
  }
  return (sorted.at(-1) as ParetoPoint).effort;
}

/** Everything ParetoCurve.astro prints; coordinates plot-relative, rounded to 0.1. */
export interface ParetoModel {
  width: number;
  height: number;
  margin: { top: number; right: number; bottom: number; left: number };
  size: number;
  ticks: { at: number; label: string }[];
  d: string | null;
  diagonal: string;
  /** The 80/20 guide: x at 20% of cases, y at 80% of effort. */
  ref: { x: number; y: number };
  /** Where the observed curve is at 20% of cases; null without data. */
  at20: { x: number; y: number; share: number } | null;
  table: ChartTable;
}

export const PARETO_LAYOUT = { width: 440, height: 400, plot: 320 } as const;

/** Lays out a square plot, both axes 0–100%. Points outside [0, 1] throw. */
export function paretoModel(locale: ChartLocale, points: readonly ParetoPoint[], headers: [string, string]): ParetoModel {
  for (const p of points) {
    if (![p.cases, p.effort].every((v) => Number.isFinite(v) && v >= 0 && v <= 1)) {
      throw new Error(`ParetoCurve: point {cases: ${p.cases}, effort: ${p.effort}} is outside [0, 1]; pass cumulative shares (see paretoCurve()).`);
    }
  }
  const { width, height, plot } = PARETO_LAYOUT;
  const margin = { top: 16, right: width - plot - 64, bottom: height - plot - 16, left: 64 };
  const x = scaleLinear().domain([0, 1]).range([0, plot]);
  const y = scaleLinear().domain([0, 1]).range([plot, 0]);
  const sorted = [...points].sort((a, b) => a.cases - b.cases);
  const path = line<ParetoPoint>()
    .x((p) => x(p.cases))
    .y((p) => y(p.effort))
    .digits(1);
  const share20 = effortAt(sorted, 0.2);
  const fmt = (v: number | null) => formatValue(v, 'percent', locale);
  const deciles = Array.from({ length: 10 }, (_, i) => (i + 1) / 10);
  return {
    width,
    height,
    margin,
    size: plot,
    ticks: [0, 0.2, 0.4, 0.6, 0.8, 1].map((v) => ({ at: round1(x(v)), label: fmt(v) })),
    d: sorted.length > 1 ? path(sorted) : null,
    diagonal: `M0,${plot}L${plot},0`,
    ref: { x: round1(x(0.2)), y: round1(y(0.8)) },
    at20: share20 === null ? null : { x: round1(x(0.2)), y: round1(y(share20)), share: share20 },
    table: {
      columns: headers,
      rows: deciles.map((c) => ({ head: fmt(c), cells: [fmt(effortAt(sorted, c))] })),
    },
  };
}

/**
 * The curve for groups of cases (e.g. services) with their case count and total effort: groups in
 * descending effort per case, one point per group, from (0, 0) to (1, 1). Groups with no cases or
 * unknown effort are left out; [] if nothing is left.
 */
export function paretoGroups(groups: readonly { cases: number | null; effort: number | null }[]): ParetoPoint[] {
  const known = groups.filter((g): g is { cases: number; effort: number } => g.cases !== null && g.cases > 0 && g.effort !== null && g.effort >= 0);
  const cases = known.reduce((a, g) => a + g.cases, 0);
  const effort = known.reduce((a, g) => a + g.effort, 0);
  if (cases === 0 || effort === 0) return [];
  const sorted = [...known].sort((a, b) => b.effort / b.cases - a.effort / a.cases || b.cases - a.cases);
  const out: ParetoPoint[] = [{ cases: 0, effort: 0 }];
  let c = 0;
  let e = 0;
  for (const g of sorted) {
    c += g.cases;
    e += g.effort;
    out.push({ cases: Math.round((c / cases) * 10000) / 10000, effort: Math.round((e / effort) * 10000) / 10000 });
  }
  return out;
}
