import { describe, expect, it } from 'vitest';
import { contrastRatio, sequentialClasses, sequentialColour, textOn } from '../../src/lib/chart-colour.ts';

describe('contrastRatio(a, b)', () => {
  it('is 21 for black on white and symmetric', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#ffffff', '#0072B2')).toBeCloseTo(contrastRatio('#0072B2', '#ffffff'), 10);
  });
});

describe('textOn(fill)', () => {
  it('picks white on dark fills and dark ink on light ones', () => {
    expect(textOn('#00204d')).toBe('#ffffff');
    expect(textOn('#fee838')).toBe('#000000');
    expect(textOn('#CFCFCF')).toBe('#000000');
  });
  it('always gives at least 4.5:1 along the sequential scale', () => {
    for (let i = 0; i <= 20; i++) {
      const fill = sequentialColour(i / 20);
      expect(contrastRatio(fill, textOn(fill)), fill).toBeGreaterThanOrEqual(4.5);
    }
  });
});

describe('sequentialColour(t) / sequentialClasses(n)', () => {
  it('runs light (low) to dark (high) and clamps', () => {
    expect(contrastRatio(sequentialColour(0), '#ffffff')).toBeLessThan(contrastRatio(sequentialColour(1), '#ffffff'));
    expect(sequentialColour(-1)).toBe(sequentialColour(0));
    expect(sequentialColour(Number.NaN)).toBe(sequentialColour(0));
    expect(sequentialColour(0.5)).toMatch(/^#[0-9a-f]{6}$/);
  });
  it('gives n distinct classes', () => {
    expect(new Set(sequentialClasses(5)).size).toBe(5);
  });
});
