/**
 * Feedback sources (`kind: feedback`): one row per bad review (好差评 levels 1–2) with its
 * rectification path — received → verified → rectified or explained → called back, each
 * dated. Rows refer to a case of a request source; every row is published (as a joinable
 * record, no free text) or quarantined with a reason, like any source.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Quarantined } from './canonical.ts';
import { DuplicateTracker } from './check.ts';
import type { SourceConfig } from './config.ts';
import { openCsv } from './csv.ts';
import { compileDateParsers, type DateParser } from './dates.ts';

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
  /** The request source holding `id`, or null; "ambiguous" when several do. */
  find(sources: readonly string[], id: string): string | null | 'ambiguous';
  /** True when `id` was quarantined in one of `sources`. */
  wasQuarantined(sources: readonly string[], id: string): boolean;
}

const DATE_FIELDS = ['receivedAt', 'verifiedAt', 'outcomeAt', 'calledBackAt'] as const;

/** Reads one feedback source; pure apart from reading its file. */
export async function readFeedback(
  config: SourceConfig,
  dataDir: string,
  lookup: FeedbackLookup,
  cutoff: number,
): Promise<{ report: FeedbackReport; quarantined: Quarantined[]; records: FeedbackRecord[] }> {
  const path = join(dataDir, config.path);
  if (!existsSync(path)) throw new Error(`${path}: raw export of source "${config.name}" not found (hint: run \`npm run sample\`, or fix "path" in data/sources/${config.name}.yaml)`);
  const csv = await openCsv(path, { encoding: config.encoding, delimiter: config.delimiter });
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
  const records: FeedbackRecord[] = [];
  const targets = config.targets ?? [];
  const dups = new DuplicateTracker();
  const outcomes = config.values.outcome ?? {};
  const width = csv.header.length;
  for await (const batch of csv.batches) {
    for (const { row, fields } of batch) {
      report.rowsIn += 1;
      const cell = (name: string): string => (fields[index.get(name) ?? -1] ?? '').trim();
      const excerpt = ['id', 'target', ...DATE_FIELDS, 'outcome'].filter((n) => index.has(n)).map((n) => `${columnOf.get(n) ?? n}=${cell(n)}`).join(' ');
      const fail = (field: string, reason: string): void => {
        quarantined.push({ source: config.name, file: config.path, row, column: columnOf.get(field) ?? '', reason, excerpt });
        report.quarantined += 1;
        report.byReason[reason] = (report.byReason[reason] ?? 0) + 1;
      };
      if (fields.length !== width) {
        fail('', 'malformed-row');
        continue;
      }
      const dup = dups.see(cell('id'), fields);
      if (dup) {
        fail('id', dup);
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
      records.push({
        source: config.name,
        targetSource: found,
        target: cell('target'),
        receivedAt: receivedAt ?? 0,
        verifiedAt: dates['verifiedAt'] ?? null,
        outcome: outcome ?? null,
        outcomeAt: dates['outcomeAt'] ?? null,
        calledBackAt: dates['calledBackAt'] ?? null,
      });
      report.published += 1;
    }
  }
  return { report, quarantined, records };
}
