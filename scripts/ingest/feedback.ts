/**
 * Feedback sources (`kind: feedback`): one row per bad review (好差评 levels 1–2) with its
 * rectification path — received → verified → rectified or explained → called back, each
 * dated. Rows refer to a case of a request source; every row is published (as a joinable
 * record, no free text) or quarantined with a reason, like any source. Rows are read like any
 * source's (index.ts; mapped by SourceMapper.feedback) and kept here.
 */
import { CodeColumn, instantColumn } from './columns.ts';

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
