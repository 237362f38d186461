import { describe, expect, it } from 'vitest';
import { wilson } from '../../scripts/measure/wilson.ts';

describe('wilson(successes, n)', () => {
  it('matches published 95% intervals', () => {
    // Reference values (Newcombe 1998, Table I; also R binom::binom.wilson): 5/10, 0/10, 10/10, 81/263.
    expect(wilson(5, 10)).toEqual({ lo: 0.2366, hi: 0.7634 });
    expect(wilson(0, 10)).toEqual({ lo: 0, hi: 0.2775 });
    expect(wilson(10, 10)).toEqual({ lo: 0.7225, hi: 1 });
    expect(wilson(81, 263)).toEqual({ lo: 0.2553, hi: 0.3662 });
  });
  it('is null for n = 0 and throws for impossible counts', () => {
    expect(wilson(0, 0)).toBeNull();
    expect(() => wilson(11, 10)).toThrow(/not in 0\.\.10/);
  });
  it('narrows as n grows at the same proportion', () => {
    const a = wilson(50, 100);
    const b = wilson(500, 1000);
    expect(a && b && b.hi - b.lo < a.hi - a.lo).toBe(true);
  });
});
