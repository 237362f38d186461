import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { splitRows } from '../../scripts/ingest/csv.ts';
import { random } from './random.ts';


describe('splitRows(text, newline, delimiter, last, take)', () => {
  it('gives the same rows and unparsed tail as PapaParse on quote-free text', () => {
    const rnd = random(7);
    const alphabet = ['a', 'b', '1', ' ', ',', ';', '\t', '\n', '\r', '\r\n', '中', ''];
    for (let n = 0; n < 3000; n++) {
      const text = Array.from({ length: Math.floor(rnd() * 40) }, () => alphabet[Math.floor(rnd() * alphabet.length)] ?? '').join('');
      const newline = (['\n', '\r\n', '\r'] as const)[n % 3] ?? '\n';
      const delimiter = (n >> 2) % 2 ? ';' : ',';
      const last = rnd() < 0.5;
      const rows: string[][] = [];
      const tail = splitRows(text, newline, delimiter, last, (f) => rows.push(f));
      const papa = new Papa.Parser({ delimiter, newline, quoteChar: '"' }).parse(text, 0, !last);
      expect(rows, JSON.stringify({ text, newline, delimiter, last })).toEqual(papa.data);
      expect(tail).toBe(last ? '' : text.slice(papa.meta.cursor));
    }
  });

  it('keeps an incomplete last row for the next chunk', () => {
    const rows: string[][] = [];
    expect(splitRows('a,b\nc,d\ne,', '\n', ',', false, (f) => rows.push(f))).toBe('e,');
    expect(rows).toEqual([['a', 'b'], ['c', 'd']]);
  });
});
