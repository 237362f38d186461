/** data/segments.yaml as the site shows it: labels of client and need types and tiers, tier rules, effort estimates. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

type Bi = { zh: string; en: string };

export interface SegmentsView {
  clientTypes: Record<string, Bi>;
  needTypes: Record<string, Bi & { internal?: boolean }>;
  tiers: Record<string, Bi & { description: Bi }>;
  rules: { tier: number; label: Bi }[];
  effortEstimateMinutes: Record<string, number>;
}

let cached: SegmentsView | undefined;

/** data/segments.yaml, parsed once (validated by the pipeline before the site is built). */
export function segments(): SegmentsView {
  cached ??= parse(readFileSync(join(process.cwd(), 'data', 'segments.yaml'), 'utf8')) as SegmentsView;
  return cached;
}

/** Pearson correlation of paired values (pairs with a null are skipped); null with fewer than 3 pairs or no variance. */
export function pearson(pairs: readonly (readonly [number | null, number | null])[]): number | null {
  const xs: number[] = [];
  const ys: number[] = [];
  for (const [x, y] of pairs) {
    if (x === null || y === null) continue;
    xs.push(x);
    ys.push(y);
  }
  const n = xs.length;
  if (n < 3) return null;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = (xs[i] ?? 0) - mx;
    const dy = (ys[i] ?? 0) - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxx === 0 || syy === 0 ? null : sxy / Math.sqrt(sxx * syy);
}
