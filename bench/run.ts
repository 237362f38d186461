/**
 * `npm run bench`: every benchmark, in sequence (never two at a time), results in bench/results/
 * (<name>.json + <name>.md, and README.md gathering the tables with the machine described).
 *   node bench/run.ts [--only pipeline,site,browser,ingest,scrub] [--quick]
 * --quick: small sizes (pipeline 50k rows, no extra guides) to check the harness itself.
 * --rows 1000000,10000000 / --guides 1000,5000 / --runs 3 / --full-runs 1: override the sizes.
 */
import { readFileSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { machine, RESULTS, writeResult } from './common.ts';
import { pipelineMarkdown, runPipelineBench, summarize, type PipelineSize } from './pipeline.ts';
import { latencyMarkdown, runSearchLatencyBench, type LatencyResult } from './search-latency.ts';
import { benchSiteSize, sampleGuideCount, siteMarkdown, type SiteSize } from './site.ts';
import { runWeightBench, weightMarkdown, type PageWeight } from './weight.ts';

const log = (m: string): void => console.log(`[${new Date().toISOString().slice(11, 19)}] ${m}`);

/** Runs another helper's benchmark module if it exists; returns a note when it is absent or fails. */
async function optional(name: 'ingest' | 'scrub', run: (mod: Record<string, unknown>) => Promise<unknown>): Promise<string> {
  const file = join(import.meta.dirname, `${name}.ts`);
  if (!existsSync(file)) return `bench/${name}.ts is absent: skipped`;
  try {
    const mod = (await import(file)) as Record<string, unknown>;
    await run(mod);
    return `bench/${name}.ts ran: see ${name}.md`;
  } catch (err) {
    return `bench/${name}.ts failed: ${err instanceof Error ? err.message : String(err)}`;
  }
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const quick = args.includes('--quick');
  const only = args.includes('--only') ? new Set((args[args.indexOf('--only') + 1] ?? '').split(',')) : null;
  const want = (k: string): boolean => !only || only.has(k);
  const list = (flag: string): number[] | null => (args.includes(flag) ? (args[args.indexOf(flag) + 1] ?? '').split(',').map(Number).filter((n) => n > 0) : null);
  const runs = list('--runs')?.[0] ?? 3;
  const fullRuns = list('--full-runs')?.[0] ?? runs;
  const notes: string[] = [];
  const mach = machine();
  log(`bench on ${JSON.stringify(mach)}`);

  if (want('ingest')) {
    notes.push(
      await optional('ingest', async (m) => {
        const f = m['runIngestBench'];
        if (typeof f !== 'function') throw new Error('runIngestBench is not exported');
        await (f as () => Promise<unknown>)();
      }),
    );
  }
  if (want('scrub')) {
    notes.push(
      await optional('scrub', async (m) => {
        const f = m['runScrubBench'];
        const md = m['scrubMarkdown'];
        if (typeof f !== 'function') throw new Error('runScrubBench is not exported');
        const r = (f as () => unknown)();
        if (!existsSync(join(RESULTS, 'scrub.json')) || typeof md === 'function') writeResult('scrub', { machine: mach, ...(r as object) }, typeof md === 'function' ? (md as (x: unknown) => string)(r) : '');
      }),
    );
  }

  if (want('pipeline')) {
    // 10M rows: the full pipeline once (it takes minutes); ingest + measure and DuckDB `runs` times,
    // since the memory goal is judged on the worst of them (peaks vary by tens of MiB between runs).
    const rows = list('--rows') ?? (quick ? [50_000] : [1_000_000, 10_000_000]);
    const sizes = rows.map((n) => (n >= 10_000_000 ? { rows: n, runs, fullRuns: 1 } : { rows: n, runs, fullRuns }));
    const measured = runPipelineBench(sizes, log);
    // Keep earlier rows for sizes this run did not measure (e.g. --rows 10000000 alone).
    const file = join(RESULTS, 'pipeline.json');
    const earlier = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as { sizes: PipelineSize[] }).sizes.filter((e) => !rows.includes(e.requestedRows)) : [];
    const results = [...earlier, ...measured].sort((a, b) => a.requestedRows - b.requestedRows);
    writeResult('pipeline', { machine: mach, sizes: results.map((r) => ({ ...r, medians: summarize(r) })) }, pipelineMarkdown(results));
  }

  if (want('site') || want('browser')) {
    const sample = sampleGuideCount();
    const counts = want('site') ? (list('--guides') ?? (quick ? [sample] : [sample, 1_000, 5_000])) : [sample];
    const sites: SiteSize[] = [];
    let weights: PageWeight[] = [];
    const latency: LatencyResult[] = [];
    for (const n of counts) {
      sites.push(
        await benchSiteSize(n, log, async (dist) => {
          if (!want('browser')) return;
          if (n === sample) {
            log('browser: page weight per template');
            weights = await runWeightBench(dist);
          }
          log(`browser: Pagefind latency with ${n} guides`);
          const l = await runSearchLatencyBench(dist, 5);
          latency.push(...l.map((x) => ({ ...x, locale: `${x.locale} (${n} guides)` })));
        }),
      );
    }
    if (want('site')) {
      // Keep earlier rows for guide counts this run did not measure.
      const file = join(RESULTS, 'site.json');
      const earlier = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as { sizes: SiteSize[] }).sizes.filter((e) => !counts.includes(e.guides)) : [];
      const all = [...earlier, ...sites].sort((a, b) => a.guides - b.guides);
      writeResult('site', { machine: mach, sizes: all }, siteMarkdown(all));
    }
    if (want('browser')) {
      writeResult('weight', { machine: mach, pages: weights }, weightMarkdown(weights));
      writeResult('search-latency', { machine: mach, results: latency }, latencyMarkdown(latency));
    }
  }

  writeReadme(mach, notes);
  log('bench: done — bench/results/README.md');
}

