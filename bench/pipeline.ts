/**
 * Pipeline benchmark: generated inputs of N rows; ingest+measure, the full pipeline and DuckDB's
 * department × month query over the same files, each in its own process (wall time, rows/s, peak RSS).
 */
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fx, median, NODE, ROOT, table, timed } from './common.ts';

export interface ChildResult {
  mode: string;
  rows?: number;
  seconds: number;
  stages?: Record<string, number>;
  peakRssMiB: number;
  /** User + system CPU seconds of the whole process (all its threads). */
  cpuSeconds?: number;
  groups?: number;
  cases?: number;
  threads?: string;
}

export interface PipelineSize {
  requestedRows: number;
  inputRows: number;
  inputMiB: number;
  runs: number;
  core: ChildResult[];
  full: ChildResult[];
  duckdb: ChildResult[];
  /** DuckDB on one thread (results written before this was measured lack it). */
  duckdb1?: ChildResult[];
  /** verify's personal-data scan of the full pipeline's output (results written before this lack it). */
  verify?: ChildResult[];
  /** Floors of ingest: our CSV reader alone, and one JavaScript loop over the bytes (results written before this lack them). */
  read?: ChildResult[];
  scan?: ChildResult[];
  error?: string;
}

const WORK = '/tmp/glassbox-bench';

