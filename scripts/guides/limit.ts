/** Parses time limits as guide systems write them: "30(工作日)", "5个工作日", "20天", "即办", "三十个工作日". */
import type { TimeLimit } from '../../src/lib/content-schema.ts';
import { halfWidth, isPlaceholder, parseNumeral } from './text.ts';

/** Same-day wording (即办件). */
const SAME_DAY = /^(即办|即时办结|即时办理|当场办结|当场办理|立即办结|立等可取|当日办结|当天办结)/;

/** The parsed limit with the original text kept, or null when the text says nothing parseable. */
export function parseLimit(value: unknown): TimeLimit | null {
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0) return { days: value, unit: 'working', text: String(value) };
  if (typeof value !== 'string' || isPlaceholder(value)) return null;
  const text = value.trim();
  const t = halfWidth(text).replace(/\s+/g, '');
  if (SAME_DAY.test(t)) return { days: 0, unit: 'working', text };
  const m = /^([0-9]+|[零〇一二两三四五六七八九十百]+)\(?个?(工作日|自然日|日|天|个工作日)?\)?/.exec(t);
  if (!m) return null;
  const days = parseNumeral(m[1] ?? '');
  if (days === null) return null;
  // A bare number is read as working days, the usual unit of 办结时限; "天"/"日"/"自然日" are natural days.
  const unit = m[2] === undefined || m[2].includes('工作日') ? 'working' : 'natural';
  return { days, unit, text };
}
