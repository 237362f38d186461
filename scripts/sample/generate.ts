/**
 * CLI: writes the sample city's raw exports (hotline-12345.csv, service-hall.csv,
 * ratings.csv) into data/raw/, deterministically from a seed.
 *
 *   node scripts/sample/generate.ts [--seed N] [--rows N] [--out DIR] [--data DIR]
 */
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { TextSink } from './csv.ts';
import { loadCity } from './load.ts';
import { generateSample, type SampleOptions, type SampleResult } from './sample.ts';

export const DEFAULT_SEED = 20241101;
export const DEFAULT_ROWS = 205_000;

export interface CliOptions extends SampleOptions {
  out: string;
  data: string;
}

/** Parses the command line; throws with usage on anything unknown or invalid. */
export function parseArgs(argv: readonly string[]): CliOptions {
  const usage = 'usage: node scripts/sample/generate.ts [--seed N] [--rows N] [--out DIR] [--data DIR]';
  const options: CliOptions = { seed: DEFAULT_SEED, rows: DEFAULT_ROWS, out: 'data/raw', data: 'data' };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    if (value === undefined) throw new Error(`${flag ?? ''} needs a value\n${usage}`);
    i++;
    if (flag === '--seed' || flag === '--rows') {
      const n = Number(value);
      if (!Number.isSafeInteger(n) || n < (flag === '--rows' ? 1 : 0)) throw new Error(`${flag} must be a ${flag === '--rows' ? 'positive' : 'non-negative'} integer, got "${value}"\n${usage}`);
      if (flag === '--seed') options.seed = n;
      else options.rows = n;
    } else if (flag === '--out') options.out = value;
    else if (flag === '--data') options.data = value;
    else throw new Error(`unknown option "${flag ?? ''}"\n${usage}`);
  }
  return options;
}

/** The edges: files and logging. Tests pass their own. */
export interface Effects {
  openSink(path: string): TextSink;
  mkdir(dir: string): void;
  log(message: string): void;
}

const CHUNK = 1 << 20;

/** A file sink that buffers text and writes it in chunks of about 1 MB. */
function fileSink(path: string): TextSink {
  const fd = openSync(path, 'w');
  let parts: string[] = [];
  let size = 0;
  const flush = (): void => {
    if (parts.length > 0) writeSync(fd, parts.join(''));
    parts = [];
    size = 0;
  };
  return {
    write(text) {
      parts.push(text);
      size += text.length;
      if (size >= CHUNK) flush();
    },
    close() {
      flush();
      closeSync(fd);
    },
  };
}

export const defaultEffects: Effects = {
  openSink: fileSink,
  mkdir: (dir) => mkdirSync(dir, { recursive: true }),
  log: (message) => console.log(message),
};

/** Generates the exports described by `options`; returns counts and planted defects. */
export function run(options: CliOptions, effects: Effects = defaultEffects): SampleResult {
  const { city, calendar } = loadCity(options.data);
  effects.mkdir(options.out);
  const result = generateSample(city, calendar, options, {
    hotline: effects.openSink(join(options.out, 'hotline-12345.csv')),
    hall: effects.openSink(join(options.out, 'service-hall.csv')),
    ratings: effects.openSink(join(options.out, 'ratings.csv')),
    feedback: effects.openSink(join(options.out, 'feedback.csv')),
  });
  const { hotline, hall, ratings } = result.records;
  effects.log(`sample: ${city.departments.length} departments, ${city.services.length} services, seed ${options.seed}, ${options.rows} requests → ${options.out}/`);
  effects.log(`  hotline-12345.csv ${hotline} records, service-hall.csv ${hall} records, ratings.csv ${ratings} records`);
  for (const d of result.defects) effects.log(`  planted ${d.kind}: ${d.file} record ${d.record} (${d.id}): ${d.detail}`);
  return result;
}

if (import.meta.main) {
  try {
    run(parseArgs(process.argv.slice(2)));
  } catch (error) {
    console.error(`sample: ${(error as Error).message}`);
    process.exitCode = 1;
  }
}
