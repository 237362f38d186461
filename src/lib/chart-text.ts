// Rough text metrics for laying out SVG labels at build time (no DOM to measure with).

/** Estimated width in px of `text` at `fontSize`: wide for CJK, narrower for Latin and digits. */
export function textWidth(text: string, fontSize: number): number {
  let em = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0) ?? 0;
    if (c >= 0x2e80) em += 1; // CJK, kana, full-width forms
    else if (/[A-Z0-9%]/.test(ch)) em += 0.62;
    else if (ch === ' ' || /[.,:;'il|]/.test(ch)) em += 0.3;
    else em += 0.55;
  }
  return em * fontSize;
}

/**
 * `text` shortened with "…" so that it fits `maxWidth` at `fontSize` (unchanged when it fits). The
 * estimate gets 15% slack, since wide fallback fonts (DejaVu Sans) render Latin text wider.
 */
export function fitText(text: string, maxWidth: number, fontSize: number): string {
  const fits = (s: string) => textWidth(s, fontSize) * 1.15 <= maxWidth;
  if (fits(text)) return text;
  const chars = Array.from(text);
  while (chars.length > 1 && !fits(`${chars.join('')}…`)) chars.pop();
  return `${chars.join('').trimEnd()}…`;
}
