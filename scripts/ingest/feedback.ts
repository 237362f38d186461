/**
 * Feedback sources (`kind: feedback`): one row per bad review (好差评 levels 1–2) with its
 * rectification path — received → verified → rectified or explained → called back, each
 * dated. Rows refer to a case of a request source; every row is published (as a joinable
 * record, no free text) or quarantined with a reason, like any source.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Quarantined } from './canonical.ts';
import type { SourceConfig } from './config.ts';
import { openCsv } from './csv.ts';
import { CodeColumn, instantColumn } from './columns.ts';
import { compileDateParsers, type DateParser } from './dates.ts';
import { FirstRows, Repeats } from './repeats.ts';

/** One bad review's handling path. Instants are epoch ms; null when the step has not happened. */
export interface FeedbackRecord {
  /** Feedback source name. */
  source: string;
  /** Request source and source-local id of the case the bad review was about. */
  targetSource: string;
  target: string;
  receivedAt: number;
  verifiedAt: number | null;
  /** How it was closed: rectified (整改), explained (解释说明), or null while in progress. */
  outcome: 'rectified' | 'explained' | null;
  outcomeAt: number | null;
  calledBackAt: number | null;
}

/** Row accounting of one feedback source (rowsIn = published + quarantined). */
export interface FeedbackReport {
  source: string;
  file: string;
  kind: 'feedback';
  rowsIn: number;
  published: number;
  quarantined: number;
  byReason: Record<string, number>;
}

export interface FeedbackLookup {
  /** The request source holding `id` and its row in the store, or null; "ambiguous" when several do. */
  find(sources: readonly string[], id: string): { source: string; row: number } | null | 'ambiguous';
  /** True when `id` was quarantined in one of `sources`. */
  wasQuarantined(sources: readonly string[], id: string): boolean;
}

const DATE_FIELDS = ['receivedAt', 'verifiedAt', 'outcomeAt', 'calledBackAt'] as const;

const OUTCOMES = [null, 'rectified', 'explained'] as const;

/**
 * The feedback records of all feedback sources, in the order read, kept as numbers in chunked
 * columns (columns.ts: nothing is copied as they grow): the target as its row in the request
 * store (its id is read back from there, exactly the id that was found), instants as whole
 * seconds since 2000 where they are (null allowed), names and outcomes as small codes. About 23
 * bytes a record instead of ~200 for an object with its own id string (a 10M-request city has
 * ~650k records). Iterating gives a fresh FeedbackRecord per record.
 */
export class FeedbackTable implements Iterable<FeedbackRecord> {
  readonly #idOf: (row: number) => string;
  readonly #names: string[] = [];
  #n = 0;
  readonly #source = new CodeColumn(1);
  readonly #targetSource = new CodeColumn(1);
  readonly #row = new CodeColumn(4);
  readonly #outcome = new CodeColumn(1);
  readonly #receivedAt = instantColumn();
  readonly #verifiedAt = instantColumn();
  readonly #outcomeAt = instantColumn();
  readonly #calledBackAt = instantColumn();

  /** The table the target rows are rows of (ingest: its RequestStore), when given. */
  readonly rows: object | undefined;

  /** `idOf(row)`: the id of the store's row (RequestStore.idOf); `rows`: that store. */
  constructor(idOf: (row: number) => string, rows?: object) {
    this.#idOf = idOf;
    this.rows = rows;
  }

  get length(): number {
    return this.#n;
  }

