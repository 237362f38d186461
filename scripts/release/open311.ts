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

/**
 * The compact JSON array of open311Requests(records) plus a newline, the same bytes as
 * compactJson(open311Requests(...)), written a record at a time (millions of records do not fit
 * in one string).
 */
export function open311RequestsJson(records: Iterable<RequestRecord>, serviceName: ReadonlyMap<string, string>): Buffer {
  const out = new GrowingBytes();
  let first = true;
  out.append('[');
  for (const r of records) {
    out.append((first ? '' : ',') + JSON.stringify(open311Request(r, serviceName)));
    first = false;
  }
  out.append(']\n');
  return out.toBuffer();
}

function open311Request(r: RequestRecord, serviceName: ReadonlyMap<string, string>): object {
  return {
    service_request_id: String(r.record),
    status: r.status === 'open' ? 'open' : 'closed',
    status_notes: r.status,
    service_name: serviceName.get(r.service) ?? r.category,
    service_code: r.service || null,
    agency_responsible: r.department,
    requested_datetime: /^\d{4}-\d{2}-\d{2}$/.test(r.period) ? r.period : null,
    period: r.period,
    address: r.district || null,
    lat: null,
    long: null,
  };
}
