/**
 * Two consecutive releases of the sample city (2026-09-30, then 2026-10-31: eleven months of
 * their periods overlap), built by the whole pipeline. The first release's release.json is
 * committed to data/releases/ the way the README says; the second build reads it as `prior`.
 *
 * The attacker holds both releases: every figure either published is a constant, a cell is
 * unknown only if neither published it, and the relations of both hold. The attack is written
 * out here with feasibleIntervals (not with the pipeline's own check), on measure's true cells.
 * Built without the earlier release, the second release publishes a month the first one hid
 * beside a small month of the same service (or hides beside a small month one the first
 * published): subtracting from a period total recovers the small cell exactly (e.g.
 * sm|elderly-allowance|2025-10 = 4 here). With the wiring it does not. Last, the fixture city after a summary in the old
 * format (no suppression record): the build goes on, with a warning.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { feasibleIntervals, wideEnough, type Relation } from '../../scripts/anonymize/bounds.ts';
import type { PriorRelease } from '../../scripts/anonymize/suppress.ts';
import { runPipeline, type PipelineResult } from '../../scripts/publish/pipeline.ts';
import { earlierRelease, loadReleaseSummaries } from '../../scripts/release/load.ts';
import { DEFAULT_SEED, defaultEffects, run as generateSample } from '../../scripts/sample/generate.ts';
import type { QualityReport } from '../../src/lib/published.ts';

const repoData = join(import.meta.dirname, '../../data');
const MIN_CELL = 10;
/** Fewer requests than the sample's 205,000 (faster), still enough for the attack below to find its cell. */
const ROWS = 60_000;

let tmp = '';
/** The sample's inputs with asOf set, and data/releases/ holding `releases` only. */
function dataDir(name: string, asOf: string, releases: readonly string[]): string {
  const dir = join(tmp, name);
  cpSync(repoData, dir, { recursive: true, filter: (src) => !src.startsWith(join(repoData, 'raw')) && !src.startsWith(join(repoData, 'releases')) });
  cpSync(join(tmp, 'raw'), join(dir, 'raw'), { recursive: true });
  const site = readFileSync(join(dir, 'site.yaml'), 'utf8');
  if (!/^asOf: "\d{4}-\d{2}-\d{2}"$/m.test(site)) throw new Error('data/site.yaml: no asOf line to set');
  writeFileSync(join(dir, 'site.yaml'), site.replace(/^asOf: "\d{4}-\d{2}-\d{2}"$/m, `asOf: "${asOf}"`));
  mkdirSync(join(dir, 'releases'));
  for (const r of releases) copyFileSync(r, join(dir, 'releases', r.slice(r.lastIndexOf('/') + 1)));
  return dir;
}

async function build(name: string, data: string): Promise<PipelineResult & { out: string }> {
  const out = join(tmp, name, 'public', 'data');
  const result = await runPipeline({ dataDir: data, outDir: out, privateDir: join(tmp, name, 'private'), root: join(tmp, name), env: {} });
  return { ...result, out };
}

/**
 * The attack on two releases: cells of `now` (true counts, its pattern) with what `prior`
 * published. Returns the small cells of `now` pinned narrower than minCell − 1, with their interval.
 */
function attack(now: NonNullable<PipelineResult['cells']>, prior: PriorRelease): { id: string; lo: number; hi: number }[] {
  const hidden = new Set(now.suppressed);
  for (const [id, parent] of now.followers) if (now.suppressed.has(parent)) hidden.add(id);
  const known = new Map(prior.published);
  for (const [id, v] of now.values) if (!hidden.has(id)) known.set(id, v);
  const unknown = new Set([...hidden, ...prior.hidden].filter((id) => !known.has(id)));
  const floors = new Map([...now.followers.keys(), ...(prior.mayBeZero ?? [])].map((id): [string, number] => [id, 0]));
  const relations: Relation[] = [...now.relations, ...prior.relations];
  const intervals = feasibleIntervals(known, unknown, relations, 10_000, floors);
  const out: { id: string; lo: number; hi: number }[] = [];
  for (const id of [...now.primary].sort()) {
    const iv = intervals.get(id);
    if (iv === undefined) out.push({ id, lo: known.get(id) ?? -1, hi: known.get(id) ?? -1 });
    else if (!wideEnough(iv, MIN_CELL)) out.push({ id, ...iv });
  }
  return out;
}

