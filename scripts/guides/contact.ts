/** Parses phone numbers with extensions written with 转 / 分机 / ext into one readable form. */
import { halfWidth, isPlaceholder } from './text.ts';

export interface Phone {
  /** The number without the extension, e.g. "0000-12345678" or "12345". */
  number: string;
  /** The extension, when one was written. */
  ext?: string;
}

/** Parses the first phone number of `value`; null when there is none. */
export function parsePhone(value: unknown): Phone | null {
  if (typeof value === 'number') return { number: String(value) };
  if (typeof value !== 'string' || isPlaceholder(value)) return null;
  const t = halfWidth(value).replace(/[（(][^)）]*[)）]/g, ' ');
  const m = /(\d[\d-]{2,}\d)(?:[\s-]*(?:转|分机|ext\.?|x)[\s-]*(\d{1,6}))?/i.exec(t);
  if (!m) return null;
  return m[2] ? { number: m[1] ?? '', ext: m[2] } : { number: m[1] ?? '' };
}

/** A phone as the site shows it: "12345 转 2101" (the form the Markdown guides use). */
export function formatPhone(p: Phone): string {
  return p.ext ? `${p.number} 转 ${p.ext}` : p.number;
}

/** The first e-mail address in `value`, or null. */
export function parseEmail(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const m = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/.exec(halfWidth(value));
  return m ? m[0] : null;
}
