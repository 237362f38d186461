/**
 * Request-level records, k-anonymous on the configured quasi-identifiers (default: district,
 * submission date, client type, service, channel; department, source and month are always part
 * of the key). Rows climb the ladder of scripts/anonymize/kanon.ts (date → week → month,
 * district → city, service → category) until at least k share their published values; the rest
 * are withheld (they still count in every aggregate). Rows inside a suppressed aggregate cell
 * are withheld first, so records can never be recounted into a suppressed cell.
 * Records are sorted on their published columns only, then numbered.
 */
import type { RequestRecord } from '../../src/lib/published.ts';
import { LADDER, QUASI_IDENTIFIERS, assignRungs, generalizeDate, type Levels, type QuasiIdentifier } from '../anonymize/kanon.ts';
import type { ClientType } from '../ingest/canonical.ts';
import type { Derived } from './derive.ts';

/** Published client type: government and leadership cases are generalized to "unknown". */
export function publishedClientType(t: ClientType): RequestRecord['client_type'] {
  return t === 'citizen' || t === 'enterprise' ? t : 'unknown';
}

type Unnumbered = Omit<RequestRecord, 'record'>;

export interface RecordOptions {
  k: number;
  /** Quasi-identifiers (default: all five). One left out is published as is and not protected. */
  quasiIdentifiers?: readonly QuasiIdentifier[];
  /** The city's name: what a district generalizes to. */
  city?: string;
  /** True for requests inside a suppressed aggregate cell: withheld before anything else. */
  inSuppressedCell?: (d: Derived) => boolean;
}

/** Counts of what k-anonymity did to the records. */
export interface RecordStats {
  /** Records withheld (suppressed): in a suppressed cell or in a group below k at the top of the ladder. */
  withheld: number;
  /** Of them, withheld because their aggregate cell is suppressed. */
  withheldInSuppressedCells: number;
  /** Published records per ladder rung (0 = not generalized). */
  byRung: number[];
}

function toRecord(d: Derived, levels: Levels, qi: ReadonlySet<QuasiIdentifier>, city: string): Unnumbered {
  const r = d.request;
  const dateLevel = qi.has('date') ? levels.date : 'day';
  const byCategory = qi.has('service') && levels.service === 'category';
  return {
    source: r.source,
    department: r.department,
    service: byCategory ? '' : (r.service ?? ''),
    category: r.category,
    district: r.district === null ? '' : qi.has('district') && levels.district === 'city' ? city : r.district,
    period: generalizeDate(d.submittedDate, dateLevel),
    channel: r.channel,
    client_type: publishedClientType(r.clientType),
    month: d.month,
    status: d.closed || r.status === 'open' ? r.status : 'open',
    working_days: d.workingDays,
    on_time: d.onTime,
    rating: r.rating,
  };
}

/** A sort key over the published columns: text as is, numbers zero-padded, null first. */
function sortKey(r: Unnumbered): string {
  const num = (n: number | null): string => (n === null ? '' : String(n + 1_000_000).padStart(8, '0'));
  const bool = (b: boolean | null): string => (b === null ? '' : b ? '1' : '0');
  return [r.month, r.period, r.department, r.service, r.category, r.district, r.channel, r.client_type, r.source, r.status, num(r.working_days), bool(r.on_time), num(r.rating)].join('\u0001');
}

/** The key a row is grouped on at one rung: every published quasi-identifier at that rung. */
function keyAt(levels: Levels, qi: ReadonlySet<QuasiIdentifier>, city: string): (d: Derived) => string {
  return (d) => {
    const r = toRecord(d, levels, qi, city);
    const parts = [r.source, r.department, r.month, r.category];
    if (qi.has('date')) parts.push(r.period);
    if (qi.has('district')) parts.push(r.district);
    if (qi.has('service')) parts.push(r.service);
    if (qi.has('channel')) parts.push(r.channel);
    if (qi.has('clientType')) parts.push(r.client_type);
    return parts.join('\u0000');
  };
}

/** Builds the k-anonymous records; returns them numbered from 1, the number withheld and what was generalized. */
export function buildRecords(derived: readonly Derived[], opts: RecordOptions | number): { records: RequestRecord[]; withheld: number; stats: RecordStats } {
  const o: RecordOptions = typeof opts === 'number' ? { k: opts } : opts;
  const qi = new Set<QuasiIdentifier>(o.quasiIdentifiers ?? QUASI_IDENTIFIERS);
  const city = o.city ?? '';
  const inSuppressed = o.inSuppressedCell ?? ((): boolean => false);
  const eligible = derived.filter((d) => !inSuppressed(d));
  const rungs = assignRungs(eligible, LADDER.map((levels) => keyAt(levels, qi, city)), o.k);
  const byRung = LADDER.map(() => 0);
  const kept: { key: string; r: Unnumbered }[] = [];
  eligible.forEach((d, i) => {
    const rung = rungs[i] ?? -1;
    if (rung < 0) return;
    byRung[rung] = (byRung[rung] ?? 0) + 1;
    const r = toRecord(d, LADDER[rung] as Levels, qi, city);
    kept.push({ key: sortKey(r), r });
  });
  kept.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const withheld = derived.length - kept.length;
  return {
    records: kept.map(({ r }, i) => ({ record: i + 1, ...r })),
    withheld,
    stats: { withheld, withheldInSuppressedCells: derived.length - eligible.length, byRung },
  };
}