let first: PipelineResult & { out: string };
let wired: PipelineResult & { out: string };
let alone: PipelineResult & { out: string };
let prior: PriorRelease;

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'glassbox-prior-'));
  generateSample({ seed: DEFAULT_SEED, rows: ROWS, out: join(tmp, 'raw'), data: repoData }, { ...defaultEffects, log: () => {} });
  first = await build('a', dataDir('data-a', '2026-09-30', []));
  const summary = join(tmp, 'summary', '2026-09-30.json');
  mkdirSync(join(tmp, 'summary'));
  copyFileSync(join(first.out, 'releases/2026-09-30/release.json'), summary);
  wired = await build('b', dataDir('data-b', '2026-10-31', [summary]));
  alone = await build('c', dataDir('data-c', '2026-10-31', []));
  const loaded = earlierRelease(loadReleaseSummaries(join(tmp, 'summary')), '2026-10-31', join(tmp, 'summary'), () => {});
  if (!loaded?.prior) throw new Error('the first release left no suppression record');
  prior = loaded.prior;
}, 240_000);

afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('runPipeline twice: release 2026-10-31 after 2026-09-30', () => {
  it('passes the earlier release to measure and says so in quality.json', () => {
    expect(wired.earlier?.release).toBe('2026-09-30');
    expect(wired.earlier?.prior).not.toBeNull();
    const q = JSON.parse(readFileSync(join(wired.out, 'quality.json'), 'utf8')) as QualityReport;
    expect(q.privacy?.earlier_release).toEqual({ release: '2026-09-30', protected: true });
    const q0 = JSON.parse(readFileSync(join(alone.out, 'quality.json'), 'utf8')) as QualityReport;
    expect(q0.privacy?.earlier_release).toBeNull();
    expect(wired.report).toContain('suppression across releases: checked together with release 2026-09-30');
    expect(alone.report).toContain('suppression across releases: no earlier release');
  });

  it('without the earlier release, comparing the two releases recovers a small cell exactly', () => {
    const leaks = attack(alone.cells as NonNullable<PipelineResult['cells']>, prior);
    expect(leaks.length).toBeGreaterThan(0);
    expect(leaks.some((l) => l.lo === l.hi)).toBe(true);
  });

  it('with it, no small cell of the later release can be narrowed below minCell − 1 by comparing them', () => {
    const cells = wired.cells as NonNullable<PipelineResult['cells']>;
    expect(cells.primary.size).toBeGreaterThan(100);
    expect(attack(cells, prior)).toEqual([]);
  });

  it('keeps hidden every cell the earlier release hid that the later one still counts', () => {
    const cells = wired.cells as NonNullable<PipelineResult['cells']>;
    const stillCounted = [...prior.hidden].filter((id) => (cells.values.get(id) ?? 0) > 0 && !prior.mayBeZero?.has(id));
    expect(stillCounted.length).toBeGreaterThan(100);
    for (const id of stillCounted) expect(cells.suppressed.has(id), id).toBe(true);
  });

  it('records the suppression in release.json for the release after', () => {
    const s = JSON.parse(readFileSync(join(wired.out, 'releases/2026-10-31/release.json'), 'utf8')) as { suppression?: { hidden: string[] } };
    const cells = wired.cells as NonNullable<PipelineResult['cells']>;
    expect(s.suppression?.hidden).toEqual(expect.arrayContaining([...cells.suppressed].sort()));
    expect(first.cells?.suppressed.size).toBeGreaterThan(0);
  });
});

describe('runPipeline after a release summary written before releases recorded their suppression', () => {
  it('builds, warns in the log, and says in quality.json that the releases were not checked together', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'glassbox-old-summary-'));
    try {
      const data = join(dir, 'data');
      cpSync(join(import.meta.dirname, '../fixtures/city'), data, { recursive: true });
      mkdirSync(join(data, 'releases'));
      // The fixture city's as-of date is 2026-02-28.
      writeFileSync(join(data, 'releases', '2026-01-31.json'), JSON.stringify({ release: '2026-01-31', methodologyVersion: '1.0', datasets: {} }));
      const log: string[] = [];
      const out = join(dir, 'public', 'data');
      const result = await runPipeline({ dataDir: data, outDir: out, privateDir: join(dir, 'private'), root: dir, env: { GLASSBOX_FIXTURE_SECRET: 'fixture-secret-for-tests-only-0123456789abcdef' }, log: (m) => log.push(m) });
      expect(result.earlier).toEqual({ release: '2026-01-31', prior: null });
      expect(log.filter((l) => l.includes('release 2026-01-31 has no suppression record: cells are protected within this release only'))).toHaveLength(1);
      const q = JSON.parse(readFileSync(join(out, 'quality.json'), 'utf8')) as QualityReport;
      expect(q.privacy?.earlier_release).toEqual({ release: '2026-01-31', protected: false });
      expect(result.report).toContain('suppression across releases: not checked, release 2026-01-31 has no suppression record');
      const summary = JSON.parse(readFileSync(join(out, 'releases/2026-02-28/release.json'), 'utf8')) as { suppression?: unknown };
      expect(summary.suppression).toBeDefined();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
