import type { CanonicalRequest } from '../ingest/canonical.ts';
import { Dictionary } from '../lib/dictionary.ts';

/**
 * One request's cell keys, as strings and as small codes, one per distinct value in a measure
 * pass (no service = -1): the store's own codes, or codes given as values are first seen. Accumulators that count every request remember their
 * own index per code, so a key string is looked up once per distinct value, not once per
 * request and accumulator. The measure pass refills one RowKey per request; none keeps it.
 */
export interface RowKey {
  department: string;
  service: string | null;
  /** Local 'YYYY-MM' and 'YYYY-MM-DD' of submission. */
  month: string;
  date: string;
  departmentCode: number;
  serviceCode: number;
  monthCode: number;
  dateCode: number;
}

/** A RowKey with the public's keys too: channel, client type and need type (measureAll sets them only when it makes the public's measures). */
export interface PublicRowKey extends RowKey {
  channel: string;
  clientType: string;
  needType: string;
  channelCode: number;
  clientTypeCode: number;
  needTypeCode: number;
}

/**
 * `cache[code]`, computed as `lookup(key)` the first time a code is seen: how an accumulator
 * turns a RowKey code into its own index or cell. `lookup` is bound once per accumulator (a
 * closure per row would cost more than the look-up saves); it must not return undefined.
 */
export function viaCode<K, V>(cache: (V | undefined)[], code: number, key: K, lookup: (key: K) => V): V {
  let v = cache[code];
  if (v === undefined) {
    v = lookup(key);
    cache[code] = v;
  }
  return v;
}

/** viaCode of the row's service, or `none` when it has none (serviceCode -1). */
export function viaServiceCode<V>(cache: (V | undefined)[], k: RowKey, lookup: (service: string) => V, none: V): V {
  return k.serviceCode < 0 || k.service === null ? none : viaCode(cache, k.serviceCode, k.service, lookup);
}

/**
 * One request with the codes of its text fields, as the measure pass reads it: codes are small
 * integers, one per distinct value within a pass (serviceCode -1: no service). The object may
 * be refilled for the next row (the store's StoreCursor is): keep nothing of it.
 */
export interface CodedRow {
  readonly request: CanonicalRequest;
  readonly sourceCode: number;
  readonly departmentCode: number;
  readonly serviceCode: number;
  readonly categoryCode: number;
  readonly districtCode: number;
  readonly needTypeCode: number;
  readonly clientTypeCode: number;
  readonly channelCode: number;
  readonly statusCode: number;
}

/** Codes each request's fields as it comes (first seen = 0): the CodedRow of requests that have no codes of their own. */
export class RowCoder {
  private row: { -readonly [K in keyof CodedRow]: CodedRow[K] } | undefined;
  private readonly sources = new Dictionary<string>();
  private readonly departments = new Dictionary<string>();
  private readonly services = new Dictionary<string>();
  private readonly categories = new Dictionary<string>();
  private readonly districts = new Dictionary<string | null>();
  private readonly needTypes = new Dictionary<string>();
  private readonly clientTypes = new Dictionary<string>();
  private readonly channels = new Dictionary<string>();
  private readonly statuses = new Dictionary<string>();

  /** `r` with its codes, in one object refilled by every call. */
  code(r: CanonicalRequest): CodedRow {
    const row = (this.row ??= { request: r, sourceCode: 0, departmentCode: 0, serviceCode: -1, categoryCode: 0, districtCode: 0, needTypeCode: 0, clientTypeCode: 0, channelCode: 0, statusCode: 0 });
    row.request = r;
    row.sourceCode = this.sources.code(r.source);
    row.departmentCode = this.departments.code(r.department);
    row.serviceCode = r.service === null ? -1 : this.services.code(r.service);
    row.categoryCode = this.categories.code(r.category);
    row.districtCode = this.districts.code(r.district);
    row.needTypeCode = this.needTypes.code(r.needType);
    row.clientTypeCode = this.clientTypes.code(r.clientType);
    row.channelCode = this.channels.code(r.channel);
    row.statusCode = this.statuses.code(r.status);
    return row;
  }
}
