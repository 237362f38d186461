/**
 * Ingest benchmark (not a test): streams a generated NYC-311-layout CSV through the CSV
 * reader and the socrata-311 mapper, counting rows without keeping them.
 * `node bench/ingest.ts` writes bench/results/ingest.json and .md. Inputs go to /tmp.
 */
import { execFileSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseSourceConfig } from '../scripts/ingest/config.ts';
import { openCsv } from '../scripts/ingest/csv.ts';
import { CreatedRegistry } from '../scripts/ingest/created.ts';
import { SourceMapper } from '../scripts/ingest/map.ts';

const header = 'Unique Key,Created Date,Closed Date,Agency,Agency Name,Complaint Type,Descriptor,Status,Due Date,Open Data Channel Type,Borough,Latitude,Longitude';
const agencies = ['NYPD', 'DSNY', 'DOT', 'HPD', 'DEP', 'DOB', 'DPR'];
const types = ['Noise - Residential', 'Illegal Parking', 'HEAT/HOT WATER', 'Street Condition', 'Blocked Driveway', 'Dirty Condition'];
const statuses = ['Closed', 'Closed', 'Closed', 'Open', 'In Progress'];
const channels = ['PHONE', 'ONLINE', 'MOBILE', 'UNKNOWN'];
const boroughs = ['MANHATTAN', 'BROOKLYN', 'QUEENS', 'BRONX', 'STATEN ISLAND'];
const pad = (n: number): string => String(n).padStart(2, '0');

/** A deterministic ~150-byte row. */
function row(i: number): string {
  const mo = (i % 12) + 1;
  const d = (i % 28) + 1;
  const h = (i % 12) + 1;
  const ap = i % 2 ? 'PM' : 'AM';
  const created = `${pad(mo)}/${pad(d)}/2024 ${pad(h)}:${pad(i % 60)}:${pad((i * 7) % 60)} ${ap}`;
  const closed = i % 5 < 3 ? `${pad(mo)}/${pad(Math.min(28, d + 1))}/2024 ${pad(h)}:${pad((i * 3) % 60)}:00 ${ap}` : '';
  const a = agencies[i % agencies.length] ?? '';
  return `${50_000_000 + i},${created},${closed},${a},Department ${a},${types[i % types.length] ?? ''},Loud Music/Party,${statuses[i % statuses.length] ?? ''},,${channels[i % channels.length] ?? ''},${boroughs[i % boroughs.length] ?? ''},40.7${i % 1000},-73.9${i % 997}\n`;
}

/** Writes `rows` rows to `path` (kept between runs when already there). */
export async function generate(path: string, rows: number): Promise<void> {
  if (existsSync(path)) return;
  const out = createWriteStream(path);
  out.write(`${header}\n`);
  let buf = '';
  for (let i = 0; i < rows; i++) {
    buf += row(i);
    if (buf.length > 1 << 20) {
      if (!out.write(buf)) await new Promise<void>((r) => out.once('drain', () => r()));
      buf = '';
    }
  }
  out.write(buf);
  await new Promise<void>((r) => out.end(r));
}

/** Streams and maps every row of `path`; returns rows, mapped rows and seconds. */
export async function ingestOnce(path: string): Promise<{ rows: number; mapped: number; seconds: number; cpuSeconds: number }> {
  const source = parseSourceConfig('bench.yaml', { name: 'bench', preset: 'socrata-311', path: 'x.csv' });
  const start = performance.now();
  const cpu = process.cpuUsage();
  const csv = await openCsv(path, { encoding: 'utf-8' });
  const mapper = new SourceMapper({ source, file: path, header: csv.header, departments: new Map(), guidesByCode: new Map(), created: new CreatedRegistry([]) });
  let rows = 0;
  let mapped = 0;
  for await (const batch of csv.batches) {
    for (const r of batch) {
      rows += 1;
      if (mapper.request(r.fields).ok) mapped += 1;
    }
  }
  const used = process.cpuUsage(cpu);
  return { rows, mapped, seconds: (performance.now() - start) / 1000, cpuSeconds: (used.user + used.system) / 1e6 };
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
};

