/**
 * Ingest: reads every source in data/sources, maps rows onto the canonical record, checks
 * them, and attaches ratings. Every input row ends either published or quarantined with a
 * reason; `rowsIn === published + quarantined` is asserted per source.
 * Published requests go straight into one columnar RequestStore (store.ts): no object, no
 * identifier and no free text is kept per request. Memory per request is the store's (~46
 * bytes) and nothing more: repeated ids are found with the store's own id table (the lookup
 * also places the id when the row is published), and told apart as exact repeats or changed
 * rows by comparing the rows themselves (repeats.ts: the first row is known by its position).
 */
import { join } from 'node:path';
import type { ServiceGuide } from '../../src/lib/content-schema.ts';
import { collectIdentifierValues, DescriptionWords } from '../anonymize/index.ts';
import type { CanonicalRequest, Quarantined } from './canonical.ts';
import { censorAtCutoff, checkRatedAt, checkRequest } from './check.ts';
import { loadSources, type SourceConfig } from './config.ts';
import { CreatedRegistry, type CreatedEntity } from './created.ts';
import { detach, type CsvRow } from './csv.ts';
import { assertTimeZone, endOfLocalDay } from './dates.ts';
import { openSource, type OpenOptions } from './files.ts';
import { departmentLookup, FEEDBACK_SHOWN, guideLookup, SourceMapper, type Department, type Issue } from './map.ts';
import { defaultProgress, type Progress } from './progress.ts';
import { FeedbackTable, type FeedbackRecord } from './feedback.ts';
import { FirstRows, Gaps, Repeats } from './repeats.ts';
import { hashRequester } from './requester.ts';
import { instantColumn } from './columns.ts';
import { free } from '../lib/free.ts';
import { RequestStore } from './store.ts';

export { reasonText } from './reasons.ts';
export type { CreatedEntity } from './created.ts';

/** The full raw row of a quarantined input row ("column=value; …"), for the data steward only. */
export interface RawRow {
  source: string;
  file: string;
  row: number;
  raw: string;
}

export interface SourceReport {
  source: string;
  file: string;
  kind: 'requests' | 'ratings' | 'feedback';
  rowsIn: number;
  published: number;
  quarantined: number;
  byReason: Record<string, number>;
}

export interface IngestResult {
  /** Every published request: request sources in config order, rows in input order; ratings attached. */
  store: RequestStore;
  /**
   * The store's requests as objects, sorted by source then id, built on first read (and not
   * copied by a spread). For tests and small tools only: the pipeline must not read it, since
   * it costs hundreds of bytes per request that the store exists to save.
   */
  readonly requests: CanonicalRequest[];
  /** Excerpts still raw; sorted by source, row. */
  quarantined: Quarantined[];
  /** rowsIn === published + quarantined for each, asserted. */
  sources: SourceReport[];
  warnings: string[];
  /** Rectification paths of bad reviews, from `kind: feedback` sources (no free text). */
  feedback?: Iterable<FeedbackRecord>;
  /** Departments and services named by the data but not in data/ (policy `create`), by id. */
  created?: { departments: CreatedEntity[]; services: CreatedEntity[] };
  /** Full raw rows of quarantined rows (private: never published). */
  rawRows?: RawRow[];
}

export interface IngestOptions {
  /** The data directory (holds sources/ and the raw exports the sources name). */
  dataDir: string;
  /** Site "as of" date (YYYY-MM-DD); later instants are quarantined as "future-date". */
  asOf: string;
  /** Site time zone, in which the as-of day ends. */
  timezone: string;
  departments: Department[];
  guides: ServiceGuide[];
  log?: (msg: string) => void;
  /** Read chunk size in bytes (tests only). */
  chunkSize?: number;
  /** Progress of long reads (default: a line on a terminal, silent in CI). */
  progress?: Progress;
  /** Network for Open311 endpoints (tests). */
  fetch?: OpenOptions['fetch'];
  /** Only these sources (by name), e.g. for `npm run data:check`; ratings then skip missing targets. */
  only?: readonly string[];
  /**
   * Receives every identifier value (trimmed, 2 characters or more) of the published requests,
   * for the leak scan: a Set<string>, or a StringSet (string-set.ts) at a seventh of the memory.
   */
  identifierValues?: { add(value: string): unknown };
  /**
   * Every word of segments.yaml's `descriptionContains` rules: a request's `description` is then
   * kept only as the words its scrubbed description contains (see DescriptionWords); else null.
   */
  descriptionWords?: readonly string[];
}

