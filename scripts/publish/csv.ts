/**
 * RFC 4180 CSV: CRLF line ends, fields quoted when they contain a comma, quote, CR or LF
 * (quotes doubled). Text that a spreadsheet would run as a formula (starting with = + - @,
 * TAB or CR) is prefixed with an apostrophe (OWASP CSV injection). Numbers are plain
 * decimal strings, null is empty, booleans are true/false.
 */

export type Cell = string | number | boolean | null | undefined;

/** A number as a plain decimal string (never exponent notation). */
export function formatNumber(n: number): string {
  if (!Number.isFinite(n)) throw new Error(`cannot publish a non-finite number: ${n}`);
  if (Object.is(n, -0)) return '0';
  const s = String(n);
  if (!/e/i.test(s)) return s;
  // Shortest round-trip digits in fixed notation; only reached for |n| < 1e-6 or >= 1e21.
  const [mant = '', expPart = '0'] = s.toLowerCase().split('e');
  const exp = Number(expPart);
  const neg = mant.startsWith('-');
  const digits = mant.replace('-', '').replace('.', '');
  const point = (mant.replace('-', '').indexOf('.') === -1 ? mant.replace('-', '').length : mant.replace('-', '').indexOf('.')) + exp;
  let out: string;
  if (point <= 0) out = `0.${'0'.repeat(-point)}${digits}`;
  else if (point >= digits.length) out = digits + '0'.repeat(point - digits.length);
  else out = `${digits.slice(0, point)}.${digits.slice(point)}`;
  return neg ? `-${out}` : out;
}

const FORMULA_START = /^[=+\-@\t\r]/;

/** One CSV field. */
export function csvField(value: Cell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return formatNumber(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A CSV document: header line then one line per row, every line ending in CRLF. */
export function toCsv(columns: readonly string[], rows: readonly Readonly<Record<string, Cell>>[]): string {
  const lines = [columns.map(csvField).join(',')];
  for (const row of rows) lines.push(columns.map((c) => csvField(row[c])).join(','));
  return lines.join('\r\n') + '\r\n';
}
