import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { KnownValues } from '../../scripts/verify/detectors.ts';
import { scanDirectory } from '../../scripts/verify/scan.ts';
import { checkQuality } from '../../scripts/verify/quality.ts';
import { verify } from '../../scripts/verify/cli.ts';

function site(files: Record<string, string | Buffer>): string {
  const root = mkdtempSync(join(tmpdir(), 'glassbox-verify-'));
  for (const [name, body] of Object.entries(files)) {
    const path = join(root, name);
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, body);
  }
  return root;
}

describe('scanDirectory(root, opts)', () => {
  it('finds personal data inside a gzip-compressed Pagefind fragment and names the file', async () => {
    const root = site({
      'index.html': '<p>联系 open-data@example.org</p>',
      'pagefind/fragment/zh_abc.pf_fragment': gzipSync(Buffer.from('{"content":"来电人手机 15800001111"}')),
    });
    const result = await scanDirectory(root, { allowDomains: ['example.org'], known: new KnownValues([]) });
    expect(result.files).toBe(2);
    expect(result.findings.map((f) => [f.file, f.kind])).toEqual([['pagefind/fragment/zh_abc.pf_fragment', 'mobile']]);
  });

  it('finds a raw identifier value from ingest in a CSV, and skips images', async () => {
    const root = site({
      'data/requests.csv': 'record,district\r\n1,临江区滨江路88号3栋502室\r\n',
      'img/logo.png': Buffer.from('王建国'),
    });
    const result = await scanDirectory(root, { allowDomains: [], known: new KnownValues(['临江区滨江路88号3栋502室', '王建国']) });
    expect(result.findings.map((f) => [f.file, f.kind])).toEqual([['data/requests.csv', 'known-identifier']]);
  });
});

describe('checkQuality(report)', () => {
  const ok = {
    sources: [
      { source: 'a', rows_in: 10, published: 8, quarantined: 2, by_reason: { 'duplicate-id': 1, 'malformed-row': 1 } },
      { source: 'b', rows_in: 5, published: 5, quarantined: 0, by_reason: {} },
    ],
    totals: { rows_in: 15, published: 13, quarantined: 2 },
  };

  it('accepts figures that add up', () => {
    expect(checkQuality(ok)).toEqual([]);
  });

  it('reports a source that lost a row and totals that do not match', () => {
    const bad = structuredClone(ok);
    bad.sources[0]!.published = 7;
    const problems = checkQuality(bad);
    expect(problems.some((p) => p.includes('source a: rows in 10 ≠ published 7 + quarantined 2'))).toBe(true);
    expect(problems.some((p) => p.includes('totals'))).toBe(true);
  });
});

describe('verify(dist, privateDir, log)', () => {
  const quality = JSON.stringify({ sources: [{ source: 'a', rows_in: 1, published: 1, quarantined: 0, by_reason: {} }], totals: { rows_in: 1, published: 1, quarantined: 0 } });
  const priv = site({ 'identifier-values.json': JSON.stringify(['赵丽华']) });
  const page = (body: string): string =>
    `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="script-src 'self'"><title>首页</title></head><body><p>${body}</p></body></html>`;

  it('fails on a leaked identifier and passes on a clean site', async () => {
    const leaky = site({ 'data/quality.json': quality, 'index.html': page('赵丽华 来电') });
    const clean = site({ 'data/quality.json': quality, 'index.html': page('来电') });
    const silent = (): void => undefined;
    expect(await verify(leaky, priv, silent)).toEqual([expect.stringMatching(/^index\.html: known-identifier \*\*\* at offset \d+$/)]);
    expect(await verify(clean, priv, silent)).toEqual([]);
  });

  it('lists 50 personal-data findings and counts all the others by kind', async () => {
    const phones = Array.from({ length: 1200 }, (_, i) => `1390000${String(i).padStart(4, '0')}`).join(' ');
    const leaky = site({ 'data/quality.json': quality, 'data/requests.csv': `${phones}\n赵丽华,赵丽华\n`, 'index.html': page('赵丽华 来电 440304900307123') });
    const problems = await verify(leaky, priv, (): void => undefined);
    expect(problems.length).toBe(51);
    expect(problems[0]).toBe('data/requests.csv: mobile 13********0 at offset 0');
    expect(problems[50]).toBe('… and 1,154 more personal-data findings (1,204 in 2 files: mobile 1,200; known-identifier 3; resident-id-15 1)');
  });
});

describe('measurePages(dist) and checkBudgets(weights)', () => {
  it('counts a page with its stylesheet and script and flags one over budget', async () => {
    const { measurePages, checkBudgets } = await import('../../scripts/verify/budgets.ts');
    const { createHash } = await import('node:crypto');
    // Incompressible text: 120,000 hex digits of chained SHA-256 (about 60 KB gzip).
    const big = Buffer.from(Array.from({ length: 1875 }, (_, i) => createHash('sha256').update(String(i)).digest('hex')).join(''));
    const root = site({
      'index.html': '<link rel="stylesheet" href="/_astro/a.css"><script type="module" src="/_astro/b.js"></script><p>hi</p>',
      '_astro/a.css': 'body{color:#111}',
      '_astro/b.js': 'import "./c.js";',
      '_astro/c.js': big,
      'pagefind/x.html': big,
    });
    const weights = measurePages(root);
    expect(weights.map((w) => w.page)).toEqual(['index.html']);
    expect(weights[0]!.js).toBeGreaterThan(40_000);
    expect(checkBudgets(weights)).toEqual([expect.stringContaining('KB gzip of JavaScript exceeds the 35 KB budget')]);
    expect(checkBudgets(weights, { pageBytes: 1e6, scriptBytes: 1e6 })).toEqual([]);
  });
});
