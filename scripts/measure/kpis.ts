/**
 * The public's measures of one cell (a department, service, channel, client type, need type,
 * tier or month): completion, speed, promises kept, backlog, satisfaction with Wilson
 * intervals, bad reviews and their rectification, repeat contacts, digital take-up, visits
 * and effort. Same suppression as aggregate.ts: a cell of 1..minCell-1 requests is all null
 * (keys aside) and a rate whose denominator is below minCell is null.
 */
import type { KpiMeasures } from '../../src/lib/published.ts';
import type { Enriched } from './enrich.ts';
import { median, nearestRank, ratio, sortNumbers } from './stats.ts';
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

/** Measures of one cell and whether it was suppressed. Pure; independent of item order. */
export function computeKpis(items: readonly Enriched[], minCell: number): { kpis: KpiMeasures; suppressed: boolean } {
  const n = items.length;
  if (n > 0 && n < minCell) return { kpis: allNull(), suppressed: true };
  const enough = (den: number): boolean => den >= minCell && den > 0;
  const rate = (num: number, den: number): number | null => (enough(den) ? ratio(num, den, 4) : null);
  const interval = (num: number, den: number): { lo: number | null; hi: number | null } => {
    const w = enough(den) ? wilson(num, den) : null;
    return { lo: w?.lo ?? null, hi: w?.hi ?? null };
  };
  const c = { closed: 0, completed: 0, rejected: 0, withdrawn: 0, transferred: 0, open: 0, overdue: 0, dueN: 0, onTime: 0, promN: 0, promK: 0, statN: 0, statK: 0 };
  const r = [0, 0, 0, 0, 0];
  let ratingSum = 0;
  const f = { bad: 0, rectified: 0, explained: 0, inLimit: 0, calledBack: 0 };
  let repeat = 0;
  let digital = 0;
  let visitsN = 0;
  let visits = 0;
  let effort = 0;
  let effortEstimated = 0;
  const days: number[] = [];
  const hours: number[] = [];
  const ages: number[] = [];
  for (const d of items) {
    const q = d.request;
    if (d.closed) {
      c.closed++;
      if (q.status === 'closed') c.completed++;
      else if (q.status === 'rejected') c.rejected++;
      else if (q.status === 'withdrawn') c.withdrawn++;
      else if (q.status === 'transferred') c.transferred++;
      if (d.workingDays !== null) days.push(d.workingDays);
      if (d.elapsedHours !== null) hours.push(d.elapsedHours);
      if (q.status === 'closed' && q.visits !== null) {
        visitsN++;
        visits += q.visits;
      }
    } else {
      c.open++;
      if (d.overdue) c.overdue++;
      if (d.ageWd !== null) ages.push(d.ageWd);
    }
    if (d.onTime !== null) {
      c.dueN++;
      if (d.onTime) c.onTime++;
    }
    if (d.promiseKept !== null) {
      c.promN++;
      if (d.promiseKept) c.promK++;
    }
    if (d.statutoryKept !== null) {
      c.statN++;
      if (d.statutoryKept) c.statK++;
    }
    if (q.rating !== null) {
      r[q.rating - 1] = (r[q.rating - 1] ?? 0) + 1;
      ratingSum += q.rating;
    }
    if (d.rectification) {
      f.bad++;
      if (d.rectification.outcome === 'rectified') f.rectified++;
      if (d.rectification.outcome === 'explained') f.explained++;
      if (d.rectification.inLimit) f.inLimit++;
      if (d.rectification.calledBack) f.calledBack++;
    }
    if (d.repeat) repeat++;
    if (q.channel === 'online' || q.channel === 'mobile') digital++;
    effort += d.effortMinutes;
    if (d.effortEstimated) effortEstimated += d.effortMinutes;
  }
  const rated = r.reduce((a, b) => a + b, 0);
  const satisfied = (r[3] ?? 0) + (r[4] ?? 0);
  const sDays = sortNumbers(days);
  const sHours = sortNumbers(hours);
  const sAges = sortNumbers(ages);
  const prom = interval(c.promK, c.promN);
  const sat = interval(satisfied, rated);
  const rect = interval(f.inLimit, f.bad);
  return {
    kpis: {
      requests: n,
      closed: c.closed,
      completed: c.completed,
      rejected: c.rejected,
      withdrawn: c.withdrawn,
      transferred: c.transferred,
      open: c.open,
      open_overdue: c.overdue,
      open_median_age_wd: enough(sAges.length) ? median(sAges) : null,
      median_wd: enough(sDays.length) ? median(sDays) : null,
      p90_wd: enough(sDays.length) ? nearestRank(sDays, 90) : null,
      median_hours: enough(sHours.length) ? median(sHours) : null,
      due_n: c.dueN,
      on_time: c.onTime,
      on_time_rate: rate(c.onTime, c.dueN),
      promise_n: c.promN,
      promise_kept: c.promK,
      promise_rate: rate(c.promK, c.promN),
      promise_lo: prom.lo,
      promise_hi: prom.hi,
      statutory_n: c.statN,
      statutory_kept: c.statK,
      statutory_rate: rate(c.statK, c.statN),
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
      mean_rating: enough(rated) ? ratio(ratingSum, rated, 2) : null,
      response_rate: rate(rated, c.closed),
      bad: f.bad,
      rectified: f.rectified,
      explained: f.explained,
      resolved_in_limit: f.inLimit,
      rectification_rate: rate(f.inLimit, f.bad),
      rectification_lo: rect.lo,
      rectification_hi: rect.hi,
      called_back: f.calledBack,
      callback_rate: rate(f.calledBack, f.bad),
      repeat,
      repeat_rate: rate(repeat, n),
      digital,
      digital_rate: rate(digital, n),
      visits_n: visitsN,
      visits,
      visits_per_case: enough(visitsN) ? ratio(visits, visitsN, 2) : null,
      effort_hours: Math.round((effort / 60) * 10) / 10,
      effort_estimated_share: effort > 0 ? ratio(effortEstimated, effort, 4) : null,
    },
    suppressed: false,
  };
}
