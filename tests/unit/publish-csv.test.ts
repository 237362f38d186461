import { describe, expect, it } from 'vitest';
import { GrowingBytes } from '../../scripts/publish/growing-bytes.ts';
import { csvField, csvHeader, csvLiner, formatNumber, toCsv, writeCsv, type Cell } from '../../scripts/publish/csv.ts';

describe('csvField(value)', () => {
  it('leaves plain text bare and quotes text with a comma, quote, CR or LF', () => {
    expect(csvField('市场监管局')).toBe('市场监管局');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('line1\nline2')).toBe('"line1\nline2"');
    expect(csvField('a\r\nb')).toBe('"a\r\nb"');
  });
  it('defuses formula injection by prefixing an apostrophe (OWASP)', () => {
    expect(csvField('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(csvField('+1')).toBe("'+1");
    expect(csvField('-2+3')).toBe("'-2+3");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('\tx')).toBe("'\tx");
    expect(csvField('\rx')).toBe(`"'\rx"`);
  });
  it('writes numbers as plain decimals, null as empty and booleans as true/false', () => {
    expect(csvField(-3)).toBe('-3');
    expect(csvField(0.6667)).toBe('0.6667');
    expect(csvField(null)).toBe('');
    expect(csvField(undefined)).toBe('');
    expect(csvField(true)).toBe('true');
    expect(csvField(false)).toBe('false');
  });
});

describe('formatNumber(n)', () => {
  it('never uses exponent notation', () => {
    expect(formatNumber(1e-7)).toBe('0.0000001');
    expect(formatNumber(1.5e-7)).toBe('0.00000015');
    expect(formatNumber(-2.5e-8)).toBe('-0.000000025');
    expect(formatNumber(1e21)).toBe('1000000000000000000000');
    expect(formatNumber(-0)).toBe('0');
  });
  it('rejects NaN and infinities', () => {
    expect(() => formatNumber(Number.NaN)).toThrow();
    expect(() => formatNumber(Infinity)).toThrow();
  });
});

describe('toCsv(columns, rows)', () => {
  it('writes a header and CRLF-terminated rows in column order', () => {
    expect(toCsv(['b', 'a'], [{ a: 1, b: 'x' }, { a: null, b: '=1' }])).toBe("b,a\r\nx,1\r\n'=1,\r\n");
  });
});

// Made-up rows as a request table holds them, with every kind of field the writer must escape.
const COLUMNS = ['record', 'department', 'district', 'note', 'working_days', 'on_time', 'rating'];
const NOTES = [
  '市场监管局', '临江区, 青山区', 'say "hi"', 'line1\nline2', 'a\r\nb', '=HYPERLINK("http://x","y")', '+86 138', '-2+3', '@SUM(A1)', '\tx', '\rx',
  '', ' ', "'quoted'", '户籍·迁入', '😀 emoji', 'lone \ud800 surrogate', '"', ',', 'ok',
];
function tableRows(n: number): Record<string, Cell>[] {
  return Array.from({ length: n }, (_, i) => ({
    record: i + 1,
    department: ['gaj', 'mzj', '人社局'][i % 3] ?? null,
    district: i % 5 === 0 ? null : ['临江区', '示例市', ''][i % 3] ?? null,
    note: NOTES[i % NOTES.length] ?? null,
    working_days: [0, -0, 3, 1.5, 1e-7, 1e21, -2.5e-8, null][i % 8] ?? null,
    on_time: [true, false, null][i % 3] ?? null,
    // A column left out of some rows is written empty.
    ...(i % 4 === 0 ? {} : { rating: (i % 5) + 1 }),
  }));
}

describe('csvLiner(columns) and csvHeader(columns)', () => {
  it('give toCsv’s lines for every row', () => {
    const rows = tableRows(120);
    const line = csvLiner(COLUMNS);
    expect(csvHeader(COLUMNS) + rows.map(line).join('')).toBe(toCsv(COLUMNS, rows));
    // Remembered fields come back the same on a second pass.
    expect(csvHeader(COLUMNS) + rows.map(line).join('')).toBe(toCsv(COLUMNS, rows));
  });
  it('stays exact past the number of text fields it remembers', () => {
    const rows = Array.from({ length: 70_000 }, (_, i) => ({ district: i % 2 ? `区${i}` : `=${i},"x"` }));
    const line = csvLiner(['district']);
    expect(csvHeader(['district']) + rows.map(line).join('')).toBe(toCsv(['district'], rows));
  });
  it('writes an empty line for no columns, as toCsv does', () => {
    expect(csvHeader([]) + csvLiner([])({ a: 1 })).toBe(toCsv([], [{ a: 1 }]));
  });
});

describe('writeCsv(columns, rows, out) into GrowingBytes({ flushAt })', () => {
  it('gives toCsv’s bytes however often the text is encoded', () => {
    const rows = tableRows(300);
    const expected = Buffer.from(toCsv(COLUMNS, rows), 'utf8');
    for (const flushAt of [1, 5, 64, 1000, 1 << 20]) {
      const out = new GrowingBytes({ flushAt });
      writeCsv(COLUMNS, rows, out);
      expect(out.byteLength, `flush at ${flushAt}`).toBe(expected.byteLength);
      expect(out.toBuffer().equals(expected), `flush at ${flushAt}`).toBe(true);
    }
  });
  it('writes the header alone for no rows', () => {
    const out = new GrowingBytes({ flushAt: 4 });
    writeCsv(COLUMNS, [], out);
    expect(out.toBuffer().toString('utf8')).toBe(toCsv(COLUMNS, []));
  });
});
