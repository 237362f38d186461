/**
 * CLI: builds the published datasets from the publisher's data folder.
 *   node scripts/build-data.ts [--data data] [--out public/data] [--private private]
 * Exits non-zero with a clear message on any error.
 */
import { performance } from 'node:perf_hooks';
import { runPipeline } from './publish/pipeline.ts';

/** Parses the command-line flags; throws on an unknown flag or a missing value. */
export function parseArgs(argv: readonly string[]): { dataDir: string; outDir: string; privateDir: string } {
  const out = { dataDir: 'data', outDir: 'public/data', privateDir: 'private' };
  const flags: Record<string, keyof typeof out> = { '--data': 'dataDir', '--out': 'outDir', '--private': 'privateDir' };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const [name = '', inline] = arg.split(/=(.*)/s, 2);
    const key = flags[name];
    if (key === undefined) throw new Error(`unknown argument "${arg}"; usage: node scripts/build-data.ts [--data data] [--out public/data] [--private private]`);
    const value = inline ?? argv[++i];
    if (value === undefined || value === '') throw new Error(`${name} needs a folder`);
    out[key] = value;
  }
  return out;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  await runPipeline({
    ...args,
    env: process.env,
    log: (m) => console.log(m),
    clock: () => performance.now(),
  });
}

if (import.meta.main) {
  main().catch((err: unknown) => {
    console.error(`build-data failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 1;
  });
}
