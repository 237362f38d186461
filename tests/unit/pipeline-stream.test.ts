/**
 * runPipeline writes the request-level files to disk while they are made when its effects can
 * write in pieces (fsEffects.open); with effects that cannot, it builds them in memory. Both
 * must publish the same bytes in every file of both folders.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runPipeline } from '../../scripts/publish/pipeline.ts';
import { fsEffects, type WriteEffects } from '../../scripts/publish/write.ts';

const fixture = join(import.meta.dirname, '../fixtures/city');
const env = { GLASSBOX_FIXTURE_SECRET: 'fixture-secret-for-tests-only-0123456789abcdef' };
const tmp = mkdtempSync(join(tmpdir(), 'glassbox-pipeline-stream-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const filesIn = (dir: string): string[] => readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((n) => statSync(join(dir, n)).isFile()).sort();

describe('runPipeline(opts) with and without effects.open', () => {
  it('writes the same files, byte for byte, streamed or in memory', async () => {
    const inMemory: WriteEffects = { clean: fsEffects.clean, write: fsEffects.write };
    const runs = [
      { name: 'streamed', effects: fsEffects },
      { name: 'in-memory', effects: inMemory },
    ];
    for (const run of runs) {
      const r = await runPipeline({ dataDir: fixture, outDir: join(tmp, run.name, 'public', 'data'), privateDir: join(tmp, run.name, 'private'), root: join(tmp, run.name), env, effects: run.effects });
      const stored = [...r.publication.public.values()].filter((f) => !(f instanceof Uint8Array)).length;
      // 4 request files (CSV, its gzip, JSON lines, Parquet) + Open311, and their copies in releases/<date>/ and latest/ (not Open311).
      expect(stored, run.name).toBe(run.name === 'streamed' ? 13 : 0);
    }
    for (const folder of ['public/data', 'private']) {
      const a = join(tmp, 'streamed', folder);
      const b = join(tmp, 'in-memory', folder);
      const names = filesIn(a);
      expect(names).toEqual(filesIn(b));
      expect(names).toContain(folder === 'private' ? 'identifier-values.json' : 'requests.csv');
      for (const name of names) expect(readFileSync(join(a, name)).equals(readFileSync(join(b, name))), `${folder}/${name}`).toBe(true);
    }
  });

  it('leaves both folders empty when a run fails after large files were written', async () => {
    const failing: WriteEffects = {
      ...fsEffects,
      write() {
        throw new Error('disk full');
      },
    };
    const out = join(tmp, 'failed', 'public', 'data');
    const priv = join(tmp, 'failed', 'private');
    await expect(runPipeline({ dataDir: fixture, outDir: out, privateDir: priv, root: join(tmp, 'failed'), env, effects: failing })).rejects.toThrow('disk full');
    expect(filesIn(out)).toEqual([]);
    expect(filesIn(priv)).toEqual([]);
  });
});
