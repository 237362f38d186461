/**
 * The public's measures on top of the derived requests: tiers, effort, repeats and
 * rectification (enrich.ts), kpis.csv and client-need.csv (breakdown.ts), and department
 * scores with rank ranges (score.ts). Pure.
 *
 * PublicAccumulator takes the enriched requests one at a time and keeps only per-cell state
 * (kpis cells, client × need cells, a previous-period cell per department for the scores,
 * cell counts for suppression); measurePublic is the same over an array of derived requests.
 */
import type { ServiceGuide } from '../../src/lib/content-schema.ts';
import type { ClientNeedRow, KpiRow, ScoreRow } from '../../src/lib/published.ts';
import type { FeedbackRecord } from '../ingest/feedback.ts';
import type { Calendar } from './calendar.ts';
import { ClientNeedAccumulator, KpiBreakdown, kpiChannels, kpiTiers, type BreakdownOptions } from './breakdown.ts';
import type { DerivedClock as Derived } from './derive.ts';
import { enrichAll, type Enriched } from './enrich.ts';
import { guideCompleteness } from './guides.ts';
import { KpiCell, KpiFacts } from './kpis.ts';
import { inPeriod, type Periods } from './months.ts';
import type { PublicRowKey } from './row-key.ts';
import { buildScores, type Weights } from './score.ts';
import { KpiCellCounter, kpiFamily, type CellFamily, type KpiItem, type KpiTables } from '../anonymize/cells.ts';
import type { Segments } from './segments.ts';

export interface PublicOptions {
  segments: Segments;
  feedback: Iterable<FeedbackRecord>;
  /** Full guides: statutory limits and completeness. */
  guides: readonly ServiceGuide[];
  rectificationLimitWd: number;
  repeatWindowDays: number;
  minCasesForScore: number;
  score: { version: string; weights: Weights };
}

export interface PublicMeasures {
  kpis: KpiRow[];
  clientNeed: ClientNeedRow[];
  scores: ScoreRow[];
  /** kpis.csv cells suppressed for 1..minCell-1 requests. */
  suppressedCells: number;
  /** Cells and relations of kpis.csv and client-need.csv (true counts), for complementary suppression. */
  family: CellFamily;
}

/** What the public measures are cut by. */
export interface PublicContext {
  periods: Periods;
  departments: readonly string[];
  services: readonly string[];
  minCell: number;
  /** Services with their department (service totals within department totals); default none. */
  serviceDepartments?: readonly { id: string; department: string }[];
}

/**
 * kpis.csv, client-need.csv, scores and the kpis cell family, fed one enriched request at a
 * time (tiers, effort, repeat flags and rectification already set, as enrichAll sets them).
 * finish() equals measurePublic over the same requests.
 */
export class PublicAccumulator {
  private readonly ctx: PublicContext;
  private readonly pub: Pick<PublicOptions, 'guides' | 'minCasesForScore' | 'score'>;
  private readonly kpis: KpiBreakdown;
  private readonly clientNeed: ClientNeedAccumulator;
  /** Each department's requests in the previous period (its period cell is the kpis department cell). */
  private readonly previous = new Map<string, KpiCell>();
  private readonly tables: KpiTables;
  private readonly counter: KpiCellCounter;
  /** Per RowKey code: the month in the previous period; the department's previous-period cell (null: none). */
  private readonly inPreviousOf: (boolean | undefined)[] = [];
  private readonly previousOf: (KpiCell | null | undefined)[] = [];
  /** Reused for every request: what the kpis cells count of it, read once. */
  private readonly facts = new KpiFacts();
  /** Reused for every request: the counter reads it in add() and keeps nothing of it. */
  private readonly item: KpiItem = { department: '', service: null, month: '', channel: '', clientType: '', needType: '', tier: 1 };

