/**
 * The public's measures of one cell (a department, service, channel, client type, need type,
 * tier or month): completion, speed, promises kept, backlog, satisfaction with Wilson
 * intervals, bad reviews and their rectification, repeat contacts, digital take-up, visits
 * and effort. Same suppression as aggregate.ts: a cell of 1..minCell-1 requests is all null
 * (keys aside) and a rate whose denominator is below minCell is null.
 *
 * KpiCell accumulates one cell a request at a time (counts, sums and exact value counts, no
 * per-request list), so a cell of any size costs memory per distinct value only.
 */
import type { KpiMeasures } from '../../src/lib/published.ts';
import type { Enriched } from './enrich.ts';
import { ratio, ValueCounts } from './stats.ts';
import { wilson } from './wilson.ts';

/** KPI measure columns in published order. */
export const kpiColumns = [
  'requests', 'closed', 'completed', 'rejected', 'withdrawn', 'transferred', 'open', 'open_overdue', 'open_median_age_wd',
  'median_wd', 'p90_wd', 'median_hours',
  'due_n', 'on_time', 'on_time_rate',
  'promise_n', 'promise_kept', 'promise_rate', 'promise_lo', 'promise_hi',
  'statutory_n', 'statutory_kept', 'statutory_rate',
  'rated', 'r1', 'r2', 'r3', 'r4', 'r5', 'satisfied', 'satisfaction_rate', 'satisfaction_lo', 'satisfaction_hi', 'mean_rating', 'response_rate',
  'bad', 'rectified', 'explained', 'resolved_in_limit', 'rectification_rate', 'rectification_lo', 'rectification_hi', 'called_back', 'callback_rate',
  'repeat', 'repeat_rate',
  'digital', 'digital_rate', 'visits_n', 'visits', 'visits_per_case',
  'effort_hours', 'effort_estimated_share',
] as const satisfies readonly (keyof KpiMeasures)[];

function allNull(): KpiMeasures {
  return Object.fromEntries(kpiColumns.map((c) => [c, null])) as unknown as KpiMeasures;
}

/** The measures of one cell, fed one request at a time; result() equals computeKpis over the requests added. */
export class KpiCell {
  private n = 0;
  private closed = 0;
  private completed = 0;
  private rejected = 0;
  private withdrawn = 0;
  private transferred = 0;
  private open = 0;
  private overdue = 0;
  private dueN = 0;
  private onTime = 0;
  private promN = 0;
  private promK = 0;
  private statN = 0;
  private statK = 0;
  /** Ratings by level (index = rating − 1). */
  private readonly r = [0, 0, 0, 0, 0];
  private ratingSum = 0;
  private bad = 0;
  private rectified = 0;
  private explained = 0;
  private inLimit = 0;
  private calledBack = 0;
  private repeat = 0;
  private digital = 0;
  private visitsN = 0;
  private visits = 0;
  private effort = 0;
  private effortEstimated = 0;
  private readonly days = new ValueCounts();
  private readonly hours = new ValueCounts();
  private readonly ages = new ValueCounts();

  /** Counts one request into the cell. */
  add(d: Enriched): void {
    const q = d.request;
    this.n++;
    if (d.closed) {
      this.closed++;
      if (q.status === 'closed') this.completed++;
      else if (q.status === 'rejected') this.rejected++;
      else if (q.status === 'withdrawn') this.withdrawn++;
      else if (q.status === 'transferred') this.transferred++;
      if (d.workingDays !== null) this.days.add(d.workingDays);
      if (d.elapsedHours !== null) this.hours.add(d.elapsedHours);
      if (q.status === 'closed' && q.visits !== null) {
        this.visitsN++;
        this.visits += q.visits;
      }
    } else {
      this.open++;
      if (d.overdue) this.overdue++;
      if (d.ageWd !== null) this.ages.add(d.ageWd);
    }
    if (d.onTime !== null) {
      this.dueN++;
      if (d.onTime) this.onTime++;
    }
    if (d.promiseKept !== null) {
      this.promN++;
      if (d.promiseKept) this.promK++;
    }
    if (d.statutoryKept !== null) {
      this.statN++;
      if (d.statutoryKept) this.statK++;
    }
    if (q.rating !== null) {
      this.r[q.rating - 1] = (this.r[q.rating - 1] ?? 0) + 1;
      this.ratingSum += q.rating;
    }
    const rect = d.rectification;
    if (rect) {
      this.bad++;
      if (rect.outcome === 'rectified') this.rectified++;
      if (rect.outcome === 'explained') this.explained++;
      if (rect.inLimit) this.inLimit++;
      if (rect.calledBack) this.calledBack++;
    }
    if (d.repeat) this.repeat++;
    if (q.channel === 'online' || q.channel === 'mobile') this.digital++;
    this.effort += d.effortMinutes;
    if (d.effortEstimated) this.effortEstimated += d.effortMinutes;
  }

