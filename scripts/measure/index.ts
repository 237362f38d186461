/** The measure stage: derive per-request figures, aggregate with suppression, and build k-anonymous records. */
import type { CanonicalRequest } from '../ingest/canonical.ts';
import type { ServiceGuide, TimeLimit } from '../../src/lib/content-schema.ts';
import type { RequestRecord } from '../../src/lib/published.ts';
import { aggregateAll, type Aggregates } from './aggregate.ts';
import type { Calendar } from './calendar.ts';
import { deriveAll } from './derive.ts';
import { periodsFor, type Periods } from './months.ts';
import { buildRecords } from './records.ts';

export interface MeasureOptions {
  calendar: Calendar;
  timezone: string;
  asOf: string;
  /** Number of months published, ending with the as-of month. */
  months: number;
  minCell: number;
  k: number;
  /** Department ids. */
  departments: readonly string[];
  guides: readonly Pick<ServiceGuide, 'id' | 'department' | 'promisedLimit'>[];
}

export interface Measured {
  periods: Periods;
  aggregates: Aggregates;
  records: RequestRecord[];
  /** Records withheld from requests.csv for k-anonymity. */
  withheld: number;
  /** Requests submitted outside the published months (counted in records only). */
  outsideMonths: number;
}

/** Runs the whole measure stage over anonymized requests. Pure. */
export function measureAll(requests: readonly CanonicalRequest[], opts: MeasureOptions): Measured {
  const periods = periodsFor(opts.asOf, opts.months);
  const promised = new Map<string, TimeLimit>(opts.guides.map((g) => [g.id, g.promisedLimit]));
  const derived = deriveAll(requests, { calendar: opts.calendar, timezone: opts.timezone, asOf: opts.asOf, promised });
  const services = [...opts.guides].map((g) => ({ id: g.id, department: g.department })).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const departments = [...opts.departments].sort();
  const aggregates = aggregateAll(derived, {
    departments,
    services,
    months: periods.months,
    period: periods.period,
    previousPeriod: periods.previousPeriod,
    minCell: opts.minCell,
  });
  const { records, withheld } = buildRecords(derived, opts.k);
  const monthSet = new Set(periods.months);
  const outsideMonths = derived.reduce((n, d) => n + (monthSet.has(d.month) ? 0 : 1), 0);
  return { periods, aggregates, records, withheld, outsideMonths };
}
