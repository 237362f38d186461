/**
 * One request's cell keys, as strings and as small codes the measure pass gives each distinct
 * value (first seen = 0; no service = -1). Accumulators that count every request remember their
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
