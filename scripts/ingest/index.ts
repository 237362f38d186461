/**
 * Ingest: reads every source in data/sources, maps rows onto the canonical record, checks
 * them, and attaches ratings. Every input row ends either published or quarantined with a
 * reason; `rowsIn === published + quarantined` is asserted per source.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { ServiceGuide } from '../../src/lib/content-schema.ts';
import type { CanonicalRequest, Identifiers, Quarantined } from './canonical.ts';
import { censorAtCutoff, checkRatedAt, checkRequest, DuplicateTracker } from './check.ts';
import { loadSources, type SourceConfig } from './config.ts';
import { openCsv } from './csv.ts';
import { assertTimeZone, endOfLocalDay } from './dates.ts';
import { departmentLookup, guideLookup, SourceMapper, type Department, type Issue, type RatingRow } from './map.ts';

export { reasonText } from './reasons.ts';

export interface SourceReport {
  source: string;
  file: string;
  kind: 'requests' | 'ratings';
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
}

interface Published {
  request: CanonicalRequest;
  identifiers: Identifiers;
}

interface SourceState {
  config: SourceConfig;
  report: SourceReport;
  quarantined: Quarantined[];
}

/** Codepoint order, independent of locale. */
const byCode = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function newState(config: SourceConfig): SourceState {
  return {
    config,
    report: { source: config.name, file: config.path, kind: config.kind, rowsIn: 0, published: 0, quarantined: 0, byReason: {} },
    quarantined: [],
  };
}

function quarantine(st: SourceState, row: number, issue: Issue): void {
  st.quarantined.push({ source: st.config.name, file: st.config.path, row, column: issue.column, reason: issue.reason, excerpt: issue.excerpt });
  st.report.quarantined += 1;
  st.report.byReason[issue.reason] = (st.report.byReason[issue.reason] ?? 0) + 1;
}

async function open(st: SourceState, dataDir: string, ctx: { departments: Map<string, string>; guidesByCode: Map<string, ServiceGuide> }, chunkSize: number | undefined) {
  const s = st.config;
  const path = join(dataDir, s.path);
  if (!existsSync(path)) {
    throw new Error(`${path}: raw export of source "${s.name}" not found (hint: run \`npm run sample\` for the sample city, or fix "path" in data/sources/${s.name}.yaml)`);
  }
  assertTimeZone(s.timezone);
  const csv = await openCsv(path, { encoding: s.encoding, delimiter: s.delimiter, ...(chunkSize ? { chunkSize } : {}) });
  const mapper = new SourceMapper({ source: s, file: s.path, header: csv.header, ...ctx });
  return { csv, mapper };
}

