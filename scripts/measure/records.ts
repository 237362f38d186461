/**
 * Request-level records, k-anonymous on (department, service, month, channel, client type):
 * a record whose combination is shared by fewer than k records is withheld (it still counts
 * in every aggregate). Records are sorted on their published columns only, then numbered,
 * so the order reveals nothing the columns do not.
 */
import type { RequestRecord } from '../../src/lib/published.ts';
import type { ClientType } from '../ingest/canonical.ts';
import type { Derived } from './derive.ts';

/** Published client type: government and leadership cases are generalized to "unknown". */
export function publishedClientType(t: ClientType): RequestRecord['client_type'] {
  return t === 'citizen' || t === 'enterprise' ? t : 'unknown';
}

type Unnumbered = Omit<RequestRecord, 'record'>;

function toRecord(d: Derived): Unnumbered {
  const r = d.request;
  return {
    source: r.source,
    department: r.department,
    service: r.service ?? '',
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
  return [r.month, r.department, r.service, r.channel, r.client_type, r.source, r.status, num(r.working_days), bool(r.on_time), num(r.rating)].join('\u0001');
}

/** Builds the k-anonymous records; returns them numbered from 1 and the number withheld. */
export function buildRecords(derived: readonly Derived[], k: number): { records: RequestRecord[]; withheld: number } {
  const rows = derived.map(toRecord);
  const qi = (r: Unnumbered): string => [r.department, r.service, r.month, r.channel, r.client_type].join('\u0000');
  const counts = new Map<string, number>();
  for (const r of rows) {
    const key = qi(r);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const kept = rows
    .filter((r) => (counts.get(qi(r)) ?? 0) >= k)
    .map((r) => ({ key: sortKey(r), r }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return { records: kept.map(({ r }, i) => ({ record: i + 1, ...r })), withheld: rows.length - kept.length };
}
