/** Shared bench helpers: medians, the machine description, result files and child processes. */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { arch, cpus, platform, release, totalmem } from 'node:os';
import { join } from 'node:path';

export const RESULTS = join(import.meta.dirname, 'results');
export const ROOT = join(import.meta.dirname, '..');
export const NODE = join(ROOT, 'node_modules/.bin/node');

/** The median of a non-empty list (mean of the middle two for an even count). */
export function median(xs: readonly number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] ?? NaN) : ((s[m - 1] ?? 0) + (s[m] ?? 0)) / 2;
}

/** CPU model, cores, memory, OS and Node version, for the results' header. */
export function machine(): Record<string, string | number> {
  const c = cpus();
  let mem = `${(totalmem() / 2 ** 30).toFixed(1)} GiB`;
  try {
    const limit = readFileSync('/sys/fs/cgroup/memory.max', 'utf8').trim();
    if (limit !== 'max') mem += ` (cgroup limit ${(Number(limit) / 2 ** 30).toFixed(1)} GiB)`;
  } catch {
    // no cgroup v2 limit file: report the host memory only
  }
  return { cpu: c[0]?.model ?? 'unknown', cores: c.length, memory: mem, os: `${platform()} ${release()} ${arch()}`, node: process.version };
}

/** Writes bench/results/<name>.json and .md. */
export function writeResult(name: string, json: unknown, markdown: string): void {
  mkdirSync(RESULTS, { recursive: true });
  writeFileSync(join(RESULTS, `${name}.json`), `${JSON.stringify(json, null, 2)}\n`);
  writeFileSync(join(RESULTS, `${name}.md`), `${markdown.trimEnd()}\n`);
}

/** Runs a command, returns wall seconds; throws with the output's tail when it fails. */
export function timed(cmd: string, args: readonly string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): { seconds: number; stdout: string } {
  const t = performance.now();
  // node_modules/.bin first: tools with a `#!/usr/bin/env node` line must get Node 24, not the system's.
  const env = opts.env ?? process.env;
  const path = `${join(opts.cwd ?? ROOT, 'node_modules/.bin')}:${env['PATH'] ?? ''}`;
  const r = spawnSync(cmd, args, { cwd: opts.cwd ?? ROOT, env: { ...env, PATH: path }, encoding: 'utf8', maxBuffer: 256 << 20 });
  const seconds = (performance.now() - t) / 1000;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status ?? r.signal ?? r.error?.message ?? '?'}):\n${`${r.stdout ?? ''}${r.stderr ?? ''}`.slice(-3000)}`);
  return { seconds, stdout: r.stdout };
}

/** A markdown table from a header and rows. */
export function table(header: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  const line = (cells: readonly (string | number)[]): string => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

/** Formats a number with a fixed number of decimals. */
export const fx = (n: number, d = 1): string => (Number.isFinite(n) ? n.toFixed(d) : '—');
