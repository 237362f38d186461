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
