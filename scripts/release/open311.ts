/**
 * Open311 GeoReport v2 compatible export: services.json and requests (anonymized records). Status is
 * open/closed as the spec allows, with the published status in status_notes; requested_datetime is
 * the submission day when the record keeps its day, else null (the record's period says why).
 */
import type { RequestRecord, ServiceRow } from '../../src/lib/published.ts';
import { GrowingBytes } from '../publish/growing-bytes.ts';

/** GeoReport v2 service list entries. */
export function open311Services(services: readonly ServiceRow[]): object[] {
  return services.map((s) => ({
    service_code: s.id,
    service_name: s.name_en || s.name_zh,
    description: s.name_zh,
    metadata: false,
    type: 'batch',
    keywords: s.category,
    group: s.department,
  }));
}

/** GeoReport v2 service requests from anonymized records. */
export function open311Requests(records: readonly RequestRecord[], serviceName: ReadonlyMap<string, string>): object[] {
  return records.map((r) => open311Request(r, serviceName));
}

/** Service id -> the name the export gives its requests (services.json's rows, in their order). */
export function open311ServiceNames(services: readonly Pick<ServiceRow, 'id' | 'name_en' | 'name_zh'>[]): Map<string, string> {
  return new Map(services.map((s) => [s.id, s.name_en || s.name_zh]));
}

/** Path of the Open311 requests export in the data folder. */
export const OPEN311_REQUESTS = 'open311/v2/requests.json.gz';

/** Text before the first and after the last record of open311RequestsJson. */
export const OPEN311_HEAD = '[';
export const OPEN311_TAIL = ']\n';

/** Distinct text values whose JSON a formatter remembers. */
const MEMO_MAX = 1 << 16;

/** Keys of an Open311 request, in open311Request's order, each with what precedes it in the JSON. */
const KEYS = ['service_request_id', 'status', 'status_notes', 'service_name', 'service_code', 'agency_responsible', 'requested_datetime', 'period', 'address', 'lat', 'long'] as const;

/**
 * A formatter of each record's text in open311RequestsJson, in order (the comma before all but the
 * first included): JSON.stringify(open311Request(r, serviceName)) without building the object when
 * every value is text or null (JSON of each distinct text remembered), else JSON.stringify itself.
 */
export function open311Liner(serviceName: ReadonlyMap<string, string>): (r: RequestRecord) => string {
  const memo = new Map<string, string>();
  const quote = (v: string): string => {
    let q = memo.get(v);
    if (q === undefined) {
      q = JSON.stringify(v);
      if (memo.size < MEMO_MAX) memo.set(v, q);
    }
    return q;
  };
  const prefixes = KEYS.map((k, j) => (j === 0 ? '{' : ',') + JSON.stringify(k) + ':');
  let first = true;
  return (r) => {
    const values = open311Values(r, serviceName);
    const comma = first ? '' : ',';
    first = false;
    let text = comma;
    for (let j = 0; j < values.length; j++) {
      const v = values[j];
      if (typeof v === 'string') text += (prefixes[j] as string) + (j === 0 ? JSON.stringify(v) : quote(v));
      else if (v === null) text += (prefixes[j] as string) + 'null';
      // Anything else (a value of another type from a malformed record) as JSON.stringify writes the object.
      else return comma + JSON.stringify(open311Request(r, serviceName));
    }
    return text + '}';
  };
}

/**
 * The compact JSON array of open311Requests(records) plus a newline, the same bytes as
 * compactJson(open311Requests(...)), written a record at a time (millions of records do not fit
 * in one string). Publishing streams the same text to disk (scripts/publish/request-files.ts).
 */
export function open311RequestsJson(records: Iterable<RequestRecord>, serviceName: ReadonlyMap<string, string>): Buffer {
  const out = new GrowingBytes();
  const line = open311Liner(serviceName);
  out.append(OPEN311_HEAD);
  for (const r of records) out.append(line(r));
  out.append(OPEN311_TAIL);
  return out.toBuffer();
}

/** The values of open311Request(r, serviceName), in KEYS order. */
function open311Values(r: RequestRecord, serviceName: ReadonlyMap<string, string>): unknown[] {
  return [
    String(r.record),
    r.status === 'open' ? 'open' : 'closed',
    r.status,
    serviceName.get(r.service) ?? r.category,
    r.service || null,
    r.department,
    /^\d{4}-\d{2}-\d{2}$/.test(r.period) ? r.period : null,
    r.period,
    r.district || null,
    null,
    null,
  ];
}

function open311Request(r: RequestRecord, serviceName: ReadonlyMap<string, string>): object {
  const values = open311Values(r, serviceName);
  return Object.fromEntries(KEYS.map((k, j) => [k, values[j]]));
}
