import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadDepartments, parseDepartments } from '../../scripts/config/departments.ts';
import { loadSite } from '../../scripts/config/site.ts';
import { parseArgs } from '../../scripts/build-data.ts';
import { checkPrivateDir } from '../../scripts/publish/write.ts';
import { assertAccounting } from '../../scripts/publish/pipeline.ts';

const root = join(import.meta.dirname, '../..');

describe('loadSite(path) and loadDepartments(path)', () => {
  it('load the sample city', () => {
    const site = loadSite(join(root, 'data/site.yaml'));
    expect(site.timezone).toBe('Asia/Shanghai');
    expect(site.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(loadDepartments(join(root, 'data/departments.yaml')).length).toBeGreaterThan(1);
  });
  it('name the file and the key of a bad value', () => {
    const dir = mkdtempSync(join(tmpdir(), 'glassbox-config-'));
    try {
      const path = join(dir, 'site.yaml');
      writeFileSync(path, 'name: { zh: 甲, en: A }\ncity: { zh: 甲, en: A }\nlocales: [zh-CN]\ntimezone: Mars/Base\nasOf: 2026-1-1\nmonths: 24\n' +
        'licence: { id: x, title: x, url: "https://x.org" }\npublisher: { zh: 甲, en: A }\ncontact: c\nthresholds: { minCell: ten, k: 10, minCasesForScore: 1 }\nsecretEnv: GLASSBOX_SECRET\n');
      const err = (() => { try { loadSite(path); return ''; } catch (e) { return (e as Error).message; } })();
      expect(err).toContain(path);
      expect(err).toContain('key "timezone"');
      expect(err).toContain('key "asOf"');
      expect(err).toContain('key "thresholds.minCell"');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
  it('reject duplicate department ids and aliases', () => {
    const d = (id: string, aliases: string[]) => ({ id, name: { zh: id, en: id }, aliases });
    expect(() => parseDepartments('departments.yaml', [d('a', []), d('a', [])])).toThrow(/departments\.yaml: key "1\.id"/);
    expect(() => parseDepartments('departments.yaml', [d('a', ['x']), d('b', ['x'])])).toThrow(/alias "x"/);
  });
});

describe('parseArgs(argv)', () => {
  it('has defaults and accepts --flag value and --flag=value', () => {
    expect(parseArgs([])).toEqual({ dataDir: 'data', outDir: 'public/data', privateDir: 'private' });
    expect(parseArgs(['--data', 'd', '--out=o', '--private', 'p'])).toEqual({ dataDir: 'd', outDir: 'o', privateDir: 'p' });
  });
  it('rejects unknown flags and missing values', () => {
    expect(() => parseArgs(['--outt', 'x'])).toThrow(/unknown argument/);
    expect(() => parseArgs(['--out'])).toThrow(/needs a folder/);
  });
});

describe('checkPrivateDir(privateDir, outDir, root)', () => {
  it('refuses a private folder under public/, dist/ or the output folder', () => {
    expect(() => checkPrivateDir('/r/public/private', '/r/out', '/r')).toThrow(/public\//);
    expect(() => checkPrivateDir('/r/dist/x', '/r/public/data', '/r')).toThrow(/dist\//);
    expect(() => checkPrivateDir('/tmp/o/p', '/tmp/o', '/r')).toThrow(/output folder/);
    expect(() => checkPrivateDir('/r/private', '/r/public/data', '/r')).not.toThrow();
  });
});

describe('assertAccounting(sources)', () => {
  it('throws with the figures when rows in ≠ published + quarantined', () => {
    const s = { source: 'hotline', file: 'raw/h.csv', rowsIn: 10, published: 8, quarantined: 1, byReason: {} };
    expect(() => assertAccounting([s])).toThrow(/hotline \(raw\/h\.csv\): rows in 10 ≠ published 8 \+ quarantined 1/);
    expect(() => assertAccounting([{ ...s, quarantined: 2 }])).not.toThrow();
  });
});
