/**
 * Department scores (0–100): a weighted mean of six components in [0, 1] — timeliness,
 * satisfaction, rectification, digital take-up, guide completeness and (1 − repeat rate) —
 * with weights from data/site.yaml. A component that does not exist for a department (no
 * bad reviews, no guides) drops out and the other weights are rescaled.
 *
 * Uncertainty: each rate component carries its Wilson 95% interval (guide completeness is a
 * census, so exact); score_lo/score_hi put every component at its lower/upper bound. This is
 * conservative (wider than a joint interval). Rank range: the best rank is 1 + the number of
 * departments whose score_lo is above this score_hi; the worst is the number ranked minus the
 * number whose score_hi is below this score_lo. Departments under the minimum cases get no
 * score and no rank. Results depend on no input order (rows are keyed and sorted by id).
 */
import type { ScoreRow } from '../../src/lib/published.ts';
import type { KpiMeasures } from '../../src/lib/published.ts';
import { wilson } from './wilson.ts';

export const componentKeys = ['timeliness', 'satisfaction', 'rectification', 'digital', 'guides', 'repeat'] as const;
export type Component = (typeof componentKeys)[number];
export type Weights = Record<Component, number>;

/** A component's value and 95% bounds. */
export interface Bounded {
  value: number;
  lo: number;
  hi: number;
}

/** The components of one department from its counts (kpis.ts) and guide completeness; null where undefined. */
export function componentsOf(k: KpiMeasures, guides: number | null, minCell: number): Record<Component, Bounded | null> {
  const share = (num: number | null, den: number | null): Bounded | null => {
    if (num === null || den === null || den < Math.max(1, minCell)) return null;
    const w = wilson(num, den);
    return w ? { value: num / den, lo: w.lo, hi: w.hi } : null;
  };
  const requests = k.requests;
  return {
    timeliness: share(k.on_time, k.due_n),
    satisfaction: share(k.satisfied, k.rated),
    rectification: share(k.resolved_in_limit, k.bad),
    digital: share(k.digital, requests),
    guides: guides === null ? null : { value: guides, lo: guides, hi: guides },
    repeat: k.repeat === null || requests === null ? null : share(requests - k.repeat, requests),
  };
}

const round1 = (x: number): number => Math.round(x * 10) / 10;
const round4 = (x: number): number => Math.round(x * 10_000) / 10_000;

/** Score and bounds (0–100, 1 place) from components and weights; null when no weighted component exists. */
export function scoreOf(c: Record<Component, Bounded | null>, weights: Weights): { score: number; lo: number; hi: number } | null {
  let w = 0;
  let s = 0;
  let lo = 0;
  let hi = 0;
  for (const key of componentKeys) {
    const b = c[key];
    const wk = weights[key];
    if (b === null || wk <= 0) continue;
    w += wk;
    s += wk * b.value;
    lo += wk * b.lo;
    hi += wk * b.hi;
  }
  if (w === 0) return null;
  return { score: round1((100 * s) / w), lo: round1((100 * lo) / w), hi: round1((100 * hi) / w) };
}

/** Competition rank (1 = best, ties share) and rank range of each scored entry. */
export function rankRanges(entries: readonly { id: string; score: number; lo: number; hi: number }[]): Map<string, { rank: number; best: number; worst: number }> {
  const out = new Map<string, { rank: number; best: number; worst: number }>();
  const n = entries.length;
  for (const e of entries) {
    let above = 0;
    let surelyAbove = 0;
    let surelyBelow = 0;
    for (const o of entries) {
      if (o.id === e.id) continue;
      if (o.score > e.score) above++;
      if (o.lo > e.hi) surelyAbove++;
      if (o.hi < e.lo) surelyBelow++;
    }
    out.set(e.id, { rank: above + 1, best: surelyAbove + 1, worst: n - surelyBelow });
  }
  return out;
}

export interface ScoreInput {
  department: string;
  current: KpiMeasures;
  previous: KpiMeasures;
  guides: number | null;
}

export interface ScoreOptions {
  weights: Weights;
  version: string;
  minCases: number;
  minCell: number;
  period: { from: string; to: string };
}

/** scores.csv rows in department order. */
export function buildScores(inputs: readonly ScoreInput[], o: ScoreOptions): ScoreRow[] {
  const sorted = [...inputs].sort((a, b) => (a.department < b.department ? -1 : a.department > b.department ? 1 : 0));
  const scored = sorted.map((i) => {
    const cases = i.current.requests ?? 0;
    const ranked = cases >= o.minCases;
    const comps = componentsOf(i.current, i.guides, o.minCell);
    const s = ranked ? scoreOf(comps, o.weights) : null;
    const prevCases = i.previous.requests ?? 0;
    const p = prevCases >= o.minCases ? scoreOf(componentsOf(i.previous, i.guides, o.minCell), o.weights) : null;
    return { i, cases, ranked: ranked && s !== null, comps, s, p };
  });
  const ranks = rankRanges(scored.flatMap((x) => (x.ranked && x.s ? [{ id: x.i.department, ...x.s }] : [])));
  return scored.map(({ i, cases, ranked, comps, s, p }) => {
    const r = ranks.get(i.department);
    const v = (k: Component): number | null => (ranked ? (comps[k] ? round4(comps[k].value) : null) : null);
    return {
      department: i.department,
      period_from: o.period.from,
      period_to: o.period.to,
      cases,
      ranked,
      score: ranked ? (s?.score ?? null) : null,
      score_lo: ranked ? (s?.lo ?? null) : null,
      score_hi: ranked ? (s?.hi ?? null) : null,
      rank: r?.rank ?? null,
      rank_best: r?.best ?? null,
      rank_worst: r?.worst ?? null,
      prev_score: ranked ? (p?.score ?? null) : null,
      change: ranked && s && p ? round1(s.score - p.score) : null,
      timeliness: v('timeliness'),
      satisfaction: v('satisfaction'),
      rectification: v('rectification'),
      digital: v('digital'),
      guides: v('guides'),
      repeat: v('repeat'),
      score_version: o.version,
    };
  });
}
