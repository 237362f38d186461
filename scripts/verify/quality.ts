/** Checks the published data-quality report: rows in = published + quarantined, per source and in total. */

interface SourceCounts {
  source: string;
  rows_in: number;
  published: number;
  quarantined: number;
  by_reason: Record<string, number>;
}

function isCounts(x: unknown): x is SourceCounts {
  const o = x as Record<string, unknown>;
  return typeof o === 'object' && o !== null && typeof o['source'] === 'string' && typeof o['rows_in'] === 'number'
    && typeof o['published'] === 'number' && typeof o['quarantined'] === 'number' && typeof o['by_reason'] === 'object';
}

/** Returns the problems in a parsed quality.json (empty when the figures add up). */
export function checkQuality(report: unknown): string[] {
  const problems: string[] = [];
  const r = report as { sources?: unknown; totals?: { rows_in?: unknown; published?: unknown; quarantined?: unknown } };
  if (!Array.isArray(r.sources) || r.sources.length === 0) return ['quality.json: "sources" must be a non-empty list'];
  let rowsIn = 0;
  let published = 0;
  let quarantined = 0;
  for (const s of r.sources) {
    if (!isCounts(s)) {
      problems.push('quality.json: a source lacks source/rows_in/published/quarantined/by_reason');
      continue;
    }
    if (s.rows_in !== s.published + s.quarantined) {
      problems.push(`quality.json: source ${s.source}: rows in ${s.rows_in} ≠ published ${s.published} + quarantined ${s.quarantined}`);
    }
    const reasons = Object.values(s.by_reason).reduce((a, b) => a + b, 0);
    if (reasons !== s.quarantined) problems.push(`quality.json: source ${s.source}: reasons add up to ${reasons}, not ${s.quarantined}`);
    rowsIn += s.rows_in;
    published += s.published;
    quarantined += s.quarantined;
  }
  const t = r.totals;
  if (!t || t.rows_in !== rowsIn || t.published !== published || t.quarantined !== quarantined) {
    problems.push(`quality.json: totals do not equal the sum of the sources (${rowsIn} = ${published} + ${quarantined})`);
  }
  return problems;
}
