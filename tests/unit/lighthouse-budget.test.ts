import { describe, expect, it } from 'vitest';
import { belowBudget, type PageScores } from '../../scripts/lighthouse.ts';

const page = (path: string, seo: number, performance = 100): PageScores => ({
  path,
  scores: { performance, accessibility: 100, 'best-practices': 100, seo },
  failing: seo < 95 ? ['is-crawlable'] : [],
});

describe('belowBudget(results)', () => {
  it('reports a score under budget with the audits that lost points', () => {
    expect(belowBudget([page('/about/', 63), page('/rules/', 100, 94)])).toEqual([
      '/about/: seo 63 < 95 (is-crawlable)',
      '/rules/: performance 94 < 95 ()',
    ]);
  });

  it('exempts only the SEO score of noindex embed pages', () => {
    expect(belowBudget([page('/embed/city-daily/', 63), page('/en/embed/city-daily/', 63)])).toEqual([]);
    expect(belowBudget([page('/embed/city-daily/', 63, 90)])).toEqual(['/embed/city-daily/: performance 90 < 95 (is-crawlable)']);
  });
});
