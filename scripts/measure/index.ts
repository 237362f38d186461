/** The measure stage: derive per-request figures, aggregate with suppression, and build k-anonymous records. */
import type { CanonicalRequest } from '../ingest/canonical.ts';
import { FeedbackTable } from '../ingest/feedback.ts';
import { StoreCursor, type RequestStore } from '../ingest/store.ts';
import type { ServiceGuide, TimeLimit } from '../../src/lib/content-schema.ts';
import { AggregateAccumulator, type Aggregates } from './aggregate.ts';
import type { Calendar } from './calendar.ts';
import { deriveRequest, type EarlierLimits } from './derive.ts';
import { enrichOne, firstFeedbackByRow, firstFeedbackOf, repeatFlagsOf, type FirstFeedback, type RepeatSource } from './enrich.ts';
import { periodsFor, type Periods } from './months.ts';
import { PublicAccumulator, type PublicMeasures, type PublicOptions } from './public.ts';
import { RecordsAccumulator, type RecordRows, type RecordStats } from './records.ts';
import { binOf, CLOSE_BINS, DistributionAccumulator, datesOfPeriod } from './distributions.ts';
import { kpiColumns } from './kpis.ts';
import { suppressedCellTest } from './suppressed-cells.ts';
import { RowCoder, type CodedRow, type PublicRowKey } from './row-key.ts';
import { Dictionary } from '../lib/dictionary.ts';
import type { CloseHistogramRow, DailyVolumeRow } from '../../src/lib/published.ts';
import {
  applySuppression,
  aggregateFamily,
  CellCounter,
  cellId,
  DistributionCellCounter,
  distributionFamily,
  familyOf,
  mergeFamilies,
  suppressClientNeed,
  suppressCloseHistogram,
  suppressDaily,
  suppressKpis,
  type CellFamily,
} from '../anonymize/cells.ts';
import { complementarySuppress, exposedCells, type PriorRelease } from '../anonymize/suppress.ts';
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
  /** Limits of guide versions replaced during the data (guides/index.ts earlierLimits): requests submitted before the change keep them. */
  earlierLimits?: ReadonlyMap<string, EarlierLimits>;
  /** The public's measures (kpis, client-need, scores); omitted in narrow tests. */
  public?: PublicOptions;
}

export interface Measured {
  periods: Periods;
  aggregates: Aggregates;
  /** The published records in order (a RecordTable building each when read; an array also does). */
  records: RecordRows;
  /** Records withheld from requests.csv for k-anonymity. */
  withheld: number;
  /** What anonymization did: records per generalization rung, cells suppressed (primary, complementary). */
  privacy: {
    records: RecordStats;
    primaryCells: number;
    complementaryCells: number;
    suppressedCellIds: string[];
    /** Suppressed cells per table family (aggregates, kpis, client-need, daily-volume, close-histogram). */
    byFamily: Record<string, { primary: number; complementary: number }>;
  };
  /** Requests submitted outside the published months (counted in records only). */
  outsideMonths: number;
  /** kpis, client × need matrix and scores, when MeasureOptions.public is given. */
  public?: PublicMeasures;
  /** Requests per day and closed requests per working-day bin over the period (distributions.ts). */
  distributions?: { dailyVolume: DailyVolumeRow[]; closeHistogram: CloseHistogramRow[] };
  /** Every published count cell, its relations and the pattern applied: what the next release must stay consistent with. */
  cells?: CellFamily & { followers: ReadonlyMap<string, string>; suppressed: ReadonlySet<string>; primary: ReadonlySet<string> };
}

/** Requests to measure, by row: an array of requests or the ingest's columnar store. */
export interface RequestRows {
  readonly length: number;
  /** A fresh request object for row i (the measure stage keeps none of them). */
  get(i: number): CanonicalRequest;
  /** Fast readers for repeat detection (the store has them); built from get() otherwise. */
  repeatSource?(): RepeatSource;
  /** The store the rows are read from, if any (a FeedbackTable of the same store is read by row). */
  readonly table?: object;
  /** A reader of row i with its codes, one object refilled per row (the store reads its own codes); RowCoder over get() otherwise. */
  coded?(): (i: number) => CodedRow;
}

