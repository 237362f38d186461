/**
 * The personal-data scan keeps only the first `limit` findings (a broken site holds millions) and
 * counts them all: the kept ones must be exactly the first `limit` of the full list, and the
 * counts those of the full list, however windows, files, repeats and gzip fall.
 */
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { detectPatterns, KnownValues, type Finding, type KindCounts } from '../../scripts/verify/detectors.ts';
import { scanDirectory, type ScanOptions, type ScanResult } from '../../scripts/verify/scan.ts';
import { TextScanner } from '../../scripts/verify/text-scanner.ts';
import { random } from './random.ts';
import { scanInPieces } from './scan-in-pieces.ts';
import { removeTempTrees, tempTree } from './temp-tree.ts';

afterAll(removeTempTrees);

const allow = ['example.org'];
const values = ['王建国', '临江区滨江路88号', '李娜娜', '13800138000'];
/** Personal data of several kinds, an allowed email, and the separators and letters between them. */
const tokens = ['13912345678', '15800001111', '440304900307123', 'E12345678', '粤BD12345', 'chen.jing@163.com', 'open-data@example.org', 'a.b.c.d.e.f.g.h@mail.com', '王建国', '临江区滨江路88号', '李娜娜', '13800138000', ' ', ',', '\n', '中', 'x', '.', '1'];

/** A text of `n` random tokens. */
function tokenText(n: number, rnd: () => number): string {
  return Array.from({ length: n }, () => tokens[Math.floor(rnd() * tokens.length)] ?? '').join('');
}

/** How many findings of each kind `findings` holds. */
function tally(findings: readonly Finding[]): KindCounts {
  const counts: KindCounts = {};
  for (const f of findings) counts[f.kind] = (counts[f.kind] ?? 0) + 1;
  return counts;
}

describe('TextScanner(allowDomains, known, limit)', () => {
  it('keeps the first `limit` findings of the whole text and counts them all, in windows that decide detectors out of offset order', () => {
    const rnd = random(23);
    const known = new KnownValues(values);
    let cut = 0;
    for (let n = 0; n < 300; n++) {
      const text = tokenText(10 + Math.floor(rnd() * 60), rnd);
      const want = [...detectPatterns(text, allow), ...known.find(text)];
      for (const limit of [0, 1, 2, Math.floor(rnd() * (want.length + 2)), want.length - 1, want.length, Infinity]) {
        if (limit < 0) continue;
        const scanner = new TextScanner(allow, known, limit);
        scanInPieces(scanner, text, rnd);
        expect(scanner.findings(), `${text} with limit ${limit}`).toEqual(want.slice(0, limit));
        expect(scanner.counts(), `${text} with limit ${limit}`).toEqual(tally(want));
        if (limit < want.length) cut++;
      }
    }
    expect(cut).toBeGreaterThan(1000);
  });
});

describe('scanDirectory(root, { limit })', () => {
  const rnd = random(29);
  const a = tokenText(500, rnd);
  const b = tokenText(300, rnd);
  const files: Record<string, string | Buffer> = {
    'a.csv': a,
    'a.csv.gz': gzipSync(Buffer.from(a)),
    'b.jsonl.gz': gzipSync(Buffer.from(b)),
    'clean.txt': 'nothing here',
    'latest/a.csv': a,
    'latest/a.csv.gz': gzipSync(Buffer.from(a)),
    'latest/b.jsonl.gz': gzipSync(Buffer.from(b)),
    'latest/clean.txt': 'nothing here',
    'notes.md': tokenText(50, rnd),
  };
  const root = tempTree('glassbox-verify-limit-', files);
  const known = new KnownValues(values);
  const scan = (opts: Partial<ScanOptions>): Promise<ScanResult> => scanDirectory(root, { allowDomains: allow, known, ...opts });

  it('keeps the first `limit` findings of the full scan, cut anywhere (in a repeated or a gzip file too), and counts them all', async () => {
    const all = await scan({ limit: Infinity });
    expect(all.found).toBe(all.findings.length);
    expect(all.foundByKind).toEqual(tally(all.findings));
    expect(Object.keys(all.foundByKind).length).toBeGreaterThanOrEqual(6);
    const byFile = new Map<string, number>();
    for (const f of all.findings) byFile.set(f.file, (byFile.get(f.file) ?? 0) + 1);
    expect([...all.foundByFile]).toEqual([...byFile]);
    expect([...byFile.keys()]).toEqual(['a.csv', 'a.csv.gz', 'b.jsonl.gz', 'latest/a.csv', 'latest/a.csv.gz', 'latest/b.jsonl.gz', 'notes.md']);
    // Scanned: a.csv, b.jsonl.gz, clean.txt and notes.md; the others repeat their bytes or text.
    expect(all.texts).toBe(4);

    // Limits around the start and end of every file's findings, and in between.
    const limits = new Set([0, 1, 2]);
    let start = 0;
    for (const n of byFile.values()) {
      for (const limit of [start - 1, start, start + 1, start + Math.floor(n / 2), start + n - 1]) if (limit >= 0) limits.add(limit);
      start += n;
    }
    limits.add(all.found).add(all.found + 1);
    for (const limit of limits) {
      const capped = await scan({ limit });
      expect(capped.findings, `limit ${limit}`).toEqual(all.findings.slice(0, limit));
      expect(capped.found, `limit ${limit}`).toBe(all.found);
      expect(capped.foundByKind, `limit ${limit}`).toEqual(all.foundByKind);
      expect([...capped.foundByFile], `limit ${limit}`).toEqual([...all.foundByFile]);
      expect(capped.texts, `limit ${limit}`).toBe(all.texts);
    }
  });

  it('keeps the same first findings when files are read in pieces of a few bytes and characters', async () => {
    const all = await scan({ limit: Infinity });
    for (const [readBytes, pieceChars] of [
      [1, 1],
      [3, 7],
      [64, 50],
    ] as const) {
      for (const limit of [5, 333, 1234]) {
        const capped = await scan({ limit, readBytes, pieceChars });
        expect(capped.findings, `limit ${limit} in pieces of ${readBytes} bytes`).toEqual(all.findings.slice(0, limit));
        expect(capped.foundByKind).toEqual(all.foundByKind);
      }
    }
  });

  it('keeps 1000 findings when no limit is given', async () => {
    const all = await scan({ limit: Infinity });
    expect(all.found).toBeGreaterThan(1000);
    const capped = await scan({});
    expect(capped.findings).toEqual(all.findings.slice(0, 1000));
    expect(capped.found).toBe(all.found);
  });
});