  #code(name: string): number {
    const i = this.#names.indexOf(name);
    return i >= 0 ? i : this.#names.push(name) - 1;
  }

  /** Appends a record whose target is the store's row `row` (of source `targetSource`). */
  push(r: Omit<FeedbackRecord, 'target'>, row: number): void {
    const i = this.#n++;
    this.#source.set(i, this.#code(r.source));
    this.#targetSource.set(i, this.#code(r.targetSource));
    this.#row.set(i, row);
    this.#outcome.set(i, OUTCOMES.indexOf(r.outcome));
    this.#receivedAt.set(i, r.receivedAt);
    this.#verifiedAt.set(i, r.verifiedAt);
    this.#outcomeAt.set(i, r.outcomeAt);
    this.#calledBackAt.set(i, r.calledBackAt);
  }

  /** The store row record `i` targets. */
  targetRow(i: number): number {
    return i >= 0 && i < this.#n ? this.#row.get(i) : -1;
  }

  /** When record `i` was received (epoch ms). */
  receivedAt(i: number): number {
    return this.#receivedAt.get(i) ?? 0;
  }

  /** Record `i` as a fresh FeedbackRecord. */
  record(i: number): FeedbackRecord {
    return {
      source: this.#names[this.#source.get(i)] ?? '',
      targetSource: this.#names[this.#targetSource.get(i)] ?? '',
      target: this.#idOf(this.#row.get(i)),
      receivedAt: this.#receivedAt.get(i) ?? 0,
      verifiedAt: this.#verifiedAt.get(i),
      outcome: OUTCOMES[this.#outcome.get(i)] ?? null,
      outcomeAt: this.#outcomeAt.get(i),
      calledBackAt: this.#calledBackAt.get(i),
    };
  }

  *[Symbol.iterator](): Iterator<FeedbackRecord> {
    for (let i = 0; i < this.#n; i++) yield this.record(i);
  }
}

/** Reads one feedback source; pure apart from reading its file. */
export async function readFeedback(
  config: SourceConfig,
  dataDir: string,
  lookup: FeedbackLookup,
  cutoff: number,
  records: FeedbackTable,
): Promise<{ report: FeedbackReport; quarantined: Quarantined[] }> {
  const path = join(dataDir, config.path);
  if (!existsSync(path)) throw new Error(`${path}: raw export of source "${config.name}" not found (hint: run \`npm run sample\`, or fix "path" in data/sources/${config.name}.yaml)`);
  const csvOptions = { encoding: config.encoding, delimiter: config.delimiter };
  const csv = await openCsv(path, csvOptions);
  const position = new Map(csv.header.map((h, i) => [h, i]));
  const index = new Map<string, number>();
  const columnOf = new Map<string, string>();
  const parsers = new Map<string, DateParser>();
  for (const [column, f] of Object.entries(config.columns)) {
    const i = position.get(column);
    if (i === undefined) throw new Error(`${config.path}: column "${column}" named in data/sources/${config.name}.yaml is not in the header (hint: the header is ${csv.header.join(', ')})`);
    for (const name of Array.isArray(f) ? f : [f]) {
      index.set(name, i);
      columnOf.set(name, column);
      if ((DATE_FIELDS as readonly string[]).includes(name)) {
        const fmt = config.dateFormats[column] ?? config.dateFormats['default'] ?? [];
        parsers.set(name, compileDateParsers(Array.isArray(fmt) ? fmt : [fmt], config.timezone));
      }
    }
  }
  const report: FeedbackReport = { source: config.name, file: config.path, kind: 'feedback', rowsIn: 0, published: 0, quarantined: 0, byReason: {} };
  const quarantined: Quarantined[] = [];
  const targets = config.targets ?? [];
  const firstRows = new FirstRows();
  const repeats = new Repeats();
  const outcomes = config.values.outcome ?? {};
  const width = csv.header.length;
  /** The fields shown in excerpts, in order. */
  const shown = ['id', 'target', ...DATE_FIELDS, 'outcome'].filter((n) => index.has(n));
  const count = (reason: string): void => {
    report.byReason[reason] = (report.byReason[reason] ?? 0) + 1;
  };
  for await (const batch of csv.batches) {
    repeats.batch(batch, report.rowsIn);
    for (const { row, fields } of batch) {
      const ordinal = report.rowsIn++;
      const cell = (name: string): string => (fields[index.get(name) ?? -1] ?? '').trim();
      /** Quarantines the row; `counted: false` leaves the reason to be counted when it is decided (a repeat). */
      const fail = (field: string, reason: string, counted = true): Quarantined => {
        // Built only for a quarantined row.
        const excerpt = shown.map((n) => `${columnOf.get(n) ?? n}=${cell(n)}`).join(' ');
        const record: Quarantined = { source: config.name, file: config.path, row, column: columnOf.get(field) ?? '', reason, excerpt };
        quarantined.push(record);
        report.quarantined += 1;
        if (counted) count(reason);
        return record;
      };
      if (fields.length !== width) {
        fail('', 'malformed-row');
        continue;
      }
      // A later row with the id of an earlier one: "duplicate-row" when all fields are the same, else "duplicate-id" (repeats.ts).
      const first = firstRows.see(cell('id'), ordinal);
      if (first >= 0) {
        const reason = repeats.reason(first, fields);
        const record = fail('id', reason ?? 'duplicate-id', reason !== null);
        if (reason === null) repeats.wait(first, record, fields);
        continue;
      }
      const dates: Record<string, number | null> = {};
      let bad: string | null = null;
      for (const name of DATE_FIELDS) {
        const text = cell(name);
        if (text === '') {
          dates[name] = null;
          continue;
        }
        const t = parsers.get(name)?.(text) ?? null;
        if (t === null) bad ??= `${name}:unparsable-date`;
        else if (t > cutoff) bad ??= `${name}:future-date`;
        dates[name] = t;
      }
      const outcomeText = cell('outcome');
      const outcome = outcomeText === '' ? null : (outcomes[outcomeText] ?? undefined);
      const receivedAt = dates['receivedAt'] ?? null;
      if (bad === null && cell('target') === '') bad = 'target:missing-field';
      if (bad === null && receivedAt === null) bad = 'receivedAt:missing-field';
      if (bad === null && outcome === undefined) bad = 'outcome:invalid-value';
      if (bad === null && (dates['outcomeAt'] ?? null) !== null && outcome === null) bad = 'outcome:missing-field';
      if (bad === null && receivedAt !== null && DATE_FIELDS.some((n) => (dates[n] ?? Infinity) < receivedAt)) bad = 'receivedAt:closed-before-opened';
      if (bad !== null) {
        const [field = '', reason = ''] = bad.split(':');
        fail(field, reason);
        continue;
      }
      const found = lookup.find(targets, cell('target'));
      if (found === null || found === 'ambiguous') {
        fail('target', found === 'ambiguous' ? 'ambiguous-reference' : lookup.wasQuarantined(targets, cell('target')) ? 'reference-quarantined' : 'unknown-reference');
        continue;
      }
      records.push(
        {
          source: config.name,
          targetSource: found.source,
          receivedAt: receivedAt ?? 0,
          verifiedAt: dates['verifiedAt'] ?? null,
          outcome: outcome ?? null,
          outcomeAt: dates['outcomeAt'] ?? null,
          calledBackAt: dates['calledBackAt'] ?? null,
        },
        found.row,
      );
      report.published += 1;
    }
  }
  firstRows.dispose();
  if (repeats.pending > 0) {
    // Repeats of rows no longer at hand: read the file again up to the last first row needed.
    let ordinal = 0;
    const again = await openCsv(path, csvOptions);
    for await (const batch of again.batches) {
      for (const { fields } of batch) {
        if (repeats.wanted(ordinal)) repeats.resolve(ordinal, fields, (q) => count(q.reason));
        ordinal += 1;
      }
      if (repeats.pending === 0) break;
    }
    if (repeats.pending > 0) throw new Error(`${config.path}: ${repeats.pending} repeated row(s) could not be compared with the first row of their id (did the export change during the build?)`);
  }
  return { report, quarantined };
}