/** Runs the benchmark; writes bench/results/ingest.{json,md}; returns the figures. */
export async function runIngestBench(opts: { runs?: number; speedRows?: number; memoryRows?: number } = {}): Promise<Record<string, unknown>> {
  const runs = opts.runs ?? 5;
  const speedRows = opts.speedRows ?? 1_000_000;
  const memoryRows = opts.memoryRows ?? 10_000_000;
  const speedFile = `/tmp/glassbox-bench-311-${speedRows}.csv`;
  const memoryFile = `/tmp/glassbox-bench-311-${memoryRows}.csv`;
  await generate(speedFile, speedRows);
  const rates: number[] = [];
  const cpuRates: number[] = [];
  let last = { rows: 0, mapped: 0, seconds: 0, cpuSeconds: 0 };
  for (let i = 0; i < runs; i++) {
    last = await ingestOnce(speedFile);
    rates.push(last.rows / last.seconds);
    cpuRates.push(last.rows / last.cpuSeconds);
  }
  const [load1] = loadavg();
  await generate(memoryFile, memoryRows);
  // Peak memory in a fresh process, so this process's heap does not count.
  const child = execFileSync(process.execPath, [new URL(import.meta.url).pathname, '--memory', memoryFile], { encoding: 'utf8', maxBuffer: 1 << 20 });
  const memory = JSON.parse(child) as { rows: number; seconds: number; maxRssMB: number };
  const result = {
    machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? '', memoryGB: Math.round(totalmem() / 1e9), node: process.version, platform: process.platform },
    speed: {
      file: speedFile,
      rows: last.rows,
      mapped: last.mapped,
      megabytes: Math.round(statSync(speedFile).size / 1e6),
      runs,
      rowsPerSecondMedian: Math.round(median(rates)),
      rowsPerSecondAll: rates.map(Math.round),
      /** Rows per second of CPU time (user + system, all threads): less sensitive to other load. */
      rowsPerCpuSecondMedian: Math.round(median(cpuRates)),
      /** One-minute load average when the runs ended (other work on the machine). */
      loadAverage: Math.round((load1 ?? 0) * 10) / 10,
      target: 500_000,
    },
    memory: { file: memoryFile, rows: memory.rows, megabytes: Math.round(statSync(memoryFile).size / 1e6), seconds: Math.round(memory.seconds), peakRssMB: memory.maxRssMB, target: 400 },
  };
  const dir = new URL('./results/', import.meta.url).pathname;
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'ingest.json'), `${JSON.stringify(result, null, 2)}\n`);
  const md = [
    '# Ingest benchmark',
    '',
    `Machine: ${result.machine.cpus} × ${result.machine.cpuModel}, ${result.machine.memoryGB} GB, Node ${result.machine.node} (${result.machine.platform}).`,
    '',
    'Streams a generated NYC 311 (Socrata layout) CSV through the CSV reader (strict UTF-8 validated per chunk, decoded in 64 KB pieces ending at line feeds; rows with well-formed quotes split directly, PapaParse only from a malformed row on) and the `socrata-311` mapper (dates in America/New_York read by a compiled character scanner with per-day offsets, value maps, departments and services created from the data). Rows are counted, not kept. Wall-clock figures depend on other load on the machine (2 cores shared with other work); the CPU-second figure less so.',
    '',
    '| measure | result | target |',
    '| --- | --- | --- |',
    `| speed, ${result.speed.rows.toLocaleString('en-US')} rows (${result.speed.megabytes} MB), median of ${runs} | ${result.speed.rowsPerSecondMedian.toLocaleString('en-US')} rows/s (${result.speed.rowsPerCpuSecondMedian.toLocaleString('en-US')} per CPU second; load average ${result.speed.loadAverage}) | ≥ 500,000 rows/s |`,
    `| peak RSS, ${result.memory.rows.toLocaleString('en-US')} rows (${result.memory.megabytes} MB) | ${result.memory.peakRssMB} MB | < 400 MB |`,
    '',
  ].join('\n');
  writeFileSync(join(dir, 'ingest.md'), md);
  return result;
}

if (process.argv[2] === '--memory' && process.argv[3]) {
  const r = await ingestOnce(process.argv[3]);
  process.stdout.write(JSON.stringify({ rows: r.rows, seconds: r.seconds, maxRssMB: Math.round(process.resourceUsage().maxRSS / 1024) }));
} else if (import.meta.main) {
  const r = await runIngestBench();
  console.log(JSON.stringify(r, null, 2));
}
