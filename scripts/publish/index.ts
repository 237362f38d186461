/**
 * The publish stage: turns measured data into the files of src/lib/published.ts, in memory.
 * Pure: returns file name -> bytes for the public folder and for the private folder; the
 * CLI writes them (see write.ts). The request-level files can instead come already written to
 * disk (request-files.ts): the publication then holds their size and hash (stored-file.ts).
 */
import { GrowingBytes } from './growing-bytes.ts';
import type { Rule, ServiceGuide } from '../../src/lib/content-schema.ts';
import type { ChangeRow, GuideQuality } from '../../src/lib/published.ts';
import { guideRow } from '../guides/index.ts';
import type {
  DepartmentRow,
  Meta,
  QualityReport,
  QuarantineRow,
  ServiceRow,
} from '../../src/lib/published.ts';
import type { ReplyRow } from '../../src/lib/published.ts';
import { files as fileNames } from '../../src/lib/published.ts';
import type { Quarantined } from '../ingest/canonical.ts';
import type { Measured } from '../measure/index.ts';
import { toCsv, type Cell } from './csv.ts';
import { buildDataPackage, packageName } from './datapackage.ts';
import { columnsOf, dictionary, typedColumnsOf } from './dictionary.ts';
import { parquetBytes } from './parquet.ts';
import { gzipDeterministic } from './gzip.ts';
import { byName, sha256, sha256sums } from './hash.ts';
import { excelName, withBom } from './excel.ts';
import { largeTableFiles } from './large.ts';
import { pickColumns, prettyJson, sortedRecord } from './json.ts';
import type { PublishedFile, StoredFile } from './stored-file.ts';

/** The private file of identifier values for the leak scan (scripts/verify). */
export const IDENTIFIER_VALUES = 'identifier-values.json';

/** Version of the methodology (definitions in the data dictionary); bump when a definition changes. */
export const METHODOLOGY_VERSION = '1.0';

/** Files of at least this many bytes also get a .gz twin. */
export const GZIP_FROM = 200_000;

/** Longest published quarantine excerpt, in characters. */
export const EXCERPT_MAX = 300;

/** Key of a quarantined row in PublishInput.rawRows. */

/** The distinct values in code-unit order (no copy or sort when they already are: anonymize hands them over so). Sets hold at most 2^24 values; this has no such limit. */
export function distinctSorted(values: readonly string[]): readonly string[] {
  let ordered = true;
  for (let i = 1; i < values.length && ordered; i++) ordered = byName(values[i - 1] ?? '', values[i] ?? '') < 0;
  if (ordered) return values;
  const sorted = [...values].sort(byName);
  return sorted.filter((v, i) => i === 0 || v !== sorted[i - 1]);
}

/** prettyJson(values) for an array of strings, written a value at a time (millions of values do not fit in one string). */
export function prettyStringArray(values: readonly string[]): Uint8Array {
  if (values.length === 0) return utf8(prettyJson([]));
  const out = new GrowingBytes();
  out.append('[\n');
  values.forEach((v, i) => out.append(`  ${JSON.stringify(v)}${i + 1 < values.length ? ',' : ''}\n`));
  out.append(']\n');
  return out.toBuffer();
}

/** The text of prettyStringArray(values) a line at a time, for values already distinct and in code-unit order, read once. */
export function* prettyStringLines(values: Iterable<string>): Generator<string> {
  let previous: string | null = null;
  for (const v of values) {
    yield previous === null ? '[\n' : `  ${previous},\n`;
    previous = JSON.stringify(v);
  }
  yield previous === null ? prettyJson([]) : `  ${previous}\n]\n`;
}

/** prettyStringArray of values already distinct and in code-unit order (StringSet.sorted()), read once. */
export function prettyStrings(values: Iterable<string>): Uint8Array {
  const out = new GrowingBytes();
  for (const line of prettyStringLines(values)) out.append(line);
  return out.toBuffer();
}

/** Identifier values already distinct and in code-unit order, read once (StringSet.sorted()). */
export interface InOrder {
  readonly inOrder: Iterable<string>;
}

export function rawRowKey(source: string, row: number): string {
  return `${source}\u0000${row}`;
}

/** Per-source row accounting, as ingest reports it. */
export interface SourceAccount {
  source: string;
  file: string;
  rowsIn: number;
  published: number;
  quarantined: number;
  byReason: Record<string, number>;
}

