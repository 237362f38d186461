import { describe, expect, it } from 'vitest';
import { TupleColumn } from '../../scripts/ingest/columns.ts';

describe('TupleColumn(width).set(i, codes) and get(i, f)', () => {
  it('gives back every code as set, small or past the packed range, as the combinations outgrow one and two bytes', () => {
    let seed = 3;
    const next = (n: number): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return (seed >>> 8) % n;
    };
    for (const width of [1, 4, 7]) {
      const col = new TupleColumn(width);
      const rows: number[][] = [];
      for (let i = 0; i < 80_000; i++) {
        // Mostly small codes in runs (as requests come); some past 2^(28 / width), some past 2^(52 / width), a few near 2^32.
        const codes = Array.from({ length: width }, (_, f) =>
          i % 997 === 0 ? 0xffff_fff0 + f : i % 13 === 0 ? 9_000 + next(200_000) : i % 7 === 0 ? 16 + next(100) : next(f === 0 ? 3 : 40),
        );
        rows.push(codes);
        col.set(i, codes);
      }
      let wrong = 0;
      rows.forEach((codes, i) => codes.forEach((c, f) => (col.get(i, f) === c ? 0 : wrong++)));
      expect(wrong, `width ${width}`).toBe(0);
    }
  });

  it('takes one byte a row while fewer than 256 combinations are seen', () => {
    const col = new TupleColumn(7);
    for (let i = 0; i < 32_768; i++) col.set(i, [i % 2, i % 3, 1, 0, i % 5, 2, 0]);
    expect(col.bytes()).toBe(32_768);
    expect(() => new TupleColumn(8)).toThrow(RangeError);
  });
});