/** Reads, maps and checks all sources under `opts.dataDir`. */
export async function ingestAll(opts: IngestOptions): Promise<IngestResult> {
  const log = opts.log ?? (() => {});
  const configs = loadSources(join(opts.dataDir, 'sources'));
  const cutoff = endOfLocalDay(opts.asOf, opts.timezone);
  const ctx = { departments: departmentLookup(opts.departments), guidesByCode: guideLookup(opts.guides) };
  const warnings: string[] = [];
  const states: SourceState[] = [];
  const published = new Map<string, Map<string, Published>>();
  const quarantinedIds = new Map<string, Set<string>>();

  for (const config of configs.filter((c) => c.kind === 'requests')) {
    const st = newState(config);
    states.push(st);
    const { csv, mapper } = await open(st, opts.dataDir, ctx, opts.chunkSize);
    warnings.push(...mapper.warnings);
    const width = csv.header.length;
    const idIndex = mapper.index.get('id') ?? -1;
    const dups = new DuplicateTracker();
    const kept = new Map<string, Published>();
    const lost = new Set<string>();
    let censored = 0;
    for await (const batch of csv.batches) {
      for (const { row, fields } of batch) {
        st.report.rowsIn += 1;
        if (fields.length !== width) {
          quarantine(st, row, { column: '', reason: 'malformed-row', excerpt: mapper.malformedExcerpt(fields) });
          continue;
        }
        const id = (fields[idIndex] ?? '').trim();
        const dup = dups.see(id, fields);
        if (dup) {
          quarantine(st, row, { column: mapper.column('id'), reason: dup, excerpt: mapper.excerpt(fields) });
          continue;
        }
        const mapped = mapper.request(fields);
        const issue = mapped.ok ? checkRequest(mapped.value.request, fields, mapper, cutoff) : mapped;
        if (issue || !mapped.ok) {
          if (id) lost.add(id);
          quarantine(st, row, issue ?? { column: '', reason: 'malformed-row', excerpt: '' });
          continue;
        }
        if (censorAtCutoff(mapped.value.request, cutoff)) censored += 1;
        kept.set(id, mapped.value);
        st.report.published += 1;
      }
    }
    if (censored) warnings.push(`${config.path}: ${censored} case(s) accepted or closed after the as-of date ${opts.asOf}; counted as not yet accepted/closed`);
    published.set(config.name, kept);
    quarantinedIds.set(config.name, lost);
    log(`ingest: ${config.name}: ${st.report.rowsIn} rows, ${st.report.published} published, ${st.report.quarantined} quarantined`);
  }

  for (const config of configs.filter((c) => c.kind === 'ratings')) {
    const st = newState(config);
    states.push(st);
    const { csv, mapper } = await open(st, opts.dataDir, ctx, opts.chunkSize);
    warnings.push(...mapper.warnings);
    const width = csv.header.length;
    const idIndex = mapper.index.get('id');
    const dups = new DuplicateTracker();
    /** Target request → best rating so far and its row. */
    const best = new Map<Published, { rating: RatingRow; row: number; fields: string[] }>();
    for await (const batch of csv.batches) {
      for (const { row, fields } of batch) {
        st.report.rowsIn += 1;
        if (fields.length !== width) {
          quarantine(st, row, { column: '', reason: 'malformed-row', excerpt: mapper.malformedExcerpt(fields) });
          continue;
        }
        const key = idIndex === undefined ? fields.join('\u0000') : (fields[idIndex] ?? '').trim();
        const dup = dups.see(key, fields);
        if (dup) {
          quarantine(st, row, { column: mapper.column('id'), reason: dup, excerpt: mapper.excerpt(fields) });
          continue;
        }
        const mapped = mapper.rating(fields);
        if (!mapped.ok) {
          quarantine(st, row, mapped);
          continue;
        }
        const r = mapped.value;
        const future = checkRatedAt(r.ratedAt, fields, mapper, cutoff);
        if (future) {
          quarantine(st, row, future);
          continue;
        }
        const targets = (config.targets ?? []).map((t) => published.get(t)?.get(r.target)).filter((p) => p !== undefined);
        const refIssue = (reason: string): Issue => ({ column: mapper.column('target'), reason, excerpt: mapper.excerpt(fields, 'rating', 'ratedAt') });
        const target = targets[0];
        if (!target) {
          const wasQuarantined = (config.targets ?? []).some((t) => quarantinedIds.get(t)?.has(r.target));
          quarantine(st, row, refIssue(wasQuarantined ? 'reference-quarantined' : 'unknown-reference'));
          continue;
        }
        if (targets.length > 1) {
          quarantine(st, row, refIssue('ambiguous-reference'));
          continue;
        }
        const prior = best.get(target);
        if (!prior) {
          best.set(target, { rating: r, row, fields });
          continue;
        }
        // Keep the latest rating (a later row wins a tie); the other is superseded.
        const loser = r.ratedAt >= prior.rating.ratedAt ? prior : { rating: r, row, fields };
        if (loser === prior) best.set(target, { rating: r, row, fields });
        quarantine(st, loser.row, { column: mapper.column('ratedAt'), reason: 'superseded-rating', excerpt: mapper.excerpt(loser.fields, 'rating', 'ratedAt') });
      }
    }
    for (const [target, { rating }] of best) {
      target.request.rating = rating.rating;
      target.request.ratingComment = rating.comment;
      st.report.published += 1;
    }
    log(`ingest: ${config.name}: ${st.report.rowsIn} rows, ${st.report.published} attached, ${st.report.quarantined} quarantined`);
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
    quarantined.push(...st.quarantined.sort((a, b) => a.row - b.row));
  }
  for (const w of warnings) log(`warning: ${w}`);
  return { requests, identifiers, quarantined, sources, warnings };
}
