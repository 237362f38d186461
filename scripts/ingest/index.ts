/**
 * Ingest: reads every source in data/sources, maps rows onto the canonical record, checks
 * them, and attaches ratings. Every input row ends either published or quarantined with a
 * reason; `rowsIn === published + quarantined` is asserted per source.
 */
import { join } from 'node:path';
import type { ServiceGuide } from '../../src/lib/content-schema.ts';
import type { CanonicalRequest, Identifiers, Quarantined } from './canonical.ts';
import { censorAtCutoff, checkRatedAt, checkRequest, DuplicateTracker } from './check.ts';
import { loadSources, type SourceConfig } from './config.ts';
import { CreatedRegistry, type CreatedEntity } from './created.ts';
import type { CsvRow } from './csv.ts';
import { assertTimeZone, endOfLocalDay } from './dates.ts';
import { openSource, type OpenOptions } from './files.ts';
import { departmentLookup, guideLookup, SourceMapper, type Department, type Issue, type RatingRow } from './map.ts';
import { defaultProgress, type Progress } from './progress.ts';
import { readFeedback, type FeedbackRecord } from './feedback.ts';

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
  /** Sorted by source then id; ratings attached (rating, ratingComment raw). */
  requests: CanonicalRequest[];
  /** Key `${source}:${id}`. */
  identifiers: Map<string, Identifiers>;
  /** Excerpts still raw; sorted by source, row. */
  quarantined: Quarantined[];
  /** rowsIn === published + quarantined for each, asserted. */
  sources: SourceReport[];
  warnings: string[];
  /** Rectification paths of bad reviews, from `kind: feedback` sources (no free text). */
  feedback?: FeedbackRecord[];
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
}

interface Published {
  request: CanonicalRequest;
  identifiers: Identifiers;
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

function quarantine(st: SourceState, at: RowOrigin, row: number, issue: Issue, fields: readonly string[]): void {
  st.quarantined.push({ source: st.config.name, file: at.file, row, column: issue.column, reason: issue.reason, excerpt: issue.excerpt });
  st.report.quarantined += 1;
  st.report.byReason[issue.reason] = (st.report.byReason[issue.reason] ?? 0) + 1;
  const width = Math.max(at.header.length, fields.length);
  const parts: string[] = [];
  for (let i = 0; i < width; i++) parts.push(`${at.header[i] ?? `#${i + 1}`}=${fields[i] ?? ''}`);
  st.raw?.push({ source: st.config.name, file: at.file, row, raw: parts.join('; ') });
}

interface MapContext {
  departments: Map<string, string>;
  guidesByCode: Map<string, ServiceGuide>;
  created: CreatedRegistry;
}

/** Calls `each` for every row of every file of the source, with that file's mapper; reports progress. */
async function eachRow(
  st: SourceState,
  opts: IngestOptions,
  ctx: MapContext,
  warnings: string[],
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
      for (const r of batch) each(at, r, mapper);
      progress.update(s.name, st.report.rowsIn, bytes);
    }
  }
  progress.done();
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
  const published = new Map<string, Map<string, Published>>();
  const quarantinedIds = new Map<string, Set<string>>();

  for (const config of configs.filter((c) => c.kind === 'requests')) {
    const st = newState(config);
    states.push(st);
    const dups = new DuplicateTracker();
    const kept = new Map<string, Published>();
    const lost = new Set<string>();
    let censored = 0;
    await eachRow(st, opts, ctx, warnings, (at, { row, fields }, mapper) => {
      st.report.rowsIn += 1;
      if (fields.length !== mapper.header.length) {
        quarantine(st, at, row, { column: '', reason: 'malformed-row', excerpt: mapper.malformedExcerpt(fields) }, fields);
        return;
      }
      const id = (fields[mapper.index.get('id') ?? -1] ?? '').trim();
      const dup = dups.see(id, fields);
      if (dup) {
        quarantine(st, at, row, { column: mapper.column('id'), reason: dup, excerpt: mapper.excerpt(fields) }, fields);
        return;
      }
      const mapped = mapper.request(fields);
      const issue = mapped.ok ? checkRequest(mapped.value.request, fields, mapper, cutoff) : mapped;
      if (issue || !mapped.ok) {
        if (id) lost.add(id);
        quarantine(st, at, row, issue ?? { column: '', reason: 'malformed-row', excerpt: '' }, fields);
        return;
      }
      if (censorAtCutoff(mapped.value.request, cutoff)) censored += 1;
      kept.set(id, mapped.value);
      st.report.published += 1;
    });
    if (censored) warnings.push(`${config.path}: ${censored} case(s) accepted or closed after the as-of date ${opts.asOf}; counted as not yet accepted/closed`);
    published.set(config.name, kept);
    quarantinedIds.set(config.name, lost);
    log(`ingest: ${config.name}: ${st.report.rowsIn} rows, ${st.report.published} published, ${st.report.quarantined} quarantined`);
  }

