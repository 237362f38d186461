/**
 * The whole data pipeline as one function: config -> ingest -> anonymize -> measure -> publish.
 * File writes and logging come in as parameters; scripts/build-data.ts is the CLI edge and
 * tests/integration/pipeline.test.ts runs it on a fixture city. The request-level files are
 * written into the output folder while they are made (request-files.ts) when the effects can
 * write in pieces; everything else is built in memory and written at the end.
 */
import { join, resolve } from 'node:path';
import { files as fileNames } from '../../src/lib/published.ts';
import { loadGuideStage } from '../guides/index.ts';
import { loadDepartments } from '../config/departments.ts';
import { loadSite } from '../config/site.ts';
import { ingestAll, reasonText, type IngestOptions, type IngestResult } from '../ingest/index.ts';
import { scrubQuarantined } from '../anonymize/index.ts';
import { StringSet } from '../ingest/string-set.ts';
import { SpillingStringSet } from '../lib/spilling-set.ts';
import { loadSecretKey } from '../anonymize/secret.ts';
import { loadCalendar } from '../measure/calendar.ts';
import { measureAll, storeRows, type Measured } from '../measure/index.ts';
import { loadSegments } from '../measure/segments.ts';
import { loadReplies } from '../measure/replies.ts';
import { buildRelease } from '../release/index.ts';
import { OPEN311_REQUESTS, open311ServiceNames } from '../release/open311.ts';
import { earlierRelease, loadReleaseSummaries, type EarlierRelease } from '../release/load.ts';
import { suppressionRecord } from '../release/suppression.ts';
import { exposedAcrossReleases, type PriorRelease } from '../anonymize/suppress.ts';
import { columnsOf, dictionary, typedColumnsOf } from './dictionary.ts';
import { byName } from './hash.ts';
import { buildPublication, IDENTIFIER_VALUES, METHODOLOGY_VERSION, prettyStringLines, rawRowKey, type Publication, type PublishInput, type SourceAccount } from './index.ts';
import { readRawRows } from './raw-rows.ts';
import { writeRequestFiles } from './request-files.ts';
import type { PublishedFile, StoredFile } from './stored-file.ts';
import { writeTextFile } from './text-file.ts';
import { checkPrivateDir, fsEffects, isInside, writeFiles, type WriteEffects } from './write.ts';

export interface PipelineOptions {
  /** The publisher's data folder (site.yaml, departments.yaml, calendar/, services/, sources/). */
  dataDir: string;
  /** Public output folder (cleaned first). */
  outDir: string;
  /** Private output folder (cleaned first; never under public/ or dist/). */
  privateDir: string;
  /** Project root, for the public/dist guard (default: current directory). */
  root?: string;
  env?: Record<string, string | undefined>;
  log?: (msg: string) => void;
  effects?: WriteEffects;
  /** Monotonic clock in ms for the elapsed-time line only (never written to a file). */
  clock?: () => number;
}

export interface PipelineResult {
  /** The files written; the request-level ones as where they are (stored-file.ts). */
  publication: Publication<PublishedFile>;
  report: string[];
  /** Measure's count cells, relations and suppression pattern: true counts, held in memory only and never written (tests attack them). */
  cells?: Measured['cells'];
  /** The release before this one, as measure was given it (null: none, or none recorded). */
  earlier?: EarlierRelease | null;
}

/** Throws with the figures unless rows in = published + quarantined for every source. */
export function assertAccounting(sources: readonly SourceAccount[]): void {
  const bad = sources.filter((s) => s.rowsIn !== s.published + s.quarantined);
  if (bad.length > 0) {
    const lines = bad.map((s) => `  ${s.source} (${s.file}): rows in ${s.rowsIn} ≠ published ${s.published} + quarantined ${s.quarantined}`);
    throw new Error(`rows were lost between ingest and publish:\n${lines.join('\n')}`);
  }
}

/**
 * Throws unless the attack on this release and the previous one together (exposedAcrossReleases)
 * leaves every small cell of either as wide as it leaves it in one release alone.
 */
