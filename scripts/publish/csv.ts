/**
 * RFC 4180 CSV: CRLF line ends, fields quoted when they contain a comma, quote, CR or LF
 * (quotes doubled). Text that a spreadsheet would run as a formula (starting with = + - @,
 * TAB or CR) is prefixed with an apostrophe (OWASP CSV injection). Numbers are plain
 * decimal strings, null is empty, booleans are true/false. toCsv builds one string; csvLiner and
 * writeCsv give the same text a line at a time, for tables too large for one string.
 */

export type Cell = string | number | boolean | null | undefined;

/** A number as a plain decimal string (never exponent notation). */
export function formatNumber(n: number): string {
  if (!Number.isFinite(n)) throw new Error(`cannot publish a non-finite number: ${n}`);
  if (Number.isSafeInteger(n)) return String(n); // never exponent notation; -0 gives '0'
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

/** toCsv's header line, CRLF included. */
export function csvHeader(columns: readonly string[]): string {
  return columns.map(csvField).join(',') + '\r\n';
}

/** Distinct text fields a line formatter remembers (every department, service, district… of a table). */
const MEMO_MAX = 1 << 16;

/**
 * A formatter of toCsv's line for a row (the row's `columns` in order, missing ones empty, CRLF
 * included). Text fields are escaped once per distinct value and remembered, which halves the
 * time over a table of records whose texts repeat.
 */
export function csvLiner(columns: readonly string[]): (row: Readonly<Record<string, Cell>>) => string {
  const memo = new Map<string, string>();
  const field = (v: Cell): string => {
    if (typeof v !== 'string') return csvField(v);
    let f = memo.get(v);
    if (f === undefined) {
      f = csvField(v);
      if (memo.size < MEMO_MAX) memo.set(v, f);
    }
    return f;
  };
  return (row) => {
    let line = '';
    for (let j = 0; j < columns.length; j++) line += (j === 0 ? '' : ',') + field(row[columns[j] as string]);
    return line + '\r\n';
  };
}

/** toCsv(columns, rows) appended to `out` line by line (for tables too large for one string). */
export function writeCsv(columns: readonly string[], rows: Iterable<Readonly<Record<string, Cell>>>, out: { append(text: string): void }): void {
  const line = csvLiner(columns);
  out.append(csvHeader(columns));
  for (const row of rows) out.append(line(row));
}
