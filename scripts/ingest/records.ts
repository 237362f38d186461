/**
 * Records (JSON objects, Open311 requests) as rows of strings under a header, so every
 * format goes through the same mapper and checks as CSV.
 */
import type { CsvRow } from './csv.ts';

/** A cell value as text: null/undefined → "", objects as JSON. */
export function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  return JSON.stringify(v);
}

/** The keys of a GeoReport v2 service request (any of them may be absent from a record). */
export const open311Keys = [
  'service_request_id', 'status', 'status_notes', 'service_name', 'service_code', 'description', 'agency_responsible',
  'service_notice', 'requested_datetime', 'updated_datetime', 'expected_datetime', 'address', 'address_id', 'zipcode',
  'lat', 'long', 'media_url', 'closed_datetime',
];

/** Header = `known` then other keys in first-seen order; rows numbered from 1. A record that is not an object becomes a one-field (malformed) row. */
export function recordsToRows(records: readonly unknown[], known: readonly string[] = []): { header: string[]; rows: CsvRow[] } {
  const header: string[] = [...known];
  const seen = new Set<string>(known);
  for (const r of records) {
    if (typeof r !== 'object' || r === null || Array.isArray(r)) continue;
    for (const k of Object.keys(r)) {
      if (!seen.has(k)) {
        seen.add(k);
        header.push(k);
      }
    }
  }
  const rows = records.map((r, i): CsvRow => {
    if (typeof r !== 'object' || r === null || Array.isArray(r)) return { row: i + 1, fields: [cellText(r)] };
    const o = r as Record<string, unknown>;
    return { row: i + 1, fields: header.map((k) => cellText(o[k])) };
  });
  return { header, rows };
}

/**
 * Open311 GeoReport v2 has no closed time. Glassbox approximates it: a request whose status is
 * "closed" is taken to have closed at its `updated_datetime` (the last change the endpoint
 * reports); an open request has no closed time. Adds the derived `closed_datetime` key.
 */
export function withOpen311ClosedTime(records: readonly unknown[]): unknown[] {
  return records.map((r) => {
    if (typeof r !== 'object' || r === null || Array.isArray(r)) return r;
    const o = r as Record<string, unknown>;
    const closed = String(o['status'] ?? '').trim().toLowerCase() === 'closed';
    return { ...o, closed_datetime: closed ? (o['updated_datetime'] ?? null) : null };
  });
}

/** The array of records in parsed JSON: the value itself, or `value[key]`; throws naming `file`. */
export function recordArray(file: string, value: unknown, key: string | undefined): unknown[] {
  const v = key !== undefined && typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : value;
  if (!Array.isArray(v)) {
    throw new Error(`${file}: expected ${key ? `key "${key}" to hold` : 'the file to be'} a JSON array of records (hint: set "records" to the key of the array)`);
  }
  return v;
}