/** Gathers every result table into bench/results/README.md. */
function writeReadme(mach: Record<string, string | number>, notes: readonly string[]): void {
  const sections: [string, string, string][] = [
    ['pipeline', 'Data pipeline vs DuckDB', 'Generated sample inputs (3 raw CSVs; "requested rows" requests, plus ratings). Each figure is the median of the runs, each run a fresh process; peak memory is the process\'s VmHWM. "ingest + measure" = parse, map, check, derive and aggregate (no anonymization, no files); "full pipeline" = `npm run data` (anonymize and publish included). DuckDB runs the department × month query (count, median and p90 days to close, mean rating) over the same CSVs, with its default threads (one per core) and again on one thread. "verify scan" = verify\'s personal-data scan of the full pipeline\'s output against the identifier values it collected, in its own process.'],
    ['site', 'Site build against the number of service pages', 'One build per size in a copy of the repository; guides beyond the sample are copies of the sample\'s guides under new ids. The sample raw data is the default 205k requests.'],
    ['weight', 'Page weight per template', 'Everything Chromium fetched for the page until network idle; gzip = gzip -9 of each response.'],
    ['search-latency', 'Pagefind query latency (headless Chromium)', 'Fresh page per run; "first query" includes fetching the index chunks it needs; later queries are different words on the same page; top 10 results\' data() loaded.'],
    ['lighthouse', 'Lighthouse per template (scripts/lighthouse.ts)', ''],
    ['ingest', 'Ingest (bench/ingest.ts)', ''],
    ['scrub', 'Scrubbing (bench/scrub.ts)', ''],
  ];
  const parts = [
    '# Benchmark results',
    '',
    'Written by `npm run bench` (bench/run.ts). Never part of `npm test`.',
    '',
    `Machine: ${mach['cpu']}, ${mach['cores']} cores, ${mach['memory']}, ${mach['os']}, Node ${mach['node']}. The machine was shared with other work while these ran, so times are upper bounds.`,
    '',
  ];
  for (const [name, title, note] of sections) {
    const md = join(RESULTS, `${name}.md`);
    if (!existsSync(md)) continue;
    parts.push(`## ${title}`, '', ...(note ? [note, ''] : []), readFileSync(md, 'utf8').trim(), '');
  }
  if (notes.length) parts.push('## Notes', '', ...notes.map((n) => `- ${n}`), '');
  writeFileSync(join(RESULTS, 'README.md'), parts.join('\n'));
}

main().catch((err: unknown) => {
  console.error(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  process.exitCode = 1;
});