export function assertSafeAcross(measured: Pick<Measured, 'cells'>, release: string, prior: PriorRelease, minCell: number): void {
  const c = measured.cells;
  if (!c) throw new Error(`measure returned no cells to check against release ${release}`);
  const leaks = exposedAcrossReleases(c.values, c.relations, c.suppressed, c.primary, minCell, c.followers, prior);
  if (leaks.length > 0) {
    const shown = leaks.slice(0, 5).map((l) => `${l.id} in [${l.lo}, ${l.hi}]`).join(', ');
    // An empty interval: no value fits both releases, so a cell hidden in both was counted differently.
    const empty = leaks.some((l) => l.lo > l.hi) ? '; an empty interval means the releases disagree: a count hidden in both was revised (late records, corrections)' : '';
    throw new Error(`complementary suppression left ${leaks.length} small cell(s) recoverable by comparing this release with release ${release}: ${shown}${empty}`);
  }
}

/** Refuses to clean a folder that is the project root, an ancestor of it, or the data folder. */
function checkCleanable(dir: string, root: string, dataDir: string): void {
  const d = resolve(dir);
  if (isInside(resolve(root), d) || isInside(resolve(dataDir), d) || isInside(d, resolve(dataDir))) {
    throw new Error(`refusing to clean ${dir}: it is the project root or one of its parents, or it holds or lies inside the data folder`);
  }
}

/** Memory for the identifier values during ingest before they spill to sorted runs on disk. */
const IDENTIFIER_BUDGET = 32 * 2 ** 20;
/** The spilled runs' folder, inside the private folder (the values are personal data); removed once read. */
const IDENTIFIER_RUNS = '.identifier-values-runs';

/**
 * Ingest, collecting the identifier values it sees (for the final scan of dist/, never published)
 * in a set that lives only in here: identifier-values.json is written right away, read in order a
 * value at a time (`write`, given when the effects write in pieces), so the set is not held through
 * measure, and past IDENTIFIER_BUDGET the set spills sorted runs into the private folder (10M
 * requests have ~20M values). Without `write`, a StringSet hands the values on, in order, for publish.
 */
async function ingestWithIdentifiers(
  opts: Omit<IngestOptions, 'identifierValues'>,
  write: { privateDir: string; lines: (lines: Iterable<string>) => StoredFile } | null,
): Promise<{ ingest: IngestResult; identifierFile: StoredFile | null; identifiersInMemory: PublishInput['identifierValues'] }> {
  if (write) {
    const identifierValues = new SpillingStringSet(join(write.privateDir, IDENTIFIER_RUNS), IDENTIFIER_BUDGET);
    try {
      const ingest = await ingestAll({ ...opts, identifierValues });
      return { ingest, identifierFile: write.lines(prettyStringLines(identifierValues.sorted())), identifiersInMemory: [] };
    } finally {
      identifierValues.dispose();
    }
  }
  const identifierValues = new StringSet();
  const ingest = await ingestAll({ ...opts, identifierValues });
  return { ingest, identifierFile: null, identifiersInMemory: { inOrder: identifierValues.sorted() } };
}

/** Runs the pipeline end to end and writes both folders. */
export async function runPipeline(opts: PipelineOptions): Promise<PipelineResult> {
  const log = opts.log ?? (() => {});
  const root = opts.root ?? process.cwd();
  const clock = opts.clock ?? (() => 0);
  const started = clock();
  checkPrivateDir(opts.privateDir, opts.outDir, root);
  checkCleanable(opts.outDir, root, opts.dataDir);
  checkCleanable(opts.privateDir, root, opts.dataDir);
  const effects = opts.effects ?? fsEffects;
  // Clean first, so a failed build leaves no stale datasets behind that could be mistaken for this release.
  effects.clean(opts.outDir);
  effects.clean(opts.privateDir);
  try {
    return await buildAndWrite(opts, effects, log, () => (clock() - started) / 1000);
  } catch (err) {
    // Large files are written as they are made: a failed run leaves both folders empty, not part of a release.
    effects.clean(opts.outDir);
    effects.clean(opts.privateDir);
    throw err;
  }
}