/** The ingest result; `requests` is computed on first read and lives on the prototype, so a spread does not build it. */
class Ingested implements IngestResult {
  store: RequestStore;
  quarantined: Quarantined[];
  sources: SourceReport[];
  warnings: string[];
  feedback: Iterable<FeedbackRecord>;
  created: { departments: CreatedEntity[]; services: CreatedEntity[] };
  rawRows: RawRow[];
  #requests: CanonicalRequest[] | null = null;

  constructor(r: Omit<IngestResult, 'requests'> & Pick<Ingested, 'feedback' | 'created' | 'rawRows'>) {
    this.store = r.store;
    this.quarantined = r.quarantined;
    this.sources = r.sources;
    this.warnings = r.warnings;
    this.feedback = r.feedback;
    this.created = r.created;
    this.rawRows = r.rawRows;
  }

  get requests(): CanonicalRequest[] {
    if (this.#requests === null) {
      const all: CanonicalRequest[] = [];
      for (let i = 0; i < this.store.length; i++) all.push(this.store.get(i));
      // Code-unit order, locale-independent (ids are unique within a source).
      this.#requests = all.sort((a, b) => byCode(a.source, b.source) || byCode(a.id, b.id));
    }
    return this.#requests;
  }
}

interface SourceState {
  config: SourceConfig;
  report: SourceReport;
  quarantined: Quarantined[];
  raw?: RawRow[];
}

/** Codepoint order, independent of locale. */
const byCode = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function newState(config: SourceConfig): SourceState {
  return {
    config,
    report: { source: config.name, file: config.path, kind: config.kind, rowsIn: 0, published: 0, quarantined: 0, byReason: {} },
    quarantined: [],
    raw: [],
  };
}

/** Where a row came from: the file and its header (for the full raw row). */
interface RowOrigin {
  file: string;
  header: readonly string[];
}

/**
 * Quarantines the row: its record, its count and its full raw row. `counted: false` leaves the
 * reason uncounted (a repeat whose reason is decided later, see `quarantineRepeat`).
 */
