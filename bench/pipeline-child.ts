/**
 * One pipeline measurement in its own process (so peak RSS is its own):
 *   node bench/pipeline-child.ts core|full <dataDir> <outDir>
 * `core` = ingest (parse, map, check) then measure (derive, aggregate) — no anonymization, no files;
 * `full` = the whole pipeline as `npm run data` runs it;
 *   node bench/pipeline-child.ts read|scan <dataDir>
 * = floors of ingest: `read` runs our CSV reader alone over every source (decode and split
 * into fields, no mapping); `scan` reads the same files' bytes and counts delimiters and
 * newlines in one JavaScript loop, the least any ingest written in JavaScript must do;
 *   node bench/pipeline-child.ts verify <outDir> <privateDir>
 * = verify's personal-data scan of a pipeline's output (every file, gzip included) against the
 * identifier values it collected. Prints one JSON line.
 */
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { loadDepartments } from '../scripts/config/departments.ts';
import { loadSite } from '../scripts/config/site.ts';
import { loadGuides } from '../scripts/content/load.ts';
import { loadSources } from '../scripts/ingest/config.ts';
import { openSource, sourcePaths } from '../scripts/ingest/files.ts';
import { ingestAll } from '../scripts/ingest/index.ts';
import { loadCalendar } from '../scripts/measure/calendar.ts';
import { measureAll, storeRows } from '../scripts/measure/index.ts';
import { runPipeline } from '../scripts/publish/pipeline.ts';
import { allowedEmailDomains, knownValuesFrom } from '../scripts/verify/cli.ts';
import { scanDirectory } from '../scripts/verify/scan.ts';

/** Peak resident set size in MiB, from /proc (VmHWM), else process.resourceUsage(). */
export function peakRssMiB(): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  return m ? Number(m[1]) / 1024 : process.resourceUsage().maxRSS / 1024;
}

async function main(): Promise<void> {
  const [mode, dataDir = 'data', outDir = '/tmp/glassbox-bench/out'] = process.argv.slice(2);
  const t0 = performance.now();
  const stages: Record<string, number> = {};
  let rows: number;
  if (mode === 'core') {
    const site = loadSite(join(dataDir, 'site.yaml'));
    const departments = loadDepartments(join(dataDir, 'departments.yaml'));
    const guides = loadGuides(join(dataDir, 'services'));
    const calendar = loadCalendar(join(dataDir, 'calendar'));
    let t = performance.now();
    const ingest = await ingestAll({ dataDir, asOf: site.asOf, timezone: site.timezone, departments, guides });
    stages['ingest'] = (performance.now() - t) / 1000;
    stages['ingestPeakMiB'] = peakRssMiB();
    stages['storeMiB'] = ingest.store.memoryBytes() / 2 ** 20;
    // Where the memory is after ingest: the V8 heap (mostly young garbage unless collected) and typed arrays.
    const mem = process.memoryUsage();
    stages['ingestHeapMiB'] = mem.heapTotal / 2 ** 20;
    stages['ingestArrayBuffersMiB'] = mem.arrayBuffers / 2 ** 20;
    rows = ingest.sources.reduce((n, s) => n + s.rowsIn, 0);
    t = performance.now();
    const m = measureAll(storeRows(ingest.store), {
      calendar,
      timezone: site.timezone,
      asOf: site.asOf,
      months: site.months,
      minCell: site.thresholds.minCell,
      k: site.thresholds.k,
      departments: departments.map((d) => d.id),
      guides,
    });
    stages['measure'] = (performance.now() - t) / 1000;
    stages['measureHeapMiB'] = process.memoryUsage().heapTotal / 2 ** 20;
    if (m.records.length === 0) throw new Error('measure produced no records');
  } else if (mode === 'full') {
    const r = await runPipeline({ dataDir, outDir, privateDir: `${outDir}-private`, root: '/tmp/glassbox-bench-root', env: process.env });
    rows = r.publication.quality.totals.rows_in;
  } else if (mode === 'read') {
    // Every row of every source through the reader ingest uses; nothing mapped or kept.
    rows = 0;
    let fields = 0;
    for (const s of loadSources(join(dataDir, 'sources'))) {
      for await (const f of openSource(dataDir, s)) {
        for await (const batch of f.batches) {
          rows += batch.length;
          for (const r of batch) fields += r.fields.length;
        }
      }
    }
    stages['fields'] = fields;
  } else if (mode === 'scan') {
    rows = 0;
    let marks = 0;
    const buf = new Uint8Array(1 << 20);
    for (const s of loadSources(join(dataDir, 'sources'))) {
      for (const file of sourcePaths(dataDir, s)) {
        const fd = openSync(join(dataDir, file), 'r');
        try {
          for (let n = readSync(fd, buf); n > 0; n = readSync(fd, buf)) {
            for (let i = 0; i < n; i++) {
              const c = buf[i];
              if (c === 0x0a) rows += 1;
              else if (c === 0x2c) marks += 1;
            }
          }
        } finally {
          closeSync(fd);
        }
      }
    }
    stages['delimiters'] = marks;
  } else if (mode === 'verify') {
    // Here dataDir is the pipeline's output folder and outDir its private folder.
    const { known, listed } = knownValuesFrom(join(outDir, 'identifier-values.json'));
    stages['knownValues'] = (performance.now() - t0) / 1000;
    const scan = await scanDirectory(dataDir, { allowDomains: allowedEmailDomains, known });
    stages['scan'] = (performance.now() - t0) / 1000 - (stages['knownValues'] ?? 0);
    stages['scannedMB'] = scan.bytes / 1e6;
    stages['identifierValues'] = listed;
    if (scan.found > 0) throw new Error(`verify found ${scan.found} personal-data finding(s) in ${dataDir}`);
    rows = scan.files;
  } else throw new Error('usage: node bench/pipeline-child.ts core|full <dataDir> <outDir> | read|scan <dataDir> | verify <outDir> <privateDir>');
  const cpu = process.cpuUsage();
  console.log(JSON.stringify({ mode, rows, seconds: (performance.now() - t0) / 1000, cpuSeconds: (cpu.user + cpu.system) / 1e6, stages, peakRssMiB: peakRssMiB() }));
}

if (import.meta.main) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
    process.exitCode = 1;
  });
}
