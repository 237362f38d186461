/** Small text helpers for guide-system exports: placeholders, full-width forms, list splitting, Chinese numerals. */

/** Values guide systems write for "nothing here". */
const PLACEHOLDERS = new Set(['无', '暂无', '无要求', '不涉及', '空', '/', '-', '—', '——', '－', 'n/a', 'na', 'none', 'null', '略']);

/** Converts full-width ASCII (digits, letters, brackets, punctuation) and ideographic spaces to half-width. */
export function halfWidth(text: string): string {
  return text.replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}

/** True for an empty value or a placeholder such as "无", "/" or "暂无". */
export function isPlaceholder(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (Array.isArray(value)) return value.every(isPlaceholder);
  if (typeof value !== 'string' && typeof value !== 'number') return false;
  const t = halfWidth(String(value)).trim().toLowerCase();
  return t === '' || PLACEHOLDERS.has(t);
}

/** Any scalar as trimmed text ("" for null, objects and placeholders stay as written). */
export function asText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return '';
}

/** Splits a list written as text ("1.甲；2.乙", lines, 、-separated) into trimmed items without their numbering. */
export function splitList(value: unknown, separators: RegExp = /[；;\n\r]+/): string[] {
  if (Array.isArray(value)) return value.flatMap((v) => splitList(v, separators));
  if (isPlaceholder(value)) return [];
  return asText(value)
    .split(separators)
    .map((s) => s.replace(/^\s*(?:[（(]?\d+[)）.、．]|[一二三四五六七八九十]+[、.．])\s*/, '').replace(/[。]$/, '').trim())
    .filter((s) => s !== '' && !isPlaceholder(s));
}

const DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** Parses an Arabic or a Chinese numeral below 1000 ("30", "三十", "十五", "一百二十"); null otherwise. */
export function parseNumeral(text: string): number | null {
  const t = halfWidth(text).trim();
  if (/^\d+$/.test(t)) return Number(t);
  if (!/^[零〇一二两三四五六七八九十百]+$/.test(t)) return null;
  let total = 0;
  let digit = 0;
  for (const c of t) {
    if (c === '百') {
      total += (digit || 1) * 100;
      digit = 0;
    } else if (c === '十') {
      total += (digit || 1) * 10;
      digit = 0;
    } else digit = DIGITS[c] ?? 0;
  }
  return total + digit;
}
