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

/** The list of `l` for `locale`: the English list when every item is translated, else zh (flagged). */
export function pickList(l: { zh: string[]; en: string[] }, locale: Locale): { items: string[]; fallback: boolean } {
  if (locale === 'en') {
    const complete = l.en.length === l.zh.length && l.en.every((s) => s.trim() !== '');
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
