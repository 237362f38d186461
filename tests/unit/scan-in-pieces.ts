import type { TextScanner } from '../../scripts/verify/text-scanner.ts';

/** Feeds `text` to `scanner` in windows grown by random pieces of 1-40 characters, as scanDirectory does with a file. */
export function scanInPieces(scanner: TextScanner, text: string, rnd: () => number): void {
  let window = '';
  let base = 0;
  for (let at = 0; at < text.length; ) {
    const piece = 1 + Math.floor(rnd() * 40);
    window += text.slice(at, at + piece);
    at += piece;
    const need = scanner.window(window, base, false);
    window = window.slice(need - base);
    base = need;
  }
  scanner.window(window, base, true);
}