/** The pipeline's stages, into folders already cleaned; `seconds` is the time since the start. */
async function buildAndWrite(opts: PipelineOptions, effects: WriteEffects, log: (msg: string) => void, seconds: () => number): Promise<PipelineResult> {
  const site = loadSite(join(opts.dataDir, 'site.yaml'));
  const departments = loadDepartments(join(opts.dataDir, 'departments.yaml'));
  const guideStage = await loadGuideStage({ dataDir: opts.dataDir, asOf: site.asOf, departments });
  const guides = guideStage.guides;
  const calendar = loadCalendar(join(opts.dataDir, 'calendar'));
  const deptIds = new Set(departments.map((d) => d.id));
  for (const g of guides) {
    if (!deptIds.has(g.department)) throw new Error(`${join(opts.dataDir, 'services', `${g.id}.md`)}: field "department": "${g.department}" is not in departments.yaml`);
  }

  const segments = loadSegments(join(opts.dataDir, 'segments.yaml'));
  const open = effects.open?.bind(effects);
  const { ingest, identifierFile, identifiersInMemory } = await ingestWithIdentifiers(
    {
      dataDir: opts.dataDir,
      asOf: site.asOf,
      timezone: site.timezone,
      departments,
      guides,
      log,
      descriptionWords: segments.rules.flatMap((r) => r.descriptionContains ?? []),
    },
    open ? { privateDir: opts.privateDir, lines: (lines) => writeTextFile(join(opts.privateDir, IDENTIFIER_VALUES), open, lines) } : null,
  );
  // Departments a source named but departments.yaml lacks (policy `create`) join the list, with no guides.
  departments.push(...(ingest.created?.departments ?? []).map((d) => ({ id: d.id, name: d.name, aliases: [d.raw] })));
  assertAccounting(ingest.sources);
  // The secret is still required (and checked) for real data: see scripts/anonymize/secret.ts.
  loadSecretKey(site, opts.env ?? {}, log);
  const quarantined = scrubQuarantined(ingest.quarantined);
  // The previous release's suppression (data/releases/): its hidden cells stay hidden, and both together are attacked.
  const releasesDir = join(opts.dataDir, 'releases');
  const summaries = loadReleaseSummaries(releasesDir);
  const earlier = earlierRelease(summaries, site.asOf, releasesDir, (msg) => log(`warning: ${msg}`));

  const measured = measureAll(storeRows(ingest.store), {
    calendar,
    timezone: site.timezone,
    asOf: site.asOf,
    months: site.months,
    minCell: site.thresholds.minCell,
    k: site.thresholds.k,
    quasiIdentifiers: site.records.quasiIdentifiers,
    city: site.city.zh,
    departments: departments.map((d) => d.id),
    guides,
    earlierLimits: guideStage.earlierLimits,
    ...(earlier?.prior ? { prior: earlier.prior } : {}),
    public: {
      segments,
      feedback: ingest.feedback ?? [],
      guides,
      rectificationLimitWd: site.rectification.limitWorkingDays,
      repeatWindowDays: site.repeatWindowDays,
      minCasesForScore: site.thresholds.minCasesForScore,
      score: site.score,
    },
  });
  if (earlier?.prior) assertSafeAcross(measured, earlier.release, earlier.prior, site.thresholds.minCell);
  const replies = loadReplies(join(opts.dataDir, 'replies'), new Set(departments.map((d) => d.id)));
  // The request-level files (CSV, its gzip, JSON lines, Parquet, Open311) go to disk in one pass while they
  // are made, so memory does not grow with them; effects that cannot write in pieces get them in memory.
  const large = open
    ? await writeRequestFiles({
        dir: opts.outDir,
        open,
        dataset: fileNames.requests,
        columns: columnsOf(fileNames.requests),
        typedColumns: typedColumnsOf(fileNames.requests),
        records: measured.records,
        // services.json's rows, as buildRelease reads them back: guides by id.
        open311Names: open311ServiceNames([...guides].sort((a, b) => byName(a.id, b.id)).map((g) => ({ id: g.id, name_en: g.name.en, name_zh: g.name.zh }))),
      })
    : null;
  const publishInput: PublishInput = {
    site,
    departments,
    guides,
    measured,
    sources: ingest.sources,
    reasonText,
    ingestWarnings: ingest.warnings,
    created: {
      departments: (ingest.created?.departments ?? []).map((d) => ({ id: d.id, name: d.raw })),
      services: (ingest.created?.services ?? []).map((v) => ({ id: v.id, name: v.raw })),
    },
    quarantined,
    quarantinedRaw: ingest.quarantined,
    identifierValues: identifiersInMemory,
    rawRows: ingest.rawRows ? new Map(ingest.rawRows.map((r) => [rawRowKey(r.source, r.row), r.raw])) : await readRawRows(opts.dataDir, ingest.quarantined),
    content: { rules: guideStage.rules, changes: guideStage.changes, quality: guideStage.quality },
    replies,
    earlierRelease: earlier ? { release: earlier.release, recorded: earlier.prior !== null } : null,
  };
  const publication: Publication<PublishedFile> = large && identifierFile ? buildPublication(publishInput, { public: large, private: new Map([[IDENTIFIER_VALUES, identifierFile]]) }) : buildPublication(publishInput);
  const q = publication.quality;
  const requestRows = ingest.sources.filter((s) => s.kind === 'requests').reduce((n, s) => n + s.published, 0);
  if (requestRows !== ingest.store.length) {
    throw new Error(`request sources report ${requestRows} rows published but ${ingest.store.length} requests reached measure`);
  }

  const open311Requests = large?.get(OPEN311_REQUESTS);
  // Versioned release, feeds, catalog, API and Open311 export, compared with data/releases/ (scripts/release).
  const release = buildRelease({
    files: publication.public,
    dictionary,
    site,
    methodologyVersion: METHODOLOGY_VERSION,
    records: measured.records,
    ...(open311Requests ? { open311Requests } : {}),
    previous: summaries,
    ...(measured.cells ? { suppression: suppressionRecord(measured.cells) } : {}),
  });
  for (const [name, bytes] of release) publication.public.set(name, bytes);

  // Both folders were cleaned at the start (and the request-level files already written into the public one).
  writeFiles(opts.outDir, publication.public, effects);
  writeFiles(opts.privateDir, publication.private, effects);

  const report: string[] = [];
  for (const s of q.sources) {
    report.push(`${s.source} (${s.file}): ${s.rows_in} rows in = ${s.published} published + ${s.quarantined} quarantined`);
  }
  report.push(`total: ${q.totals.rows_in} rows in = ${q.totals.published} published + ${q.totals.quarantined} quarantined`);
  const reasons = new Map<string, number>();
  for (const s of q.sources) for (const [r, n] of Object.entries(s.by_reason)) reasons.set(r, (reasons.get(r) ?? 0) + n);
  for (const r of [...reasons.keys()].sort()) report.push(`  quarantined for ${r}: ${reasons.get(r) ?? 0}`);
  report.push(`aggregate cells suppressed: ${q.suppressed_cells} (${measured.privacy.primaryCells} of 1..${site.thresholds.minCell - 1} requests, ${measured.privacy.complementaryCells} complementary)`);
  report.push(
    earlier === null
      ? 'suppression across releases: no earlier release'
      : earlier.prior
        ? `suppression across releases: checked together with release ${earlier.release}`
        : `suppression across releases: not checked, release ${earlier.release} has no suppression record`,
  );
  report.push(`records withheld for k=${site.thresholds.k}: ${q.withheld_for_k} of ${ingest.store.length}`);
  if (measured.outsideMonths > 0) report.push(`requests outside the published months (records only): ${measured.outsideMonths}`);
  for (const g of guideStage.quality.sources) report.push(`guides ${g.source} (${g.file}): ${g.guides_in} in = ${g.published} published + ${g.rejected} rejected`);
  report.push(`guides: ${guideStage.quality.issues.length} values interpreted or rejected; ${guideStage.changes.length} changes since ${guideStage.previous ?? 'no previous release'}`);
  report.push(`wrote ${publication.public.size} files to ${opts.outDir} and ${publication.private.size} to ${opts.privateDir} in ${seconds().toFixed(1)} s`);
  for (const line of report) log(line);
  return { publication, report, cells: measured.cells, earlier };
}