function quarantine(st: SourceState, at: RowOrigin, row: number, issue: Issue, fields: readonly string[], counted = true): Quarantined {
  const record: Quarantined = { source: st.config.name, file: at.file, row, column: issue.column, reason: issue.reason, excerpt: issue.excerpt };
  st.quarantined.push(record);
  st.report.quarantined += 1;
  if (counted) countReason(st, issue.reason);
  const width = Math.max(at.header.length, fields.length);
  const parts: string[] = [];
  for (let i = 0; i < width; i++) parts.push(`${at.header[i] ?? `#${i + 1}`}=${fields[i] ?? ''}`);
  st.raw?.push({ source: st.config.name, file: at.file, row, raw: parts.join('; ') });
  return record;
}

function countReason(st: SourceState, reason: string): void {
  st.report.byReason[reason] = (st.report.byReason[reason] ?? 0) + 1;
}

/**
 * Quarantines a row whose id repeats the row with ordinal `first`: "duplicate-row" when all
 * fields are the same, else "duplicate-id"; decided now when the first row is at hand, else
 * after the pass (`resolveRepeats`).
 */
function quarantineRepeat(st: SourceState, repeats: Repeats, at: RowOrigin, row: number, first: number, fields: readonly string[], mapper: SourceMapper): void {
  const reason = repeats.reason(first, fields);
  const record = quarantine(st, at, row, { column: mapper.column('id'), reason: reason ?? 'duplicate-id', excerpt: mapper.excerpt(fields) }, fields, reason !== null);
  if (reason === null) repeats.wait(first, record, fields);
}

/**
 * The one request `id` names among the request sources `targets` (its source and store row), or
 * why there is none: ambiguous (several hold it), a quarantined request, or unknown.
 */
function findTarget(store: RequestStore, targets: readonly string[], id: string, quarantinedIds: ReadonlyMap<string, ReadonlyMap<string, number>>): { source: string; row: number } | string {
  let hit: { source: string; row: number } | null = null;
  for (const source of targets) {
    const row = store.find(source, id);
    if (row < 0) continue;
    if (hit) return 'ambiguous-reference';
    hit = { source, row };
  }
  if (hit) return hit;
  return targets.some((t) => quarantinedIds.get(t)?.has(id)) ? 'reference-quarantined' : 'unknown-reference';
}

interface MapContext {
  departments: Map<string, string>;
  guidesByCode: Map<string, ServiceGuide>;
  created: CreatedRegistry;
}

/**
 * Calls `each` for every row of every file of the source, with that file's mapper (`each` counts
 * the row in `rowsIn`: the row's ordinal is `rowsIn` before); tells `repeats` of every batch; reports progress.
 */
async function eachRow(
  st: SourceState,
  opts: IngestOptions,
  ctx: MapContext,
  warnings: string[],
  repeats: Repeats,
  each: (at: RowOrigin, r: CsvRow, mapper: SourceMapper) => void,
): Promise<void> {
  const s = st.config;
  assertTimeZone(s.timezone);
  const progress = opts.progress ?? defaultProgress();
  let bytes = 0;
  const open: OpenOptions = { onBytes: (n) => (bytes += n), ...(opts.chunkSize ? { chunkSize: opts.chunkSize } : {}), ...(opts.fetch ? { fetch: opts.fetch } : {}) };
  for await (const f of openSource(opts.dataDir, s, open)) {
    const mapper = new SourceMapper({ source: s, file: f.file, header: f.header, ...ctx });
    warnings.push(...mapper.warnings);
    const at: RowOrigin = { file: f.file, header: f.header };
    for await (const batch of f.batches) {
      repeats.batch(batch, st.report.rowsIn);
      for (const r of batch) each(at, r, mapper);
      progress.update(s.name, st.report.rowsIn, bytes);
    }
  }
  progress.done();
}

/**
 * `eachRow` for the sources whose rows are told apart by id alone (ratings, feedback): counts
 * each row, quarantines malformed rows and later rows of an id already seen, and calls `each`
 * with the first row of each id and its ordinal. Returns the repeats still waiting for their
 * first row (`resolveRepeats` reads them back); the table of first rows is freed at the end.
 */
async function eachFirstRow(
  st: SourceState,
  opts: IngestOptions,
  ctx: MapContext,
  warnings: string[],
  each: (at: RowOrigin, r: CsvRow, mapper: SourceMapper, ordinal: number) => void,
): Promise<Repeats> {
  const firstRows = new FirstRows();
  const repeats = new Repeats();
  await eachRow(st, opts, ctx, warnings, repeats, (at, r, mapper) => {
    const ordinal = st.report.rowsIn++;
    const { row, fields } = r;
    if (fields.length !== mapper.header.length) {
      quarantine(st, at, row, { column: '', reason: 'malformed-row', excerpt: mapper.malformedExcerpt(fields) }, fields);
      return;
    }
    const key = mapper.idAt < 0 ? fields.join('\u0000') : (fields[mapper.idAt] ?? '').trim();
    const priorOrdinal = firstRows.see(key, ordinal);
    if (priorOrdinal >= 0) {
      quarantineRepeat(st, repeats, at, row, priorOrdinal, fields, mapper);
      return;
    }
    each(at, r, mapper, ordinal);
  });
  firstRows.dispose();
  return repeats;
}

/**
 * Per target row of the store: the winning rating of one ratings source so far, ~8 bytes a
 * request: its ordinal + 1 (0 = no rating yet) and its instant as whole seconds since 2000 (a
 * NumberColumn: it widens to doubles only if an instant is not such a second).
 */
class BestRatings {
  readonly ordinal: Int32Array;
  readonly ratedAt = instantColumn();

  constructor(size: number) {
    this.ordinal = new Int32Array(size);
  }

  /** Frees the memory now (lib/free.ts), before the next source allocates its own. */
  dispose(): void {
    free(this.ordinal);
    this.ratedAt.dispose();
  }
}

/** Reads, maps and checks all sources under `opts.dataDir`. */
export async function ingestAll(opts: IngestOptions): Promise<IngestResult> {
  const log = opts.log ?? (() => {});
  const all = loadSources(join(opts.dataDir, 'sources')).map((c) => (c.timezone ? c : { ...c, timezone: opts.timezone }));
  const configs = opts.only ? all.filter((c) => opts.only?.includes(c.name)) : all;
  const cutoff = endOfLocalDay(opts.asOf, opts.timezone);
  const departments = departmentLookup(opts.departments);
  const ctx: MapContext = { departments, guidesByCode: guideLookup(opts.guides), created: new CreatedRegistry(departments.values()) };
  const warnings: string[] = [];
  const states: SourceState[] = [];
  const store = new RequestStore();
  const words = new DescriptionWords(opts.descriptionWords ?? []);
  /** Per request source: the ids of its rows quarantined after the duplicate check, each with its row's ordinal. */
  const quarantinedIds = new Map<string, Map<string, number>>();

  for (const config of configs.filter((c) => c.kind === 'requests')) {
    // The store knows a request by (source, id): two sources of one name (x.yaml and x.yml) would mix their ids.
    if (quarantinedIds.has(config.name)) throw new Error(`${join(opts.dataDir, 'sources')}: two files describe the source "${config.name}" (x.yaml and x.yml?); keep one`);
    const st = newState(config);
    states.push(st);
    /** Ordinal of the row of each id quarantined after the duplicate check. */
    const lost = new Map<string, number>();
    /** Ordinals of the rows not published, to find a published row's ordinal from its store row − `first`. */
    const gaps = new Gaps();
    const repeats = new Repeats();
    const first = store.length;
    let censored = 0;
    await eachRow(st, opts, ctx, warnings, repeats, (at, { row, fields }, mapper) => {
      const ordinal = st.report.rowsIn++;
      if (fields.length !== mapper.header.length) {
        gaps.add(ordinal);
        quarantine(st, at, row, { column: '', reason: 'malformed-row', excerpt: mapper.malformedExcerpt(fields) }, fields);
        return;
      }
      // The first row of an id is kept (published or quarantined); a later row with that id is a
      // duplicate of it: "duplicate-row" when all fields are the same, else "duplicate-id". Empty ids are not compared.
      const id = mapper.idAt < 0 ? '' : (fields[mapper.idAt] ?? '').trim();
      if (id !== '') {
        // A miss leaves the probe in the store: the push below (the mapped id is this trimmed id) reuses it.
        const prior = store.find(config.name, id);
        const priorOrdinal = prior >= 0 ? gaps.ordinalOf(prior - first) : lost.get(id);
        if (priorOrdinal !== undefined) {
          gaps.add(ordinal);
          quarantineRepeat(st, repeats, at, row, priorOrdinal, fields, mapper);
          return;
        }
      }
      const mapped = mapper.request(fields);
      const issue = mapped.ok ? checkRequest(mapped.value.request, fields, mapper, cutoff) : mapped;
      if (issue || !mapped.ok) {
        // A copy: a cut of the text would keep its whole piece of text in memory.
        if (id) lost.set(detach(id), ordinal);
        gaps.add(ordinal);
        quarantine(st, at, row, issue ?? { column: '', reason: 'malformed-row', excerpt: '' }, fields);
        return;
      }
      const { request, identifiers } = mapped.value;
      if (censorAtCutoff(request, cutoff)) censored += 1;
      if (opts.identifierValues) collectIdentifierValues(identifiers, opts.identifierValues);
      store.push(request, hashRequester(identifiers), words.marks(request.description, identifiers));
      st.report.published += 1;
    });
    if (repeats.pending > 0) await resolveRepeats(st, opts, repeats);
    if (censored) warnings.push(`${config.path}: ${censored} case(s) accepted or closed after the as-of date ${opts.asOf}; counted as not yet accepted/closed`);
    quarantinedIds.set(config.name, lost);
    log(`ingest: ${config.name}: ${st.report.rowsIn} rows, ${st.report.published} published, ${st.report.quarantined} quarantined`);
  }

  for (const config of configs.filter((c) => c.kind === 'ratings')) {
    const st = newState(config);
    states.push(st);
    const best = new BestRatings(store.length);
    /** Earlier winners superseded by a later row: ordinal → the mapper of the row that won (for the excerpt). */
    const superseded = new Map<number, SourceMapper>();
    const targets = config.targets ?? [];
    const repeats = await eachFirstRow(st, opts, ctx, warnings, (at, { row, fields }, mapper, ordinal) => {
      const mapped = mapper.rating(fields);
      if (!mapped.ok) {
        quarantine(st, at, row, mapped, fields);
        return;
      }
      const r = mapped.value;
      const future = checkRatedAt(r.ratedAt, fields, mapper, cutoff);
      if (future) {
        quarantine(st, at, row, future, fields);
        return;
      }
      const found = findTarget(store, targets, r.target, quarantinedIds);
      if (typeof found === 'string') {
        quarantine(st, at, row, { column: mapper.column('target'), reason: found, excerpt: mapper.excerpt(fields, 'rating', 'ratedAt') }, fields);
        return;
      }
      const target = found.row;
      const prior = (best.ordinal[target] ?? 0) - 1;
      if (prior < 0) st.report.published += 1;
      // Keep the latest rating (a later row wins a tie); the other is superseded.
      else if (r.ratedAt < (best.ratedAt.get(target) ?? 0)) {
        quarantine(st, at, row, { column: mapper.column('ratedAt'), reason: 'superseded-rating', excerpt: mapper.excerpt(fields, 'rating', 'ratedAt') }, fields);
        return;
      } else {
        // The earlier winner loses: its fields are read back after the pass (rare), not kept.
        superseded.set(prior, mapper);
      }
      best.ordinal[target] = ordinal + 1;
      best.ratedAt.set(target, r.ratedAt);
      store.setRating(target, r.rating);
    });
    best.dispose();
    if (repeats.pending > 0) await resolveRepeats(st, opts, repeats);
    if (superseded.size > 0) await quarantineSuperseded(st, opts, superseded);
    log(`ingest: ${config.name}: ${st.report.rowsIn} rows, ${st.report.published} attached, ${st.report.quarantined} quarantined`);
  }

  const feedback = new FeedbackTable((row) => store.idOf(row), store);
  for (const config of configs.filter((c) => c.kind === 'feedback')) {
    const st = newState(config);
    states.push(st);
    const targets = config.targets ?? [];
    const repeats = await eachFirstRow(st, opts, ctx, warnings, (at, { row, fields }, mapper) => {
      const mapped = mapper.feedback(fields, cutoff);
      if (!mapped.ok) {
        quarantine(st, at, row, mapped, fields);
        return;
      }
      const f = mapped.value;
      const found = findTarget(store, targets, f.target, quarantinedIds);
      if (typeof found === 'string') {
        quarantine(st, at, row, { column: mapper.column('target'), reason: found, excerpt: mapper.excerpt(fields, ...FEEDBACK_SHOWN) }, fields);
        return;
      }
      const { receivedAt, verifiedAt, outcome, outcomeAt, calledBackAt } = f;
      feedback.push({ source: config.name, targetSource: found.source, receivedAt, verifiedAt, outcome, outcomeAt, calledBackAt }, found.row);
      st.report.published += 1;
    });
    if (repeats.pending > 0) await resolveRepeats(st, opts, repeats);
    log(`ingest: ${config.name}: ${st.report.rowsIn} rows, ${st.report.published} published, ${st.report.quarantined} quarantined`);
  }

  // Nothing is looked up by id any more: the id table goes (rebuilt if a later find needs it).
  store.endIngest();
  const sources: SourceReport[] = [];
  const quarantined: Quarantined[] = [];
  const rawRows: RawRow[] = [];
  for (const st of [...states].sort((a, b) => byCode(a.config.name, b.config.name))) {
    const r = st.report;
    if (r.rowsIn !== r.published + r.quarantined) {
      throw new Error(`ingest: ${r.source}: ${r.rowsIn} rows in but ${r.published} published + ${r.quarantined} quarantined (a bug in ingest: please report it)`);
    }
    r.byReason = Object.fromEntries(Object.entries(r.byReason).sort(([a], [b]) => byCode(a, b)));
    if (r.rowsIn === 0) warnings.push(`${r.file}: source "${r.source}" has no data rows`);
    else if (r.quarantined / r.rowsIn > 0.05) {
      warnings.push(`${r.file}: ${r.quarantined} of ${r.rowsIn} rows (${((100 * r.quarantined) / r.rowsIn).toFixed(1)}%) quarantined; check the source description`);
    }
    sources.push(r);
    // Loops, not push(...spread): a source can quarantine more rows than the call stack holds arguments.
    for (const q of st.quarantined.sort((a, b) => byCode(a.file, b.file) || a.row - b.row)) quarantined.push(q);
    for (const r of (st.raw ?? []).sort((a, b) => byCode(a.file, b.file) || a.row - b.row)) rawRows.push(r);
  }
  // Only what published cases use: a name seen only in quarantined rows creates nothing.
  const usedDepartments = new Set(store.departmentValues());
  const usedCategories = new Set(store.categoryValues());
  const created = {
    departments: [...ctx.created.departments.values()].filter((d) => usedDepartments.has(d.id)).sort((a, b) => byCode(a.id, b.id)),
    services: [...ctx.created.services.values()].filter((v) => usedCategories.has(v.id)).sort((a, b) => byCode(a.id, b.id)),
  };
  for (const d of created.departments) warnings.push(`source "${d.source}": department "${d.raw}" is not in data/departments.yaml; created from the data as "${d.id}" (add it to departments.yaml with a proper name)`);
  for (const v of created.services) warnings.push(`source "${v.source}": service "${v.raw}" has no guide in data/services; created from the data as "${v.id}" (counted as its own category)`);
  for (const w of warnings) log(`warning: ${w}`);
  return new Ingested({ store, quarantined, sources, warnings, feedback, created, rawRows });
}

/**
 * Reads the source again, calling `take` for each row whose ordinal `wanted` accepts, until
 * `left()` is 0; throws when rows are still wanted at the end (the export changed meanwhile).
 */
async function readBack(
  st: SourceState,
  opts: IngestOptions,
  wanted: (ordinal: number) => boolean,
  take: (at: RowOrigin, row: CsvRow, ordinal: number) => void,
  left: () => number,
  what: string,
): Promise<void> {
  const open: OpenOptions = { ...(opts.chunkSize ? { chunkSize: opts.chunkSize } : {}), ...(opts.fetch ? { fetch: opts.fetch } : {}) };
  let ordinal = 0;
  for await (const f of openSource(opts.dataDir, st.config, open)) {
    const at: RowOrigin = { file: f.file, header: f.header };
    for await (const batch of f.batches) {
      for (const r of batch) {
        if (wanted(ordinal)) take(at, r, ordinal);
        ordinal += 1;
      }
      if (left() === 0) break;
    }
    if (left() === 0) break;
  }
  // Unreachable unless the export changed while it was read; the row accounting then fails loudly.
  if (left() > 0) throw new Error(`${st.config.path}: ${left()} ${what} (did the export change during the build?)`);
}

/** Gives the repeats that wait for their first row their reason, reading the source again up to the last row needed. */
async function resolveRepeats(st: SourceState, opts: IngestOptions, repeats: Repeats): Promise<void> {
  const count = (record: Quarantined): void => countReason(st, record.reason);
  await readBack(
    st,
    opts,
    (ordinal) => repeats.wanted(ordinal),
    (_at, { fields }, ordinal) => repeats.resolve(ordinal, fields, count),
    () => repeats.pending,
    'repeated row(s) could not be compared with the first row of their id',
  );
}

/**
 * Quarantines ratings that lost to a later row (by ordinal), reading their rows back from the
 * source with the same reader (the excerpt uses the mapper of the winning row, as when both were at hand).
 */
async function quarantineSuperseded(st: SourceState, opts: IngestOptions, superseded: Map<number, SourceMapper>): Promise<void> {
  await readBack(
    st,
    opts,
    (ordinal) => superseded.has(ordinal),
    (at, { row, fields }, ordinal) => {
      const mapper = superseded.get(ordinal);
      if (!mapper) return;
      quarantine(st, at, row, { column: mapper.column('ratedAt'), reason: 'superseded-rating', excerpt: mapper.excerpt(fields, 'rating', 'ratedAt') }, fields);
      superseded.delete(ordinal);
    },
    () => superseded.size,
    'superseded rating row(s) could not be read back',
  );
}
