import { describe, expect, it } from 'vitest';
import type { CanonicalRequest } from '../../scripts/ingest/canonical.ts';
import { classifyTier, ruleMatches, type TierRule } from '../../scripts/measure/segments.ts';
import { random } from './random.ts';

const label = { zh: '规则', en: 'rule' };
const pick = <T,>(rnd: () => number, xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;

describe('classifyTier(request, rules)', () => {
  it('gives the tier of the first rule ruleMatches accepts, else 1, for random rules and requests', () => {
    const rnd = random(4);
    const values = {
      source: ['hotline', 'hall'],
      department: ['a', 'b', 'c'],
      service: ['s1', 's2'],
      category: ['x', 'y'],
      needType: ['complaint', 'information', 'application'],
      clientType: ['citizen', 'enterprise', 'leadership'],
      channel: ['online', 'phone'],
    } as const;
    const words = ['安全', '噪音', '火灾'];
    let matched = 0;
    for (let trial = 0; trial < 200; trial++) {
      // Short lists, and the longest the bit masks hold (31) and longer (rule by rule).
      const rules: TierRule[] = Array.from({ length: trial % 10 === 0 ? 31 : trial % 10 === 1 ? 40 : 1 + Math.floor(rnd() * 5) }, () => {
        const r: TierRule = { tier: pick(rnd, [1, 2, 3, 4] as const), label };
        for (const [field, vs] of Object.entries(values) as [keyof typeof values, readonly string[]][]) {
          if (rnd() < 0.4) r[field] = vs.filter(() => rnd() < 0.6).concat(pick(rnd, vs));
        }
        if (rnd() < 0.3) r.descriptionContains = [pick(rnd, words)];
        return r;
      });
      for (let i = 0; i < 100; i++) {
        const q = {
          source: pick(rnd, values.source), department: pick(rnd, values.department), service: rnd() < 0.2 ? null : pick(rnd, values.service),
          category: pick(rnd, values.category), needType: pick(rnd, values.needType), clientType: pick(rnd, values.clientType), channel: pick(rnd, values.channel),
          description: rnd() < 0.3 ? null : `${pick(rnd, words)}\u0000其他`,
        } as unknown as CanonicalRequest;
        const first = rules.find((r) => ruleMatches(r, q));
        if (first) matched++;
        expect(classifyTier(q, rules)).toBe(first?.tier ?? 1);
      }
    }
    expect(matched).toBeGreaterThan(2000);
    expect(matched).toBeLessThan(19_000);
  });
});
