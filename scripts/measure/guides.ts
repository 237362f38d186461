/**
 * Guide completeness: of the optional parts of a service guide (办事指南) that a citizen
 * needs, the share a department has published. Each check is 0 or 1 per guide; a
 * department's completeness is the mean over its guides' checks (null without guides).
 */
import type { ServiceGuide } from '../../src/lib/content-schema.ts';

/** The checks, in the order shown on the methodology page. */
export const guideChecks = ['onlineUrl', 'faq', 'legalBasisLinked', 'blankForms', 'english'] as const;
export type GuideCheck = (typeof guideChecks)[number];

type GuideParts = Pick<ServiceGuide, 'onlineUrl' | 'faq' | 'legalBasis' | 'materials' | 'summary'>;

/** Which checks one guide passes. */
export function guideCheckResults(g: GuideParts): Record<GuideCheck, boolean> {
  return {
    onlineUrl: g.onlineUrl !== undefined && g.onlineUrl !== '',
    faq: g.faq.length > 0,
    legalBasisLinked: g.legalBasis.length > 0 && g.legalBasis.some((b) => b.rule !== undefined && b.rule !== ''),
    blankForms: g.materials.some((m) => m.blankForm !== undefined || m.sample !== undefined),
    english: g.summary.en.trim() !== '',
  };
}

/** Completeness in [0, 1] (4 places) of a department's guides; null when it has none. */
export function guideCompleteness(guides: readonly GuideParts[]): number | null {
  if (guides.length === 0) return null;
  let passed = 0;
  for (const g of guides) passed += Object.values(guideCheckResults(g)).filter(Boolean).length;
  return Math.round((passed / (guides.length * guideChecks.length)) * 10_000) / 10_000;
}