/** Rows over a plain array (tests, small tools). */
export function rowsOf(requests: readonly CanonicalRequest[]): RequestRows {
  return {
    length: requests.length,
    get: (i) => requests[i] as CanonicalRequest,
  };
}

/** Rows over the ingest's columnar store, with its fast readers for repeat detection. */
export function storeRows(store: RequestStore): RequestRows {
  return {
    length: store.length,
    table: store,
    get: (i) => store.get(i),
    coded: () => {
      const cursor = new StoreCursor();
      return (i) => {
        store.readInto(i, cursor);
        return cursor;
      };
    },
    repeatSource: () => {
      // One code per distinct service-or-category string (the store hands out the same few strings).
      const groups = new Map<string, number>();
      return {
        length: store.length,
        requesterKey: (i) => (store.hasRequester(i) ? `${store.requesterHi(i)}:${store.requesterLo(i)}` : null),
        serviceOrCategory: (i) => store.serviceOrCategory(i),
        submittedAt: (i) => store.submittedAt(i),
        sourceAndId: (i) => `${store.sourceNames()[store.sourceIndex(i)] ?? ''}\u0000${store.idOf(i)}`,
        numeric: {
          hasRequester: (i) => store.hasRequester(i),
          hi: (i) => store.requesterHi(i),
          lo: (i) => store.requesterLo(i),
          group: (i) => {
            const key = store.serviceOrCategory(i);
            let g = groups.get(key);
            if (g === undefined) {
              g = groups.size;
              groups.set(key, g);
            }
            return g;
          },
        },
      };
    },
  };
}

/** Row i with codes given as values are first seen (RowCoder), for rows with no codes of their own. */
function codedRows(rows: RequestRows): (i: number) => CodedRow {
  const coder = new RowCoder();
  return (i) => coder.code(rows.get(i));
}

function repeatSourceOf(rows: RequestRows): RepeatSource {
  if (rows.repeatSource) return rows.repeatSource();
  return {
    length: rows.length,
    requesterKey: (i) => rows.get(i).requesterKey,
    serviceOrCategory: (i) => {
      const r = rows.get(i);
      return r.service ?? `category:${r.category}`;
    },
    submittedAt: (i) => rows.get(i).submittedAt,
    sourceAndId: (i) => {
      const r = rows.get(i);
      return `${r.source}\u0000${r.id}`;
    },
  };
}

/**
 * Runs the whole measure stage over anonymized requests. Pure. One pass over the rows: each
 * request is derived and enriched into a short-lived object and fed to every accumulator
 * (aggregates, kpis, client × need, scores, distributions, suppression cells, records), which
 * keep per-cell state only; so memory grows with the number of cells, not of requests (the
 * records accumulator keeps a compact row of published columns per request).
 */