export interface PublishInput {
  site: {
    name: { zh: string; en: string };
    publisher: { zh: string; en: string };
    contact: string;
    asOf: string;
    licence: { id: string; title: string; url: string };
    thresholds: { minCell: number; k: number };
  };
  departments: readonly { id: string; name: { zh: string; en: string } }[];
  guides: readonly ServiceGuide[];
  measured: Measured;
  sources: readonly SourceAccount[];
  reasonText: Readonly<Record<string, { zh: string; en: string }>>;
  /** Ingest warnings and entities created from the data, shown on the quality page (optional). */
  ingestWarnings?: readonly string[];
  created?: QualityReport['created'];
  /** Quarantined rows with scrubbed excerpts (from anonymize). */
  quarantined: readonly Quarantined[];
  /** Quarantined rows as ingest saw them (raw), for the data steward only. */
  quarantinedRaw: readonly Quarantined[];
  /** Identifier values for the leak scan (private): any order and repeats, or distinct and in order. */
  identifierValues: readonly string[] | InOrder;
  /** Full raw rows of quarantined rows, keyed by rawRowKey(source, row) (private; optional). */
  rawRows?: ReadonlyMap<string, string>;
  /** The guide stage's rules, changes since the previous release and per-guide problems (scripts/guides). */
  content?: { rules: readonly Rule[]; changes: readonly ChangeRow[]; quality: GuideQuality };
  /** Department replies from data/replies (published beside the scorecards). */
  replies?: readonly ReplyRow[];
  /** The release before this one and whether it recorded its suppression (protected against when it did); null for a first release. */
  earlierRelease?: { release: string; recorded: boolean } | null;
}

export interface Publication<F extends PublishedFile = Uint8Array> {
  /** Public files: name -> bytes (or, for files written while they were made, where they are). */
  public: Map<string, F>;
  /** Private files (never under public/ or dist/): name -> bytes (or where they are). */
  private: Map<string, F>;
  quality: QualityReport;
}

const utf8 = (text: string): Uint8Array => Buffer.from(text, 'utf8');

function truncate(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : chars.slice(0, max).join('');
}

function quarantineRows(rows: readonly Quarantined[], max: number | null): QuarantineRow[] {
  return rows
    .map((q) => ({
      source: q.source,
      file: q.file,
      row: q.row,
      column: q.column,
      reason: q.reason,
      excerpt: max === null ? q.excerpt : truncate(q.excerpt, max),
    }))
    .sort(
      (a, b) =>
        byName(a.source, b.source) || byName(a.file, b.file) || a.row - b.row || byName(a.column, b.column) || byName(a.reason, b.reason),
    );
}

/** The quality report: rows in = published + quarantined per source, and totals. */
export function buildQuality(input: Pick<PublishInput, 'sources' | 'reasonText' | 'measured' | 'ingestWarnings' | 'created' | 'earlierRelease'>): QualityReport {
  const sources = [...input.sources]
    .sort((a, b) => byName(a.source, b.source) || byName(a.file, b.file))
    .map((s) => ({
      source: s.source,
      file: s.file,
      rows_in: s.rowsIn,
      published: s.published,
      quarantined: s.quarantined,
      by_reason: sortedRecord(s.byReason),
    }));
  const totals = sources.reduce(
    (t, s) => ({ rows_in: t.rows_in + s.rows_in, published: t.published + s.published, quarantined: t.quarantined + s.quarantined }),
    { rows_in: 0, published: 0, quarantined: 0 },
  );
  return {
    ...(input.ingestWarnings?.length ? { warnings: [...input.ingestWarnings] } : {}),
    ...(input.created && (input.created.departments.length || input.created.services.length) ? { created: input.created } : {}),
    sources,
    totals,
    withheld_for_k: input.measured.withheld,
    suppressed_cells: input.measured.aggregates.suppressedCells,
    privacy: {
      primary_cells: input.measured.privacy.primaryCells,
      complementary_cells: input.measured.privacy.complementaryCells,
      records_by_step: input.measured.privacy.records.byRung,
      withheld_in_suppressed_cells: input.measured.privacy.records.withheldInSuppressedCells,
      ...(input.earlierRelease !== undefined
        ? { earlier_release: input.earlierRelease === null ? null : { release: input.earlierRelease.release, protected: input.earlierRelease.recorded } }
        : {}),
    },
    reasons: sortedRecord(input.reasonText),
  };
}

