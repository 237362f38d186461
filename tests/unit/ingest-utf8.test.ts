import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { completeUtf8Length, decodeFile, EncodingError } from '../../scripts/ingest/encoding.ts';

const dir = mkdtempSync(join(tmpdir(), 'glassbox-utf8-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Deterministic pseudo-random numbers (mulberry32). */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** All text of the file, or the error's message and offset. */
async function decodeAll(path: string, encoding: string, chunkSize: number): Promise<{ text: string } | { message: string; offset: number }> {
  let text = '';
  try {
    for await (const t of decodeFile(path, encoding, chunkSize)) text += t;
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

describe('completeUtf8Length(bytes)', () => {
  it('holds back only a character the next bytes may complete', () => {
    expect(completeUtf8Length(Uint8Array.from([0x61, 0xe4, 0xb8]))).toBe(1);
    expect(completeUtf8Length(Uint8Array.from([0x61, 0xe4, 0xb8, 0xad]))).toBe(4);
    expect(completeUtf8Length(Uint8Array.from([0xf0, 0x9f, 0x98]))).toBe(0);
    expect(completeUtf8Length(Uint8Array.from([0x61, 0x62]))).toBe(2);
    expect(completeUtf8Length(Uint8Array.from([]))).toBe(0);
  });
});