  for (const config of configs.filter((c) => c.kind === 'ratings')) {
    const st = newState(config);
    states.push(st);
    const dups = new DuplicateTracker();
    /** Target request → best rating so far and its row. */
    const best = new Map<Published, { rating: RatingRow; row: number; fields: readonly string[]; at: RowOrigin }>();
    await eachRow(st, opts, ctx, warnings, (at, { row, fields }, mapper) => {
      st.report.rowsIn += 1;
      if (fields.length !== mapper.header.length) {
        quarantine(st, at, row, { column: '', reason: 'malformed-row', excerpt: mapper.malformedExcerpt(fields) }, fields);
        return;
      }
      const idIndex = mapper.index.get('id');
      const key = idIndex === undefined ? fields.join('\u0000') : (fields[idIndex] ?? '').trim();
      const dup = dups.see(key, fields);
      if (dup) {
        quarantine(st, at, row, { column: mapper.column('id'), reason: dup, excerpt: mapper.excerpt(fields) }, fields);
        return;
      }
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
      const targets = (config.targets ?? []).map((t) => published.get(t)?.get(r.target)).filter((p) => p !== undefined);
      const refIssue = (reason: string): Issue => ({ column: mapper.column('target'), reason, excerpt: mapper.excerpt(fields, 'rating', 'ratedAt') });
      const target = targets[0];
      if (!target) {
        const wasQuarantined = (config.targets ?? []).some((t) => quarantinedIds.get(t)?.has(r.target));
        quarantine(st, at, row, refIssue(wasQuarantined ? 'reference-quarantined' : 'unknown-reference'), fields);
        return;
      }
      if (targets.length > 1) {
        quarantine(st, at, row, refIssue('ambiguous-reference'), fields);
        return;
      }
      const prior = best.get(target);
      if (!prior) {
        best.set(target, { rating: r, row, fields, at });
        return;
      }
      // Keep the latest rating (a later row wins a tie); the other is superseded.
      const loser = r.ratedAt >= prior.rating.ratedAt ? prior : { rating: r, row, fields, at };
      if (loser === prior) best.set(target, { rating: r, row, fields, at });
      quarantine(st, loser.at, loser.row, { column: mapper.column('ratedAt'), reason: 'superseded-rating', excerpt: mapper.excerpt(loser.fields, 'rating', 'ratedAt') }, loser.fields);
    });
    for (const [target, { rating }] of best) {
      target.request.rating = rating.rating;
      target.request.ratingComment = rating.comment;
      st.report.published += 1;
    }
    log(`ingest: ${config.name}: ${st.report.rowsIn} rows, ${st.report.published} attached, ${st.report.quarantined} quarantined`);
  }

  const feedback: FeedbackRecord[] = [];
  for (const config of configs.filter((c) => c.kind === 'feedback')) {
    const lookup = {
      find: (names: readonly string[], id: string) => {
        const hits = names.filter((n) => published.get(n)?.has(id));
        return hits.length === 0 ? null : hits.length > 1 ? ('ambiguous' as const) : (hits[0] ?? null);
      },
      wasQuarantined: (names: readonly string[], id: string) => names.some((n) => quarantinedIds.get(n)?.has(id)),
    };
    const fb = await readFeedback(config, opts.dataDir, lookup, cutoff);
    states.push({ config, report: fb.report, quarantined: fb.quarantined });
    feedback.push(...fb.records);
    log(`ingest: ${config.name}: ${fb.report.rowsIn} rows, ${fb.report.published} published, ${fb.report.quarantined} quarantined`);
  }

  const requests: CanonicalRequest[] = [];
  const identifiers = new Map<string, Identifiers>();
  for (const name of [...published.keys()].sort()) {
    const kept = published.get(name) ?? new Map<string, Published>();
    // Default sort compares UTF-16 code units: locale-independent, and much faster than a comparator.
    for (const id of [...kept.keys()].sort()) {
      const p = kept.get(id);
      if (!p) continue;
      requests.push(p.request);
      identifiers.set(`${name}:${id}`, p.identifiers);
    }
  }

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
    quarantined.push(...st.quarantined.sort((a, b) => byCode(a.file, b.file) || a.row - b.row));
    rawRows.push(...(st.raw ?? []).sort((a, b) => byCode(a.file, b.file) || a.row - b.row));
  }
  // Only what published cases use: a name seen only in quarantined rows creates nothing.
  const usedDepartments = new Set(requests.map((q) => q.department));
  const usedCategories = new Set(requests.map((q) => q.category));
  const created = {
    departments: [...ctx.created.departments.values()].filter((d) => usedDepartments.has(d.id)).sort((a, b) => byCode(a.id, b.id)),
    services: [...ctx.created.services.values()].filter((v) => usedCategories.has(v.id)).sort((a, b) => byCode(a.id, b.id)),
  };
  for (const d of created.departments) warnings.push(`source "${d.source}": department "${d.raw}" is not in data/departments.yaml; created from the data as "${d.id}" (add it to departments.yaml with a proper name)`);
  for (const v of created.services) warnings.push(`source "${v.source}": service "${v.raw}" has no guide in data/services; created from the data as "${v.id}" (counted as its own category)`);
  for (const w of warnings) log(`warning: ${w}`);
  return { requests, identifiers, quarantined, sources, warnings, feedback, created, rawRows };
}