  constructor(ctx: PublicContext, pub: Pick<PublicOptions, 'segments' | 'guides' | 'minCasesForScore' | 'score'>) {
    this.ctx = ctx;
    this.pub = pub;
    const p = ctx.periods;
    const bo: BreakdownOptions = {
      departments: ctx.departments,
      services: ctx.services,
      months: p.months,
      period: p.period,
      clientTypes: Object.keys(pub.segments.clientTypes),
      needTypes: Object.keys(pub.segments.needTypes),
      minCell: ctx.minCell,
    };
    this.kpis = new KpiBreakdown(bo);
    this.clientNeed = new ClientNeedAccumulator(bo);
    for (const d of ctx.departments) if (!this.previous.has(d)) this.previous.set(d, new KpiCell());
    this.tables = {
      departments: ctx.departments,
      services: ctx.serviceDepartments ?? [],
      months: p.months,
      period: p.period,
      channels: kpiChannels,
      clientTypes: bo.clientTypes,
      needTypes: bo.needTypes,
      tiers: kpiTiers,
    };
    this.counter = new KpiCellCounter(this.tables);
  }

  /** Counts one enriched request into every table. */
  add(d: Enriched): void {
    const facts = this.facts.set(d);
    this.kpis.add(d, facts);
    this.clientNeed.add(d);
    const q = d.request;
    if (inPeriod(d.month, this.ctx.periods.previousPeriod)) this.previous.get(q.department)?.addFacts(facts);
    const it = this.item;
    it.department = q.department;
    it.service = q.service;
    it.month = d.month;
    it.channel = q.channel;
    it.clientType = q.clientType;
    it.needType = q.needType;
    it.tier = d.tier;
    this.counter.add(it);
  }

  /** add(d) with d's keys as codes (row-key.ts, the public's codes set): each code is looked up once per table. */
  addKeyed(d: Enriched, k: PublicRowKey): void {
    const facts = this.facts.set(d);
    this.kpis.addKeyed(d, facts, k);
    this.clientNeed.addKeyed(d, k);
    let previous = this.inPreviousOf[k.monthCode];
    if (previous === undefined) previous = this.inPreviousOf[k.monthCode] = inPeriod(k.month, this.ctx.periods.previousPeriod);
    if (previous) {
      let cell = this.previousOf[k.departmentCode];
      if (cell === undefined) cell = this.previousOf[k.departmentCode] = this.previous.get(k.department) ?? null;
      cell?.addFacts(facts);
    }
    this.counter.addKeyed(k, d.tier);
  }

  /** Every table of the public's measures. */
  finish(): PublicMeasures {
    const { ctx, pub } = this;
    const p = ctx.periods;
    const kpis = this.kpis.finish();
    const empty = new KpiCell();
    const scores = buildScores(
      ctx.departments.map((department) => ({
        department,
        current: (this.kpis.departmentCell(department) ?? empty).result(1).kpis,
        previous: (this.previous.get(department) ?? empty).result(1).kpis,
        guides: guideCompleteness(pub.guides.filter((g) => g.department === department)),
      })),
      { weights: pub.score.weights, version: pub.score.version, minCases: pub.minCasesForScore, minCell: ctx.minCell, period: p.period },
    );
    const family = kpiFamily(this.counter.finish(), this.tables);
    return { kpis: kpis.rows, clientNeed: this.clientNeed.finish(), scores, suppressedCells: kpis.suppressed, family };
  }
}

/** Measures kpis, the client × need matrix and scores. */
export function measurePublic(
  derived: readonly Derived[],
  ctx: PublicContext & { calendar: Calendar; timezone: string },
  pub: PublicOptions,
): PublicMeasures {
  const enriched = enrichAll(derived, {
    segments: pub.segments,
    feedback: pub.feedback,
    calendar: ctx.calendar,
    timezone: ctx.timezone,
    rectificationLimitWd: pub.rectificationLimitWd,
    repeatWindowDays: pub.repeatWindowDays,
  });
  const acc = new PublicAccumulator(ctx, pub);
  for (const d of enriched) acc.add(d);
  return acc.finish();
}
