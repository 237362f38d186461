/**
 * Scrub benchmark: scrubText over 1,000,000 descriptions of ~60 characters (the sample city's
 * hotline texts, 35% with personal data), median of several runs; plus recall on the positive
 * corpus and the false-positive rate on 100,000 clean texts. Writes bench/results/scrub.json
 * and scrub.md. Run alone with `node bench/scrub.ts`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { arch, cpus, loadavg, platform, release, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { scrubText } from '../scripts/anonymize/scrub.ts';
import { createRng } from '../scripts/sample/prng.ts';
import { hotlineText, type CaseType } from '../scripts/sample/text.ts';
import { clean, positives } from '../tests/fixtures/anonymize/corpus.ts';

const DEPARTMENTS = ['market', 'hrss', 'healthcare-security', 'housing-fund', 'public-security', 'civil-affairs', 'housing', 'taxation', 'transport', 'education', 'ecology'];
const TYPES: CaseType[] = ['咨询', '投诉', '求助', '建议', '举报', '表扬'];

/** `n` hotline-like texts from a fixed seed; `piiShare` of them carry personal data. */
function texts(n: number, seed: number, piiShare: number): string[] {
  const rng = createRng(seed);
  const out: string[] = [];
  const one = (i: number): string => hotlineText(rng, DEPARTMENTS[i % DEPARTMENTS.length] as string, TYPES[i % TYPES.length] as CaseType, piiShare);
  for (let i = 0; i < n; i++) {
    // Hotline texts run 20–120 characters: short ones are joined so descriptions average ~60.
    let t = one(i);
    while (t.length < 36) t += one(i + 1);
    out.push(t);
  }
  return out;
}

export interface ScrubBench {
  machine: { cpu: string; cores: number; memoryGiB: number; os: string; node: string; loadAverage1m: number };
  descriptions: number;
  meanLength: number;
  runsMs: number[];
  medianMs: number;
  /** CPU time (user + system) of this process per run: what the runs cost when the machine is shared. */
  cpuMs: number[];
  medianCpuMs: number;
  perSecond: number;
  budgetMs: number;
  withinBudget: boolean;
  recall: { positives: number; missed: number; recall: number };
  falsePositives: { cleanTexts: number; changed: number; rate: number; cleanCorpus: number; cleanCorpusChanged: number };
}

/** Runs the benchmark; `n` descriptions, `runs` timed runs (after one warm-up). */
export function runScrubBench(n = 1_000_000, runs = 5): ScrubBench {
  const input = texts(n, 20_261_031, 0.35);
  const meanLength = input.reduce((s, t) => s + t.length, 0) / input.length;
  let sink = 0;
  const cpuMs: number[] = [];
  const once = (): number => {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    for (const t of input) sink += scrubText(t).length;
    const wall = performance.now() - t0;
    const c = process.cpuUsage(c0);
    cpuMs.push(Math.round((c.user + c.system) / 1000));
    return wall;
  };
  once();
  cpuMs.length = 0;
  const runsMs = Array.from({ length: runs }, once).map((ms) => Math.round(ms));
  const med = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
  const medianMs = med(runsMs);
  const medianCpuMs = med(cpuMs);
  const corpus = positives();
  const missed = corpus.filter((c) => scrubText(c.text).includes(c.value)).length;
  const cleanTexts = texts(100_000, 7, 0);
  const changed = cleanTexts.filter((t) => scrubText(t) !== t).length;
  const cleanCorpusChanged = clean.filter((t) => scrubText(t) !== t).length;
  const cpu = cpus();
  if (sink < 0) throw new Error('unreachable');
  return {
    machine: { cpu: cpu[0]?.model ?? 'unknown', cores: cpu.length, memoryGiB: Math.round(totalmem() / 2 ** 30), os: `${platform()} ${release()} ${arch()}`, node: process.version, loadAverage1m: Math.round((loadavg()[0] ?? 0) * 100) / 100 },
    descriptions: n,
    meanLength: Math.round(meanLength * 10) / 10,
    runsMs,
    medianMs,
    cpuMs,
    medianCpuMs,
    perSecond: Math.round((n / medianMs) * 1000),
    budgetMs: 2000,
    withinBudget: medianMs < 2000,
    recall: { positives: corpus.length, missed, recall: (corpus.length - missed) / corpus.length },
    falsePositives: { cleanTexts: cleanTexts.length, changed, rate: changed / cleanTexts.length, cleanCorpus: clean.length, cleanCorpusChanged },
  };
}

/** The Markdown report. */
export function scrubMarkdown(b: ScrubBench): string {
  return [
    '# Scrub benchmark',
    '',
    `Machine: ${b.machine.cpu}, ${b.machine.cores} cores, ${b.machine.memoryGiB} GiB, ${b.machine.os}, Node ${b.machine.node}; 1-minute load average ${b.machine.loadAverage1m} when the runs ended (other work on the machine slows every run).`,
    '',
    `| measure | value |`,
    `| --- | --- |`,
    `| descriptions | ${b.descriptions.toLocaleString('en-US')} (mean ${b.meanLength} characters, 35% with personal data) |`,
    `| runs (ms) | ${b.runsMs.join(', ')} |`,
    `| median | ${b.medianMs} ms wall (${b.perSecond.toLocaleString('en-US')} per second) |`,
    `| CPU time per run (ms) | ${b.cpuMs.join(', ')} (median ${b.medianCpuMs} ms) |`,
    `| budget | < ${b.budgetMs} ms wall: ${b.withinBudget ? 'met' : 'NOT met'}; CPU time ${b.medianCpuMs < b.budgetMs ? 'within' : 'over'} budget |`,
    `| recall on the positive corpus | ${b.recall.positives - b.recall.missed} / ${b.recall.positives} (${(b.recall.recall * 100).toFixed(1)}%) |`,
    `| false positives on clean hotline texts | ${b.falsePositives.changed} / ${b.falsePositives.cleanTexts} (${(b.falsePositives.rate * 100).toFixed(2)}%) |`,
    `| false positives on the clean corpus | ${b.falsePositives.cleanCorpusChanged} / ${b.falsePositives.cleanCorpus} |`,
    '',
  ].join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const result = runScrubBench();
  const dir = join(dirname(fileURLToPath(import.meta.url)), 'results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'scrub.json'), `${JSON.stringify(result, null, 2)}\n`);
  writeFileSync(join(dir, 'scrub.md'), scrubMarkdown(result));
  process.stdout.write(scrubMarkdown(result));
}