/** Files written to disk before buildPublication, by name in each folder; taken as they are instead of being built. */
export interface WrittenFiles {
  /** The large table's files (request-files.ts writeRequestFiles); CSV, its gzip, JSON lines and Parquet are required. */
  public: ReadonlyMap<string, StoredFile>;
  /** identifier-values.json (prettyStringLines through text-file.ts), when written. */
  private?: ReadonlyMap<string, StoredFile>;
}

/** Builds every public and private file. Pure and deterministic (`written`: see WrittenFiles). */
export function buildPublication(input: PublishInput): Publication;
export function buildPublication(input: PublishInput, written: WrittenFiles): Publication<PublishedFile>;
export function buildPublication(input: PublishInput, written?: WrittenFiles): Publication<PublishedFile> {
  const large = written?.public;
  const out = new Map<string, PublishedFile>();
  // Each table: CSV, its Excel twin (UTF-8 BOM), pretty JSON and Parquet.
  const table = (dataset: string, rows: readonly object[]): Uint8Array => {
    const columns = columnsOf(dataset);
    const picked = pickColumns(columns, rows);
    const csv = utf8(toCsv(columns, picked as Record<string, Cell>[]));
    out.set(`${dataset}.csv`, csv);
    out.set(excelName(`${dataset}.csv`), withBom(csv));
    out.set(`${dataset}.json`, utf8(prettyJson(picked)));
    out.set(`${dataset}.parquet`, parquetBytes(dataset, typedColumnsOf(dataset), picked));
    return csv;
  };
  // A large table (one row per record): CSV + csv.gz + jsonl.gz + Parquet, written a line at a time from one pass over the rows.
  const largeTable = (dataset: string, rows: Iterable<object>): void => {
    if (large) {
      for (const name of [`${dataset}.csv`, `${dataset}.csv.gz`, `${dataset}.jsonl.gz`, `${dataset}.parquet`]) {
        const file = large.get(name);
        if (!file) throw new Error(`${name} was not among the files written beforehand (${[...large.keys()].join(', ')})`);
        out.set(name, file);
      }
      return;
    }
    const files = largeTableFiles(columnsOf(dataset), rows, undefined, { name: dataset, columns: typedColumnsOf(dataset) });
    out.set(`${dataset}.csv`, files.csv);
    out.set(`${dataset}.csv.gz`, files.csvGz);
    out.set(`${dataset}.jsonl.gz`, files.jsonlGz);
    if (files.parquet) out.set(`${dataset}.parquet`, files.parquet);
  };

  const guides = [...input.guides].sort((a, b) => byName(a.id, b.id));
  const departments: DepartmentRow[] = [...input.departments]
    .sort((a, b) => byName(a.id, b.id))
    .map((d) => ({ id: d.id, name_zh: d.name.zh, name_en: d.name.en, services: guides.filter((g) => g.department === d.id).length }));
  const services: ServiceRow[] = guides.map((g) => ({
    id: g.id,
    code: g.code,
    department: g.department,
    name_zh: g.name.zh,
    name_en: g.name.en,
    category: g.category,
    promised_days: g.promisedLimit.days,
    promised_unit: g.promisedLimit.unit,
    statutory_days: g.statutoryLimit.days,
    statutory_unit: g.statutoryLimit.unit,
  }));
  const a = input.measured.aggregates;
  table(fileNames.departments, departments);
  table(fileNames.services, services);
  table(fileNames.departmentMonth, a.departmentMonth);
  table(fileNames.serviceMonth, a.serviceMonth);
  table(fileNames.cityMonth, a.cityMonth);
  table(fileNames.departmentSummary, a.departmentSummary);
  table(fileNames.serviceSummary, a.serviceSummary);
  largeTable(fileNames.requests, input.measured.records);
  table(fileNames.quarantine, quarantineRows(input.quarantined, EXCERPT_MAX));
  table(fileNames.kpis, input.measured.public?.kpis ?? []);
  table(fileNames.clientNeed, input.measured.public?.clientNeed ?? []);
  table(fileNames.scores, input.measured.public?.scores ?? []);
  table(fileNames.replies, input.replies ?? []);
  const issuesOf = (id: string) => input.content?.quality.issues.filter((i) => i.guide === id).length ?? 0;
  table(fileNames.guides, guides.map((g) => guideRow(g, issuesOf(g.id))));
  table(fileNames.changes, input.content?.changes ?? []);
  table(fileNames.dailyVolume, input.measured.distributions?.dailyVolume ?? []);
  table(fileNames.closeHistogram, input.measured.distributions?.closeHistogram ?? []);
  const jsonl = (rows: readonly object[]) => utf8(rows.map((r) => JSON.stringify(r) + '\n').join(''));
  out.set(fileNames.guideDocuments, jsonl(guides));
  out.set(fileNames.ruleDocuments, jsonl([...(input.content?.rules ?? [])].sort((a, b) => byName(a.id, b.id))));

  const quality = buildQuality(input);
  if (input.content) quality.guides = input.content.quality;
  out.set(fileNames.quality, utf8(prettyJson(quality)));
  const qualityCsv = utf8(
    toCsv(
      columnsOf('quality'),
      quality.sources.map((s) => ({
        ...s,
        by_reason: Object.entries(s.by_reason)
          .map(([k, v]) => `${k}:${v}`)
          .join(';'),
      })),
    ),
  );
  out.set('quality.csv', qualityCsv);
  out.set(excelName('quality.csv'), withBom(qualityCsv));
  out.set(fileNames.dictionary, utf8(prettyJson(dictionary)));
  // Large files also gzip-compressed (gzip -d gives the same bytes; checksums cover both). Not Parquet: it is read by column, not streamed.
  for (const [name, bytes] of [...out]) {
    if (bytes.byteLength >= GZIP_FROM && !name.endsWith('.gz') && !name.endsWith('.parquet') && !name.includes('.excel.') && !out.has(`${name}.gz`)) {
      if (!(bytes instanceof Uint8Array)) throw new Error(`${name} was written beforehand without its .gz twin`);
      out.set(`${name}.gz`, gzipDeterministic(bytes));
    }
  }

  const site = input.site;
  out.set(
    fileNames.datapackage,
    utf8(
      prettyJson(
        buildDataPackage(
          {
            name: packageName(site.name.en),
            title: `${site.name.en} / ${site.name.zh}`,
            description: `Open data behind ${site.name.en}, as of ${site.asOf}. / ${site.name.zh}公开数据，截至 ${site.asOf}。`,
            licence: site.licence,
            publisher: `${site.publisher.en} / ${site.publisher.zh}`,
            contact: site.contact,
            version: site.asOf,
          },
          dictionary,
          out,
        ),
      ),
    ),
  );

  const p = input.measured.periods;
  const meta: Meta = {
    asOf: site.asOf,
    firstMonth: p.months[0] ?? '',
    lastMonth: p.months[p.months.length - 1] ?? '',
    months: p.months,
    period: p.period,
    previousPeriod: p.previousPeriod,
    minCell: site.thresholds.minCell,
    k: site.thresholds.k,
    release: site.asOf,
    methodologyVersion: METHODOLOGY_VERSION,
    downloads: [...out.keys()].sort(byName).map((file) => {
      const bytes = out.get(file) ?? new Uint8Array();
      return { file, bytes: bytes.byteLength, sha256: sha256(bytes) };
    }),
  };
  out.set(fileNames.meta, utf8(prettyJson(meta)));
  out.set(fileNames.checksums, utf8(sha256sums(out)));

  const priv = new Map<string, PublishedFile>();
  const rawRows = input.rawRows ?? new Map<string, string>();
  const full = quarantineRows(input.quarantinedRaw, null).map((q) => ({ ...q, raw_row: rawRows.get(rawRowKey(q.source, q.row)) ?? '' }));
  priv.set('quarantine-full.csv', utf8(toCsv([...columnsOf('quarantine'), 'raw_row'], full)));
  const ids = input.identifierValues;
  const idsWritten = written?.private?.get(IDENTIFIER_VALUES);
  priv.set(IDENTIFIER_VALUES, idsWritten ?? ('inOrder' in ids ? prettyStrings(ids.inOrder) : prettyStringArray(distinctSorted(ids))));
  return { public: out, private: priv, quality };
}