  /** Requests added so far. */
  get size(): number {
    return this.n;
  }

  /** Measures of the requests added and whether the cell is suppressed (1..minCell-1 requests). Does not change the cell. */
  result(minCell: number): { kpis: KpiMeasures; suppressed: boolean } {
    const n = this.n;
    if (n > 0 && n < minCell) return { kpis: allNull(), suppressed: true };
    const enough = (den: number): boolean => den >= minCell && den > 0;
    const rate = (num: number, den: number): number | null => (enough(den) ? ratio(num, den, 4) : null);
    const interval = (num: number, den: number): { lo: number | null; hi: number | null } => {
      const w = enough(den) ? wilson(num, den) : null;
      return { lo: w?.lo ?? null, hi: w?.hi ?? null };
    };
    const r = this.r;
    const rated = r.reduce((a, b) => a + b, 0);
    const satisfied = (r[3] ?? 0) + (r[4] ?? 0);
    const { days, hours, ages, effort } = this;
    const prom = interval(this.promK, this.promN);
    const sat = interval(satisfied, rated);
    const rect = interval(this.inLimit, this.bad);
    return {
      kpis: {
        requests: n,
        closed: this.closed,
        completed: this.completed,
        rejected: this.rejected,
        withdrawn: this.withdrawn,
        transferred: this.transferred,
        open: this.open,
        open_overdue: this.overdue,
        open_median_age_wd: enough(ages.size) ? ages.median() : null,
        median_wd: enough(days.size) ? days.median() : null,
        p90_wd: enough(days.size) ? days.nearestRank(90) : null,
        median_hours: enough(hours.size) ? hours.median() : null,
        due_n: this.dueN,
        on_time: this.onTime,
        on_time_rate: rate(this.onTime, this.dueN),
        promise_n: this.promN,
        promise_kept: this.promK,
        promise_rate: rate(this.promK, this.promN),
        promise_lo: prom.lo,
        promise_hi: prom.hi,
        statutory_n: this.statN,
        statutory_kept: this.statK,
        statutory_rate: rate(this.statK, this.statN),
        rated,
        r1: r[0] ?? 0,
        r2: r[1] ?? 0,
        r3: r[2] ?? 0,
        r4: r[3] ?? 0,
        r5: r[4] ?? 0,
        satisfied,
        satisfaction_rate: rate(satisfied, rated),
        satisfaction_lo: sat.lo,
        satisfaction_hi: sat.hi,
        mean_rating: enough(rated) ? ratio(this.ratingSum, rated, 2) : null,
        response_rate: rate(rated, this.closed),
        bad: this.bad,
        rectified: this.rectified,
        explained: this.explained,
        resolved_in_limit: this.inLimit,
        rectification_rate: rate(this.inLimit, this.bad),
        rectification_lo: rect.lo,
        rectification_hi: rect.hi,
        called_back: this.calledBack,
        callback_rate: rate(this.calledBack, this.bad),
        repeat: this.repeat,
        repeat_rate: rate(this.repeat, n),
        digital: this.digital,
        digital_rate: rate(this.digital, n),
        visits_n: this.visitsN,
        visits: this.visits,
        visits_per_case: enough(this.visitsN) ? ratio(this.visits, this.visitsN, 2) : null,
        effort_hours: Math.round((effort / 60) * 10) / 10,
        effort_estimated_share: effort > 0 ? ratio(this.effortEstimated, effort, 4) : null,
      },
      suppressed: false,
    };
  }
}

/** Measures of one cell and whether it was suppressed. Pure; independent of item order. */
export function computeKpis(items: readonly Enriched[], minCell: number): { kpis: KpiMeasures; suppressed: boolean } {
  const cell = new KpiCell();
  for (const d of items) cell.add(d);
  return cell.result(minCell);
}
