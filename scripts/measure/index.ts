/** The measure stage: derive per-request figures, aggregate with suppression, and build k-anonymous records. */
import type { CanonicalRequest } from '../ingest/canonical.ts';
import type { ServiceGuide, TimeLimit } from '../../src/lib/content-schema.ts';
import type { RequestRecord } from '../../src/lib/published.ts';
import { aggregateAll, type Aggregates } from './aggregate.ts';
import type { Calendar } from './calendar.ts';
import { deriveAll, type Derived } from './derive.ts';
import { periodsFor, type Periods } from './months.ts';
import { measurePublic, type PublicMeasures, type PublicOptions } from './public.ts';
import { buildRecords, type RecordStats } from './records.ts';
import { applySuppression, aggregateFamily, cellCounts, cellId } from '../anonymize/cells.ts';
import { complementarySuppress, type PriorRelease } from '../anonymize/suppress.ts';
import type { QuasiIdentifier } from '../anonymize/kanon.ts';

export interface MeasureOptions {
  calendar: Calendar;
  timezone: string;
  asOf: string;
  /** Number of months published, ending with the as-of month. */
  months: number;
  minCell: number;
  k: number;
  /** Quasi-identifiers of the records (default: all); the city's name, what districts generalize to. */
  quasiIdentifiers?: readonly QuasiIdentifier[];
  city?: string;
  /** The previous release as published (cells, suppressed cells, totals): kept consistent so releases cannot be differenced. */
  prior?: PriorRelease;
  /** Department ids. */
  departments: readonly string[];
  guides: readonly Pick<ServiceGuide, 'id' | 'department' | 'promisedLimit'>[];
  /** The public's measures (kpis, client-need, scores); omitted in narrow tests. */
  public?: PublicOptions;
}

export interface Measured {
  periods: Periods;
  aggregates: Aggregates;
  records: RequestRecord[];
  /** Records withheld from requests.csv for k-anonymity. */
  withheld: number;
  /** What anonymization did: records per generalization rung, cells suppressed (primary, complementary). */
  privacy: { records: RecordStats; primaryCells: number; complementaryCells: number; suppressedCellIds: string[] };
  /** Requests submitted outside the published months (counted in records only). */
  outsideMonths: number;
  /** kpis, client × need matrix and scores, when MeasureOptions.public is given. */
  public?: PublicMeasures;
}

/** Runs the whole measure stage over anonymized requests. Pure. */
export function measureAll(requests: readonly CanonicalRequest[], opts: MeasureOptions): Measured {
  const periods = periodsFor(opts.asOf, opts.months);
  const promised = new Map<string, TimeLimit>(opts.guides.map((g) => [g.id, g.promisedLimit]));
  const statutory = new Map<string, TimeLimit>((opts.public?.guides ?? []).map((g) => [g.id, g.statutoryLimit]));
  const derived = deriveAll(requests, { calendar: opts.calendar, timezone: opts.timezone, asOf: opts.asOf, promised, statutory });
  const services = [...opts.guides].map((g) => ({ id: g.id, department: g.department })).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const departments = [...opts.departments].sort();
  const rawAggregates = aggregateAll(derived, {
    departments,
    services,
    months: periods.months,
    period: periods.period,
    previousPeriod: periods.previousPeriod,
    minCell: opts.minCell,
  });
  // Complementary suppression over every published total, then records outside suppressed cells.
  const monthSet = new Set(periods.months);
  const serviceIds = new Set(services.map((s) => s.id));
  const inMonths = derived.filter((d) => monthSet.has(d.month));
  const counts = cellCounts(
    inMonths.map((d) => ({ department: d.request.department, service: d.request.service, month: d.month })),
    serviceIds,
    periods.period,
    periods.previousPeriod,
  );
  const family = aggregateFamily(rawAggregates, counts, periods.period, periods.previousPeriod);
  const sup = complementarySuppress(family.values, family.relations, opts.minCell, opts.prior);
  const aggregates = { ...applySuppression(rawAggregates, sup.suppressed), suppressedCells: sup.suppressed.size };
  const inSuppressedCell = (d: Derived): boolean =>
    sup.suppressed.has(cellId.departmentMonth(d.request.department, d.month)) ||
    sup.suppressed.has(cellId.cityMonth(d.month)) ||
    (d.request.service !== null && sup.suppressed.has(cellId.serviceMonth(d.request.service, d.month)));
  const { records, withheld, stats } = buildRecords(derived, {
    k: opts.k,
    ...(opts.quasiIdentifiers ? { quasiIdentifiers: opts.quasiIdentifiers } : {}),
    ...(opts.city !== undefined ? { city: opts.city } : {}),
    inSuppressedCell,
  });
  const outsideMonths = derived.reduce((n, d) => n + (monthSet.has(d.month) ? 0 : 1), 0);
  const privacy = { records: stats, primaryCells: sup.primary.size, complementaryCells: sup.secondary.size, suppressedCellIds: [...sup.suppressed].sort() };
  const ctx = { calendar: opts.calendar, timezone: opts.timezone, periods, departments, services: services.map((s) => s.id), minCell: opts.minCell };
  const pub = opts.public ? measurePublic(derived, ctx, opts.public) : undefined;
  return { periods, aggregates, records, withheld, privacy, outsideMonths, ...(pub ? { public: pub } : {}) };
}
