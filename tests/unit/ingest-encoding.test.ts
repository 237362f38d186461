import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openCsv, type CsvRow } from '../../scripts/ingest/csv.ts';
import { decodeFile, detectEncoding } from '../../scripts/ingest/encoding.ts';

const dir = new URL('../fixtures/ingest/formats/', import.meta.url).pathname;

async function read(file: string, encoding: string, chunkSize?: number): Promise<{ header: string[]; rows: CsvRow[]; encoding: string }> {
  const f = await openCsv(dir + file, { encoding, ...(chunkSize ? { chunkSize } : {}) });
  const rows: CsvRow[] = [];
  for await (const b of f.batches) rows.push(...b);
  return { header: f.header, rows, encoding: f.encoding };
}

const expected = {
  header: ['编号', '时间', '部门', '状态', '内容'],
  rows: [
    { row: 1, fields: ['1', '2025-03-01 09:00:00', '住建局', '办结', '第一行\r\n第二行，含"引号"'] },
    { row: 2, fields: ['2', '2025-03-02 10:30:00', '市场监管局', '在办', '深圳市福田区'] },
  ],
};

describe('openCsv(path, { encoding })', () => {
  for (const [file, declared, resolved] of [
    ['utf8-bom.csv', 'auto', 'utf-8'],
    ['utf8.csv', 'auto', 'utf-8'],
    ['gb18030.csv', 'auto', 'gb18030'],
    ['gb18030.csv', 'gbk', 'gbk'],
    ['utf16le-bom.csv', 'auto', 'utf-16le'],
    ['utf16be-bom.csv', 'auto', 'utf-16be'],
  ] as const) {
    it(`reads ${file} declared ${declared} as ${resolved}, with CRLF and a quoted newline, at every chunk size`, async () => {
      for (const size of [undefined, 1, 2, 3, 5, 7]) {
        const got = await read(file, declared, size);
        expect({ header: got.header, rows: got.rows }).toEqual(expected);
        expect(got.encoding).toBe(resolved);
      }
    });
  }
  it('fails with the byte offset when a file is not the UTF-8 it claims, never with replacement characters', async () => {
    await expect(read('bad-utf8.csv', 'utf-8')).rejects.toThrow(/bad-utf8\.csv: byte offset 25: the bytes are not valid utf-8/);
    await expect(read('bad-utf8.csv', 'utf-8', 3)).rejects.toThrow(/byte offset 25:/);
  });
  it('fails with the byte offset when UTF-16 is declared but the bytes are GB18030 of odd length', async () => {
    await expect(read('gb18030.csv', 'utf-16le')).rejects.toThrow(/byte offset \d+: .*not valid utf-16le|ends inside a utf-16le character/);
  });
});

describe('detectEncoding(head)', () => {
  it('decides by BOM, then by strict UTF-8, else GB18030', () => {
    expect(detectEncoding(readFileSync(dir + 'utf16be-bom.csv'))).toBe('utf-16be');
    expect(detectEncoding(readFileSync(dir + 'utf8.csv'))).toBe('utf-8');
    expect(detectEncoding(readFileSync(dir + 'gb18030.csv'))).toBe('gb18030');
  });
  it('accepts a UTF-8 sample cut inside a multi-byte character', () => {
    const bytes = readFileSync(dir + 'utf8.csv');
    expect(detectEncoding(bytes.subarray(0, 2))).toBe('utf-8');
  });
});

describe('decodeFile(path, encoding, chunkSize, onBytes, pieceBytes)', () => {
  it('gives the whole text of every fixture whatever the read and piece sizes', async () => {
    for (const [file, encoding] of [
      ['utf8-bom.csv', 'utf-8'],
      ['gb18030.csv', 'gb18030'],
      ['gb18030.csv', 'gbk'],
      ['utf16le-bom.csv', 'utf-16le'],
      ['utf16be-bom.csv', 'utf-16be'],
    ] as const) {
      const whole = new TextDecoder(encoding).decode(readFileSync(dir + file));
      for (const [chunk, piece] of [[1, 1], [3, 4], [7, 5], [64, 4], [64, 9], [1 << 16, 1 << 16]] as const) {
        let text = '';
        for await (const t of decodeFile(dir + file, encoding, chunk, undefined, piece)) text += t;
        expect(text, `${file} ${encoding} chunk ${chunk} piece ${piece}`).toBe(whole);
      }
    }
  });
  it('names the same byte offset whatever the piece size', async () => {
    const errorOf = async (file: string, encoding: string, piece: number): Promise<string> => {
      try {
        for await (const t of decodeFile(dir + file, encoding, 7, undefined, piece)) void t;
      } catch (e) {
        return (e as Error).message;
      }
      return 'no error';
    };
    const odd = await errorOf('gb18030.csv', 'utf-16le', 1 << 16);
    expect(odd).toMatch(/byte offset \d+: .*not valid utf-16le|ends inside a utf-16le character/);
    for (const piece of [4, 5, 9]) {
      expect(await errorOf('bad-utf8.csv', 'utf-8', piece)).toMatch(/byte offset 25: the bytes are not valid utf-8/);
      expect(await errorOf('gb18030.csv', 'utf-16le', piece)).toBe(odd);
    }
  });
});
