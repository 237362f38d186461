// Colour maths for charts: a colour-blind-safe sequential scale (cividis, light = low) and the
// choice of black or white text for a fill, by WCAG contrast. Pure.
import { color, interpolateCividis } from 'd3';

/** Colour of a hatched (suppressed) area's lines and of the "no record" outline. */
export const HATCH = '#8a8a8a';

/** Sequential fill for t in [0, 1]: pale yellow (low) to dark blue (high), as "#rrggbb". Clamps t. */
export function sequentialColour(t: number): string {
  const c = Number.isFinite(t) ? Math.min(1, Math.max(0, t)) : 0;
  return color(interpolateCividis(1 - c))?.formatHex() ?? '#000000';
}

/** `n` evenly spaced sequential fills (class i takes the middle of its interval). */
export function sequentialClasses(n: number): string[] {
  return Array.from({ length: n }, (_, i) => sequentialColour((i + 0.5) / n));
}

/** WCAG relative luminance of "#rrggbb". */
export function luminance(hex: string): number {
  const c = color(hex)?.rgb();
  if (!c) throw new Error(`Chart colour "${hex}" is not a CSS colour; pass "#rrggbb".`);
  const lin = (v: number) => {
    const s = v / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(c.r) + 0.7152 * lin(c.g) + 0.0722 * lin(c.b);
}

/** WCAG contrast ratio between two colours (1–21). */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** Text colour for labels printed on `fill`: black or white, whichever contrasts more (always ≥ 4.58:1). */
export function textOn(fill: string): string {
  return contrastRatio(fill, '#000000') >= contrastRatio(fill, '#ffffff') ? '#000000' : '#ffffff';
}