/** A data folder with the sample city's config and N generated rows under raw/. */
export function prepareData(rows: number, log: (m: string) => void): { dir: string; inputMiB: number } {
  const dir = join(WORK, `data-${rows}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const e of readdirSync(join(ROOT, 'data'))) if (e !== 'raw') cpSync(join(ROOT, 'data', e), join(dir, e), { recursive: true });
  log(`pipeline: generating ${rows} rows into ${dir}/raw`);
  timed(NODE, ['scripts/sample/generate.ts', '--rows', String(rows), '--out', join(dir, 'raw'), '--data', dir]);
  const bytes = readdirSync(join(dir, 'raw')).reduce((n, f) => n + Number(timed('stat', ['-c', '%s', join(dir, 'raw', f)]).stdout.trim()), 0);
  return { dir, inputMiB: bytes / 2 ** 20 };
}

/**
 * V8 settings of the pipeline's own process, as package.json's `data` script runs it: a young
 * generation of 4 MiB semi-spaces instead of growing to 128 MiB of mostly dead row strings
 * (at 1M: peak 424-460 -> 267 MiB, same time). DuckDB's child runs without them.
 */
const PIPELINE_FLAGS = ['--max-semi-space-size=4'];

/** Runs one child measurement and parses its JSON line. */
function child(script: string, args: readonly string[]): ChildResult {
  const flags = script === 'pipeline-child.ts' ? PIPELINE_FLAGS : [];
  const { stdout } = timed(NODE, [...flags, `bench/${script}`, ...args], { env: { ...process.env, CI: 'true' } });
  const line = stdout.trim().split('\n').at(-1) ?? '';
  return JSON.parse(line) as ChildResult;
}

/** Measures one input size: `runs` runs of each of core, full and DuckDB (full only once when `fullRuns` is 1). */
export function benchSize(rows: number, runs: number, log: (m: string) => void, fullRuns = runs): PipelineSize {
  const { dir, inputMiB } = prepareData(rows, log);
  const out = join(WORK, `out-${rows}`);
  const res: PipelineSize = { requestedRows: rows, inputRows: 0, inputMiB, runs, core: [], full: [], duckdb: [], duckdb1: [], verify: [], read: [], scan: [] };
  try {
    for (let i = 0; i < runs; i++) {
      const d = child('duckdb-child.ts', [dir]);
      log(`pipeline ${rows}: duckdb run ${i + 1}: ${fx(d.seconds, 2)} s, ${fx(d.peakRssMiB, 0)} MiB`);
      res.duckdb.push(d);
      const d1 = child('duckdb-child.ts', [dir, '1']);
      log(`pipeline ${rows}: duckdb on one thread run ${i + 1}: ${fx(d1.seconds, 2)} s, ${fx(d1.peakRssMiB, 0)} MiB`);
      res.duckdb1?.push(d1);
      const rd = child('pipeline-child.ts', ['read', dir]);
      log(`pipeline ${rows}: reader alone run ${i + 1}: ${fx(rd.seconds, 2)} s`);
      res.read?.push(rd);
      const sc = child('pipeline-child.ts', ['scan', dir]);
      log(`pipeline ${rows}: byte loop run ${i + 1}: ${fx(sc.seconds, 2)} s`);
      res.scan?.push(sc);
      const c = child('pipeline-child.ts', ['core', dir, out]);
      log(`pipeline ${rows}: ingest+measure run ${i + 1}: ${fx(c.seconds, 2)} s, ${fx(c.peakRssMiB, 0)} MiB`);
      res.core.push(c);
      res.inputRows = c.rows ?? 0;
      if (i < fullRuns) {
        const f = child('pipeline-child.ts', ['full', dir, out]);
        log(`pipeline ${rows}: full run ${i + 1}: ${fx(f.seconds, 2)} s, ${fx(f.peakRssMiB, 0)} MiB`);
        res.full.push(f);
        const v = child('pipeline-child.ts', ['verify', out, `${out}-private`]);
        log(`pipeline ${rows}: verify run ${i + 1}: ${fx(v.seconds, 2)} s, ${fx(v.peakRssMiB, 0)} MiB, ${fx(v.stages?.['scannedMB'] ?? NaN, 0)} MB scanned`);
        res.verify?.push(v);
      }
    }
  } catch (err) {
    res.error = (err instanceof Error ? err.message : String(err)).slice(0, 2000);
    log(`pipeline ${rows}: FAILED ${res.error.split('\n').slice(0, 3).join(' ')}`);
  } finally {
    for (const p of [dir, out, `${out}-private`]) rmSync(p, { recursive: true, force: true });
  }
  return res;
}

/** Medians of one size, with the ratios to DuckDB. */
export function summarize(s: PipelineSize): Record<string, number> {
  const m = (xs: ChildResult[], f: (r: ChildResult) => number): number => median(xs.map(f));
  const duck = m(s.duckdb, (r) => r.seconds);
  const duck1 = m(s.duckdb1 ?? [], (r) => r.seconds);
  const core = m(s.core, (r) => r.seconds);
  const full = m(s.full, (r) => r.seconds);
  return {
    rows: s.inputRows,
    duckdbSeconds: duck,
    duckdbPeakMiB: m(s.duckdb, (r) => r.peakRssMiB),
    duckdb1Seconds: duck1,
    coreCpuSeconds: m(s.core, (r) => r.cpuSeconds ?? NaN),
    coreSeconds: core,
    ingestSeconds: m(s.core, (r) => r.stages?.['ingest'] ?? NaN),
    measureSeconds: m(s.core, (r) => r.stages?.['measure'] ?? NaN),
    corePeakMiB: m(s.core, (r) => r.peakRssMiB),
    corePeakMaxMiB: Math.max(...s.core.map((r) => r.peakRssMiB)),
    ingestPeakMiB: m(s.core, (r) => r.stages?.['ingestPeakMiB'] ?? NaN),
    storeMiB: m(s.core, (r) => r.stages?.['storeMiB'] ?? NaN),
    fullSeconds: full,
    fullPeakMiB: m(s.full, (r) => r.peakRssMiB),
    verifySeconds: m(s.verify ?? [], (r) => r.seconds),
    verifyPeakMiB: m(s.verify ?? [], (r) => r.peakRssMiB),
    verifyScannedMB: m(s.verify ?? [], (r) => r.stages?.['scannedMB'] ?? NaN),
    readSeconds: m(s.read ?? [], (r) => r.seconds),
    scanSeconds: m(s.scan ?? [], (r) => r.seconds),
    coreRowsPerSecond: s.inputRows / core,
    fullRowsPerSecond: s.inputRows / full,
    coreVsDuckdb: core / duck,
    coreVsDuckdb1: core / duck1,
    fullVsDuckdb: full / duck,
  };
}

/** The markdown table of all sizes. */
export function pipelineMarkdown(sizes: readonly PipelineSize[]): string {
  const rows = sizes.map((s) => {
    const x = summarize(s);
    return [
      s.requestedRows.toLocaleString('en'),
      x['rows']?.toLocaleString('en') ?? '—',
      fx(s.inputMiB, 0),
      s.runs,
      `${fx(x['duckdbSeconds'] ?? NaN, 2)} s / ${fx(x['duckdbPeakMiB'] ?? NaN, 0)} MiB${Number.isFinite(x['duckdb1Seconds']) ? ` (one thread: ${fx(x['duckdb1Seconds'] ?? NaN, 2)} s)` : ''}`,
      `${fx(x['coreSeconds'] ?? NaN, 2)} s${Number.isFinite(x['coreCpuSeconds']) ? ` (CPU ${fx(x['coreCpuSeconds'] ?? NaN, 2)} s)` : ''} (ingest ${fx(x['ingestSeconds'] ?? NaN, 2)} + measure ${fx(x['measureSeconds'] ?? NaN, 2)}) / ${fx(x['corePeakMiB'] ?? NaN, 0)} MiB${s.core.length > 1 ? ` (worst run ${fx(x['corePeakMaxMiB'] ?? NaN, 0)})` : ''} (after ingest ${fx(x['ingestPeakMiB'] ?? NaN, 0)}; store ${fx(x['storeMiB'] ?? NaN, 0)})`,
      `${fx(x['fullSeconds'] ?? NaN, 2)} s / ${fx(x['fullPeakMiB'] ?? NaN, 0)} MiB (${s.full.length} run${s.full.length === 1 ? '' : 's'})`,
      Number.isFinite(x['readSeconds']) ? `${fx(x['readSeconds'] ?? NaN, 2)} s (${fx((x['readSeconds'] ?? NaN) / (x['duckdbSeconds'] ?? NaN), 1)}×) / ${fx(x['scanSeconds'] ?? NaN, 2)} s (${fx((x['scanSeconds'] ?? NaN) / (x['duckdbSeconds'] ?? NaN), 1)}×)` : '—',
      Number.isFinite(x['verifySeconds']) ? `${fx(x['verifySeconds'] ?? NaN, 1)} s / ${fx(x['verifyPeakMiB'] ?? NaN, 0)} MiB (${fx(x['verifyScannedMB'] ?? NaN, 0)} MB)` : '—',
      `${fx((x['coreRowsPerSecond'] ?? NaN) / 1000, 0)}k / ${fx((x['fullRowsPerSecond'] ?? NaN) / 1000, 0)}k`,
      `${fx(x['coreVsDuckdb'] ?? NaN, 1)}×${Number.isFinite(x['coreVsDuckdb1']) ? ` (to one-thread DuckDB: ${fx(x['coreVsDuckdb1'] ?? NaN, 1)}×)` : ''} / ${fx(x['fullVsDuckdb'] ?? NaN, 1)}×`,
      s.error ? `FAILED: ${s.error.split('\n')[0] ?? ''}` : 'ok',
    ];
  });
  const note =
    'DuckDB runs with one thread per core (2 here) and again with one thread. "CPU" is the user + system time of the whole process, all threads. Stage times are medians of each stage separately, so they need not add up to the total. Peak memory is the VmHWM of the process: "after ingest" is the peak reached by the end of ingest, "store" the columnar request store\'s own bytes (scripts/ingest/store.ts). The floors are what any ingest must spend before it maps a single field: "reader alone" runs our CSV reader over every source (decode and split into fields, nothing mapped or kept), "byte loop" reads the same bytes and counts delimiters and newlines in one JavaScript loop.';
  return `${table(['requested rows', 'input rows (all files)', 'input MiB', 'runs', 'DuckDB query', 'ingest + measure', 'full pipeline', 'floors: reader alone / byte loop (× DuckDB)', 'verify scan of its output', 'rows/s core / full', 'ratio to DuckDB core / full', 'status'], rows)}\n\n${note}\n`;
}

/** Runs the pipeline benchmark over the given sizes. */
export function runPipelineBench(sizes: readonly { rows: number; runs: number; fullRuns?: number }[], log: (m: string) => void): PipelineSize[] {
  mkdirSync(WORK, { recursive: true });
  const out = sizes.map((s) => benchSize(s.rows, s.runs, log, s.fullRuns));
  if (existsSync(WORK)) rmSync(WORK, { recursive: true, force: true });
  return out;
}
