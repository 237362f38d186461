import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { completeUtf8Length, decodeFile, EncodingError, utf8Text } from '../../scripts/ingest/encoding.ts';
import { random } from './random.ts';

const dir = mkdtempSync(join(tmpdir(), 'glassbox-utf8-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));


/** All text of the file, or the error's message and offset. */
async function decodeAll(path: string, encoding: string, chunkSize: number, pieceBytes?: number): Promise<{ text: string } | { message: string; offset: number }> {
  let text = '';
  try {
    for await (const t of decodeFile(path, encoding, chunkSize, undefined, pieceBytes)) text += t;
    return { text };
  } catch (e) {
    if (!(e instanceof EncodingError)) throw e;
    return { message: e.message.replace('valid utf8', 'valid utf-8').replace('a utf8 character', 'a utf-8 character'), offset: e.offset };
  }
}

describe('decodeFile(path, "utf-8", chunkSize)', () => {
  it('gives the same text and errors as a streaming TextDecoder, whatever the chunk size', async () => {
    const rnd = random(11);
    // Whole characters of 1 to 4 bytes, a BOM, and bytes that are invalid or cut short.
    const pieces = [[0x61], [0x2c], [0x0a], [0xc3, 0xa9], [0xe4, 0xb8, 0xad], [0xf0, 0x9f, 0x98, 0x80], [0xef, 0xbb, 0xbf], [0xe4, 0xb8], [0xff], [0x80], [0xed, 0xa0, 0x80], [0xc0, 0xaf]];
    for (let n = 0; n < 400; n++) {
      const bytes: number[] = [];
      const bad = rnd() < 0.4;
      for (let k = Math.floor(rnd() * 30); k > 0; k--) {
        const p = pieces[Math.floor(rnd() * (bad ? pieces.length : 7))] ?? [];
        bytes.push(...p);
      }
      const path = join(dir, `f${n}.txt`);
      writeFileSync(path, Uint8Array.from(bytes));
      for (const chunk of [1, 2, 3, 5, 64]) {
        // "utf8" is the same decoder reached by the streaming TextDecoder path.
        expect(await decodeAll(path, 'utf-8', chunk), `${JSON.stringify(bytes)} chunk ${chunk}`).toEqual(await decodeAll(path, 'utf8', chunk));
      }
    }
  });
});

describe('decodeFile(path, "utf-8", chunkSize, onBytes, pieceBytes)', () => {
  it('gives the same text and errors whatever the read and piece sizes, with and without line feeds', async () => {
    const rnd = random(12);
    const pieces = [[0x61], [0x2c], [0x0a], [0x0a], [0x0d, 0x0a], [0xc3, 0xa9], [0xe4, 0xb8, 0xad], [0xf0, 0x9f, 0x98, 0x80], [0xef, 0xbb, 0xbf], [0xe4, 0xb8], [0xff], [0x80]];
    for (let n = 0; n < 300; n++) {
      const bytes: number[] = n % 3 === 0 ? [0xef, 0xbb, 0xbf] : [];
      const bad = rnd() < 0.3;
      for (let k = Math.floor(rnd() * 60); k > 0; k--) bytes.push(...(pieces[Math.floor(rnd() * (bad ? pieces.length : 9))] ?? []));
      const path = join(dir, `p${n}.txt`);
      writeFileSync(path, Uint8Array.from(bytes));
      const expected = await decodeAll(path, 'utf8', 64);
      for (const [chunk, piece] of [[1, 1], [2, 4], [3, 5], [7, 6], [64, 4], [64, 9], [1 << 16, 1 << 16]] as const) {
        expect(await decodeAll(path, 'utf-8', chunk, piece), `${JSON.stringify(bytes)} chunk ${chunk} piece ${piece}`).toEqual(expected);
      }
    }
  });
});

describe('utf8Text(bytes)', () => {
  it('equals toString("utf8") on valid UTF-8: every plane, a byte order mark, noncharacters, ASCII only', () => {
    const rnd = random(5);
    const points = [0, 0x0a, 0x41, 0x7f, 0x80, 0xe9, 0x7ff, 0x800, 0x4e2d, 0x3000, 0xd7ff, 0xe000, 0xfeff, 0xfffd, 0xfffe, 0xffff, 0x10000, 0x1f600, 0x10fffe, 0x10ffff];
    for (let n = 0; n < 300; n++) {
      const ascii = n % 4 === 0;
      const length = Math.floor(rnd() * (n % 2 ? 2000 : 300));
      const text = Array.from({ length }, () => String.fromCodePoint(ascii ? 0x20 + Math.floor(rnd() * 0x5f) : (points[Math.floor(rnd() * points.length)] ?? 0))).join('');
      const bytes = Buffer.from(text, 'utf8');
      expect(utf8Text(bytes)).toBe(bytes.toString('utf8'));
    }
  });
});

describe('completeUtf8Length(bytes)', () => {
  it('holds back only a character the next bytes may complete', () => {
    expect(completeUtf8Length(Uint8Array.from([0x61, 0xe4, 0xb8]))).toBe(1);
    expect(completeUtf8Length(Uint8Array.from([0x61, 0xe4, 0xb8, 0xad]))).toBe(4);
    expect(completeUtf8Length(Uint8Array.from([0xf0, 0x9f, 0x98]))).toBe(0);
    expect(completeUtf8Length(Uint8Array.from([0x61, 0x62]))).toBe(2);
    expect(completeUtf8Length(Uint8Array.from([]))).toBe(0);
  });
});
