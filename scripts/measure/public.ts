/**
 * The public's measures on top of the derived requests: tiers, effort, repeats and
 * rectification (enrich.ts), kpis.csv and client-need.csv (breakdown.ts), and department
 * scores with rank ranges (score.ts). Pure.
 */
import type { ServiceGuide } from '../../src/lib/content-schema.ts';
import type { ClientNeedRow, KpiRow, ScoreRow } from '../../src/lib/published.ts';
import type { FeedbackRecord } from '../ingest/feedback.ts';
import type { Calendar } from './calendar.ts';
import { buildClientNeed, buildKpis, kpiChannels, kpiTiers } from './breakdown.ts';
import type { DerivedClock as Derived } from './derive.ts';
import { enrichAll } from './enrich.ts';
import { guideCompleteness } from './guides.ts';
import { computeKpis } from './kpis.ts';
import { inPeriod, type Periods } from './months.ts';
import { buildScores, type Weights } from './score.ts';
import { kpiCounts, kpiFamily, type CellFamily } from '../anonymize/cells.ts';
import type { Segments } from './segments.ts';

export interface PublicOptions {
  segments: Segments;
  feedback: readonly FeedbackRecord[];
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

/** Measures kpis, the client × need matrix and scores. */
export function measurePublic(
  derived: readonly Derived[],
  ctx: {
    calendar: Calendar;
    timezone: string;
    periods: Periods;
    departments: readonly string[];
    services: readonly string[];
    minCell: number;
    /** Services with their department (service totals within department totals); default none. */
    serviceDepartments?: readonly { id: string; department: string }[];
  },
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
  const p = ctx.periods;
  const bo = {
    departments: ctx.departments,
    services: ctx.services,
    months: p.months,
    period: p.period,
    clientTypes: Object.keys(pub.segments.clientTypes),
    needTypes: Object.keys(pub.segments.needTypes),
    minCell: ctx.minCell,
  };
  const kpis = buildKpis(enriched, bo);
  const scores = buildScores(
    ctx.departments.map((department) => {
      const mine = enriched.filter((d) => d.request.department === department);
      return {
        department,
        current: computeKpis(mine.filter((d) => inPeriod(d.month, p.period)), 1).kpis,
        previous: computeKpis(mine.filter((d) => inPeriod(d.month, p.previousPeriod)), 1).kpis,
        guides: guideCompleteness(pub.guides.filter((g) => g.department === department)),
      };
    }),
    { weights: pub.score.weights, version: pub.score.version, minCases: pub.minCasesForScore, minCell: ctx.minCell, period: p.period },
  );
  const tables = {
    departments: ctx.departments,
    services: ctx.serviceDepartments ?? [],
    months: p.months,
    period: p.period,
    channels: kpiChannels,
    clientTypes: bo.clientTypes,
    needTypes: bo.needTypes,
    tiers: kpiTiers,
  };
  const counts = kpiCounts(
    enriched.map((d) => ({
      department: d.request.department,
      service: d.request.service,
      month: d.month,
      channel: d.request.channel,
      clientType: d.request.clientType,
      needType: d.request.needType,
      tier: d.tier,
    })),
    tables,
  );
  const family = kpiFamily(counts, tables);
  return { kpis: kpis.rows, clientNeed: buildClientNeed(enriched, bo), scores, suppressedCells: kpis.suppressed, family };
}
