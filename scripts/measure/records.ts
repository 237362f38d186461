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

function cmp(a: string | number | boolean | null, b: string | number | boolean | null): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const sa = String(a);
  const sb = String(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

const sortKeys = ['month', 'department', 'service', 'channel', 'client_type', 'source', 'status', 'working_days', 'on_time', 'rating'] as const;

/** Builds the k-anonymous records; returns them numbered from 1 and the number withheld. */
export function buildRecords(derived: readonly Derived[], k: number): { records: RequestRecord[]; withheld: number } {
  const rows = derived.map(toRecord);
  const qi = (r: Unnumbered): string => [r.department, r.service, r.month, r.channel, r.client_type].join('\u0000');
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(qi(r), (counts.get(qi(r)) ?? 0) + 1);
  const kept = rows.filter((r) => (counts.get(qi(r)) ?? 0) >= k);
  kept.sort((a, b) => {
    for (const key of sortKeys) {
      const c = cmp(a[key], b[key]);
      if (c !== 0) return c;
    }
    return 0;
  });
  return { records: kept.map((r, i) => ({ record: i + 1, ...r })), withheld: rows.length - kept.length };
}
