import { describe, expect, it } from 'vitest';
import { csvField, formatNumber, toCsv } from '../../scripts/publish/csv.ts';

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
