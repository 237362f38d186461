import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { afterAll, describe, expect, it } from 'vitest';
import { detach, openCsv, splitRows, type Newline } from '../../scripts/ingest/csv.ts';
import { csvRecord } from '../../scripts/sample/csv.ts';
import { random } from './random.ts';

const dir = mkdtempSync(join(tmpdir(), 'glassbox-csv-quotes-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));


/** Pieces of CSV text, weighted towards quotes, delimiters and line ends (well-formed and not). */
const alphabet = ['a', 'b', '1', ' ', ',', ';', '\t', '\n', '\r', '\r\n', '"', '"', '""', ',"', '",', '"\n', '"\r\n', '中', '\u3000', ''];

function randomText(rnd: () => number, length: number): string {
  return Array.from({ length: Math.floor(rnd() * length) }, () => alphabet[Math.floor(rnd() * alphabet.length)] ?? '').join('');
}

/** PapaParse over the whole text at once: the reference the streaming reader must equal. */
function papaRows(text: string, newline: Newline, delimiter: string, last: boolean): { rows: string[][]; cursor: number } {
  const r = new Papa.Parser({ delimiter, newline, quoteChar: '"' }).parse(text, 0, !last);
  return { rows: r.data as string[][], cursor: r.meta.cursor };
}

describe('splitRows(text, newline, delimiter, last, take) with quotes', () => {
  it('gives the same rows and unparsed tail as PapaParse on random text with quotes, well-formed or not', () => {
    const rnd = random(2024);
    for (let n = 0; n < 10_000; n++) {
      const text = randomText(rnd, 40);
      const newline = (['\n', '\r\n', '\r'] as const)[n % 3] ?? '\n';
      const delimiter = (n >> 2) % 2 ? ';' : ',';
      const last = rnd() < 0.5;
      const rows: string[][] = [];
      const tail = splitRows(text, newline, delimiter, last, (f) => rows.push(f));
      const papa = papaRows(text, newline, delimiter, last);
      expect(rows, JSON.stringify({ text, newline, delimiter, last })).toEqual(papa.rows);
      expect(tail, JSON.stringify({ text, newline, delimiter, last })).toBe(last ? '' : text.slice(papa.cursor));
    }
  });

  it('reads well-formed quoted fields: doubled quotes, delimiters and line ends inside quotes', () => {
    const rows: string[][] = [];
    const tail = splitRows('1,"a,""b""\r\nc",2\r\n"",x,""""\r\n3,"d"', '\r\n', ',', false, (f) => rows.push(f));
    expect(rows).toEqual([
      ['1', 'a,"b"\r\nc', '2'],
      ['', 'x', '"'],
    ]);
    expect(tail).toBe('3,"d"');
  });
});

describe('openCsv(path, { chunkSize, batchChars })', () => {
  it('gives PapaParse\'s rows of the whole file (blank lines dropped) at every chunk and batch size', async () => {
    const rnd = random(99);
    for (let n = 0; n < 150; n++) {
      const newline = (['\n', '\r\n'] as const)[n % 2] ?? '\n';
      // A header line, so the newline is detected as declared, then random rows.
      const text = `h1,h2${newline}${randomText(rnd, 80)}`;
      const path = join(dir, `f${n}.csv`);
      writeFileSync(path, text, 'utf8');
      const expected = papaRows(text, newline, ',', true).rows.filter((f) => !(f.length === 1 && f[0] === ''));
      for (const [chunkSize, batchChars] of [[1, 1], [2, 5], [3, 1000], [7, 2], [64, 1], [64, 9], [1 << 20, 1], [1 << 20, 1 << 15]] as const) {
        const f = await openCsv(path, { chunkSize, batchChars });
        const got = [f.header];
        for await (const batch of f.batches) for (const r of batch) got.push(r.fields);
        expect(got, `${JSON.stringify(text)} chunk ${chunkSize} batch ${batchChars}`).toEqual([expected[0]?.map((h) => h.trim()), ...expected.slice(1)]);
      }
    }
  });
});

describe('openCsv(path) on exports written by an RFC 4180 writer', () => {
  it('gives back every field, quoted or not, at every chunk and batch size', async () => {
    const rnd = random(4180);
    const words = ['市民', '投诉', '"原话"', '含,逗号', '多行\r\n内容', '行\n尾', ' 空格 ', '', '12345', 'a""b', '"', ',', '中文，标点。'];
    for (let n = 0; n < 40; n++) {
      const eol = n % 2 ? '\r\n' : '\n';
      const records = Array.from({ length: 1 + Math.floor(rnd() * 200) }, (_, i) => [
        String(i + 1),
        ...Array.from({ length: 4 }, () => Array.from({ length: Math.floor(rnd() * 4) }, () => words[Math.floor(rnd() * words.length)] ?? '').join('')),
      ]);
      const text = `${n % 3 ? '' : '\ufeff'}id,a,b,c,d${eol}${records.map((r) => csvRecord(r) + eol).join('')}`;
      const path = join(dir, `w${n}.csv`);
      writeFileSync(path, text, 'utf8');
      for (const [chunkSize, batchChars] of [[5, 3], [64, 50], [1 << 20, 1 << 15]] as const) {
        const f = await openCsv(path, { chunkSize, batchChars });
        const rows: string[][] = [];
        for await (const batch of f.batches) for (const r of batch) rows.push(r.fields);
        expect(f.header).toEqual(['id', 'a', 'b', 'c', 'd']);
        expect(rows, `chunk ${chunkSize} batch ${batchChars}`).toEqual(records);
      }
    }
  });
});

describe('detach(field)', () => {
  it('gives an equal string, short or long, ASCII or not', () => {
    const text = '12345-20241101-000001,示例市人力资源和社会保障局窗口受理,x,';
    for (const field of text.split(',')) expect(detach(field)).toBe(field);
  });
});
