/** Picking the right language from bilingual content, with the zh fallback made explicit. */
import type { Locale } from './i18n.ts';

export interface Picked {
  /** The text to show. */
  text: string;
  /** True when English was asked for but empty, so the zh text is shown instead. */
  fallback: boolean;
}

/** The text of `b` for `locale`; an empty English string falls back to zh (flagged). */
export function pick(b: { zh: string; en: string }, locale: Locale): Picked {
  if (locale === 'en') {
    return b.en.trim() === '' ? { text: b.zh, fallback: true } : { text: b.en, fallback: false };
  }
  return { text: b.zh, fallback: false };
}

/**
 * The list of `l` for `locale`. Parallel lists (item i of en translates item i of zh, e.g. conditions) use
 * English only when every item is translated; free lists (keywords) use the non-empty English items if any.
 * Otherwise the zh list is returned, flagged as a fallback.
 */
export function pickList(l: { zh: string[]; en: string[] }, locale: Locale, parallel = true): { items: string[]; fallback: boolean } {
  if (locale === 'en') {
    const en = l.en.filter((s) => s.trim() !== '');
    const complete = parallel ? l.en.length === l.zh.length && en.length === l.en.length : en.length > 0;
    if (complete && !parallel) return { items: en, fallback: false };
    return complete ? { items: l.en, fallback: false } : { items: l.zh, fallback: true };
  }
  return { items: l.zh, fallback: false };
}

/** Splits full text into paragraphs at blank lines (rendered as text nodes, never as HTML). */
export function paragraphs(text: string): string[] {
  return text
    .split(/\r?\n\s*\r?\n/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
}