export function measureAll(requests: readonly CanonicalRequest[] | RequestRows, opts: MeasureOptions): Measured {
  const rows: RequestRows = Array.isArray(requests) ? rowsOf(requests as readonly CanonicalRequest[]) : (requests as RequestRows);
  const periods = periodsFor(opts.asOf, opts.months);
  const promised = new Map<string, TimeLimit>(opts.guides.map((g) => [g.id, g.promisedLimit]));
  const statutory = new Map<string, TimeLimit>((opts.public?.guides ?? []).map((g) => [g.id, g.statutoryLimit]));
  const dctx = { calendar: opts.calendar, timezone: opts.timezone, asOf: opts.asOf, promised, statutory, ...(opts.earlierLimits ? { earlier: opts.earlierLimits } : {}) };
  const services = [...opts.guides].map((g) => ({ id: g.id, department: g.department })).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const departments = [...opts.departments].sort();
  const monthSet = new Set(periods.months);
  const serviceIds = new Set(services.map((s) => s.id));
  const aggregate = new AggregateAccumulator({
    departments,
    services,
    months: periods.months,
    period: periods.period,
    previousPeriod: periods.previousPeriod,
    minCell: opts.minCell,
  });
  const cellCounter = new CellCounter(serviceIds, periods.period, periods.previousPeriod);
  const ctx = { calendar: opts.calendar, timezone: opts.timezone, periods, departments, services: services.map((s) => s.id), minCell: opts.minCell, serviceDepartments: services };
  const dopts = { period: periods.period, departments, services: services.map((s) => s.id), minCell: opts.minCell };
  const distributionsAcc = new DistributionAccumulator(dopts);
  // The distributions' cells (days, time-to-close bins) and the closed counts their bins add up to.
  const dtables = { departments, services, period: periods.period, dates: datesOfPeriod(periods.period), binOf, bins: CLOSE_BINS.length };
  const distributionCells = new DistributionCellCounter(dtables);
  const recordsAcc = new RecordsAccumulator({
    k: opts.k,
    expectedRows: rows.length,
    ...(opts.quasiIdentifiers ? { quasiIdentifiers: opts.quasiIdentifiers } : {}),
    ...(opts.city !== undefined ? { city: opts.city } : {}),
  });
  const pubOpts = opts.public;
  const publicAcc = pubOpts ? new PublicAccumulator(ctx, pubOpts) : undefined;
  const enrichCtx = pubOpts
    ? {
        segments: pubOpts.segments,
        feedback: pubOpts.feedback,
        calendar: opts.calendar,
        timezone: opts.timezone,
        rectificationLimitWd: pubOpts.rectificationLimitWd,
        repeatWindowDays: pubOpts.repeatWindowDays,
      }
    : undefined;
  // Feedback held by ingest on the very store measured is found by row (no id decoded, no map of strings).
  const fb = pubOpts?.feedback;
  const firstFeedback: FirstFeedback =
    fb instanceof FeedbackTable && rows.table !== undefined && fb.rows === rows.table ? firstFeedbackByRow(fb) : firstFeedbackOf(fb ?? []);
  const repeats = pubOpts ? repeatFlagsOf(repeatSourceOf(rows), pubOpts.repeatWindowDays) : undefined;
  let outsideMonths = 0;
  // Each request's keys as codes (row-key.ts), in one RowKey refilled per request: the counters
  // look each distinct key up once instead of once per request. Department, service, channel,
  // client and need type come coded with the row (the store's own codes); months and dates are coded here.
  const monthCodes = new Dictionary<string>();
  const dateCodes = new Dictionary<string>();
  /** Per month code: a published month. */
  const published: boolean[] = [];
  const key: PublicRowKey = {
    department: '', service: null, month: '', date: '', channel: '', clientType: '', needType: '',
    departmentCode: 0, serviceCode: -1, monthCode: 0, dateCode: 0, channelCode: 0, clientTypeCode: 0, needTypeCode: 0,
  };
  const read = rows.coded?.() ?? codedRows(rows);
  for (let i = 0; i < rows.length; i++) {
    const c = read(i);
    const d = deriveRequest(c.request, dctx);
    const q = d.request;
    key.department = q.department;
    key.service = q.service;
    key.month = d.month;
    key.date = d.submittedDate;
    key.departmentCode = c.departmentCode;
    key.serviceCode = c.serviceCode;
    const mc = monthCodes.code(d.month);
    key.monthCode = mc;
    key.dateCode = dateCodes.code(d.submittedDate);
    if (mc === published.length) published.push(monthSet.has(d.month));
    if (published[mc] === true) cellCounter.addKeyed(key);
    else outsideMonths++;
    aggregate.addKeyed(d, key);
    distributionsAcc.addKeyed(d, key);
    distributionCells.addKeyed(key, d.closed, d.workingDays);
    recordsAcc.addCoded(d, c, key);
    if (publicAcc && enrichCtx) {
      key.channel = q.channel;
      key.clientType = q.clientType;
      key.needType = q.needType;
      key.channelCode = c.channelCode;
      key.clientTypeCode = c.clientTypeCode;
      key.needTypeCode = c.needTypeCode;
      publicAcc.addKeyed(enrichOne(d, (repeats?.[i] ?? 0) === 1, enrichCtx, firstFeedback, i), key);
    }
  }
  const rawAggregates = aggregate.finish();
  // Complementary suppression over every published total, then records outside suppressed cells.
  const counts = cellCounter.finish();
  const family = aggregateFamily(rawAggregates, counts, periods.period, periods.previousPeriod);
  const pub = publicAcc?.finish();
  const dcounts = distributionCells.finish();
  // One suppression pattern over every published table, so no table's totals give another's small cell away.
  const all = mergeFamilies(family, ...(pub ? [pub.family] : []), distributionFamily(dcounts, dtables));
  const sup = complementarySuppress(all.values, all.relations, opts.minCell, opts.prior, { followers: all.followers });
  // The attack once more on the final pattern: a build never publishes a small cell it can pin down.
  const leaks = exposedCells(all.values, all.relations, sup.suppressed, sup.primary, opts.minCell, all.followers);
  if (leaks.length > 0) {
    throw new Error(`complementary suppression left ${leaks.length} small cell(s) recoverable: ${leaks.slice(0, 5).map((l) => `${l.id} in [${l.lo}, ${l.hi}]`).join(', ')}`);
  }
  const aggregates = { ...applySuppression(rawAggregates, sup.suppressed), suppressedCells: sup.suppressed.size };
  const binIndex = (from: number): number => CLOSE_BINS.findIndex(([f]) => f === from);
  // Each answer is remembered per distinct key (suppressed-cells.ts): records share few cells.
  const inSuppressedCell = suppressedCellTest(sup.suppressed, periods.period);
  const { records, withheld, stats } = recordsAcc.finishTable(inSuppressedCell);
  const byFamily: Record<string, { primary: number; complementary: number }> = {};
  for (const id of [...sup.suppressed].sort()) {
    const f = (byFamily[familyOf(id)] ??= { primary: 0, complementary: 0 });
    if (sup.primary.has(id)) f.primary++;
    else f.complementary++;
  }
  const privacy = { records: stats, primaryCells: sup.primary.size, complementaryCells: sup.secondary.size, suppressedCellIds: [...sup.suppressed].sort(), byFamily };
  const publicSuppressed = pub
    ? {
        ...pub,
        kpis: suppressKpis(pub.kpis, sup.suppressed, kpiColumns),
        clientNeed: suppressClientNeed(pub.clientNeed, sup.suppressed),
        // A department whose period cell is suppressed publishes no case count and no score figures either.
        scores: pub.scores.map((r) =>
          sup.suppressed.has(cellId.departmentSummary(r.department))
            ? { ...r, cases: null, ranked: false, score: null, score_lo: null, score_hi: null, rank: null, rank_best: null, rank_worst: null, prev_score: null, change: null, timeliness: null, satisfaction: null, rectification: null, digital: null, guides: null, repeat: null }
            : r,
        ),
        suppressedCells: [...sup.suppressed].filter((id) => familyOf(id) === 'kpis' || familyOf(id) === 'client-need').length,
      }
    : undefined;
  const distributions = {
    dailyVolume: suppressDaily(distributionsAcc.dailyVolume(), sup.suppressed),
    closeHistogram: suppressCloseHistogram(distributionsAcc.closeHistogram(), sup.suppressed, binIndex),
  };
  const cells = { ...all, suppressed: sup.suppressed, primary: sup.primary };
  return { periods, aggregates, records, withheld, privacy, outsideMonths, distributions, cells, ...(publicSuppressed ? { public: publicSuppressed } : {}) };
}
