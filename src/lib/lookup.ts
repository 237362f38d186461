/** Lookups shared by pages: names of departments and services, month series for charts. */
import type { Locale } from './i18n.ts';
import { lang } from './i18n.ts';
import { departmentConfig } from './site.ts';
import { departmentOf, serviceOf } from './data-index.ts';
import type { Measures } from './published.ts';

/** A department's name in the locale, from the published departments (falling back to departments.yaml, then the id). */
export function departmentName(id: string, locale: Locale): string {
  const row = departmentOf(id);
  const name = row ? (locale === 'en' ? row.name_en : row.name_zh) : departmentConfig().find((d) => d.id === id)?.name[lang(locale)];
  return name && name !== '' ? name : id;
}

/** A service's name in the locale from the published services list, else its name in the other language, else the id. */
export function serviceName(id: string, locale: Locale): string {
  const row = serviceOf(id);
  const name = row ? (locale === 'en' ? row.name_en : row.name_zh) : undefined;
  // A guide imported without an English name is shown by its Chinese name, not by its id.
  const other = row ? (locale === 'en' ? row.name_zh : row.name_en) : undefined;
  return name && name !== '' ? name : other && other !== '' ? other : id;
}

/** Channel columns of Measures, in display order. */
export const channelKeys = ['ch_online', 'ch_mobile', 'ch_phone', 'ch_in_person', 'ch_other'] as const;

/** One point per month (in `months` order) of a measure from rows keyed by month; missing months are null. */
export function monthSeries<R extends Measures & { month: string }>(rows: readonly R[], months: string[], key: keyof Measures): { x: string; y: number | null }[] {
  const byMonth = new Map(rows.map((r) => [r.month, r]));
  return months.map((m) => ({ x: m, y: byMonth.get(m)?.[key] ?? null }));
}

/** Stacked-bar rows of requests by channel, one per month. */
export function channelRows<R extends Measures & { month: string }>(rows: readonly R[], months: string[]): { x: string; values: Record<string, number | null> }[] {
  const byMonth = new Map(rows.map((r) => [r.month, r]));
  return months.map((m) => {
    const r = byMonth.get(m);
    return { x: m, values: Object.fromEntries(channelKeys.map((k) => [k, r ? r[k] : null])) };
  });
}

/** Compares two nullable numbers for sorting, nulls last. */
export function byDesc(a: number | null, b: number | null): number {
  if (a === null && b === null) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return b - a;
}
