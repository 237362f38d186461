/** One sentence per published change of a guide or rule (changes.json), in a locale. */
import { formatLimit } from './format.ts';
import { t, type Locale } from './i18n.ts';
import type { ChangeRow } from './published.ts';

/** A value as shown: limits published as "days unit" are formatted; a status is named. */
function changeValue(locale: Locale, field: string, v: string): string {
  const m = /^(\d+) (working|natural)$/.exec(v);
  if (m && field.endsWith('Limit')) return formatLimit(locale, { days: Number(m[1]), unit: m[2] as 'working' | 'natural' });
  if (field === 'status' && v) return t(locale, `ruleStatus.${v}`);
  return v;
}

/** What changed, e.g. "Promised limit cut from 20 to 15 working days". */
export function changeText(locale: Locale, c: ChangeRow): string {
  const key = c.change === 'limit-cut' || c.change === 'limit-changed' ? `change.${c.change}.${c.field}` : `change.${c.change}`;
  return t(locale, key, { before: changeValue(locale, c.field, c.before), after: changeValue(locale, c.field, c.after) });
}
