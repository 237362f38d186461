/**
 * The public's measures of one cell (a department, service, channel, client type, need type,
 * tier or month): completion, speed, promises kept, backlog, satisfaction with Wilson
 * intervals, bad reviews and their rectification, repeat contacts, digital take-up, visits
 * and effort. Same suppression as aggregate.ts: a cell of 1..minCell-1 requests is all null
 * (keys aside) and a rate whose denominator is below minCell is null.
 *
 * KpiCell accumulates one cell a request at a time (counts per pattern of flags, sums and exact
 * value counts, no per-request list), so a cell of any size costs a fixed 16 KiB plus memory
 * per distinct value. A request's flags are read once (KpiFacts) for all the cells it is in.
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

/** Status codes of KpiFacts. */
const COMPLETED = 1;
const REJECTED = 2;
const WITHDRAWN = 3;
const TRANSFERRED = 4;

/**
 * What a cell counts of one request, read once: a request is added to about ten cells (city,
 * department, service, channel, types, tier, month, …), which then only add numbers up.
 * `set(d)` overwrites every field; one instance is reused for every request.
 */
export class KpiFacts {
  closed = false;
  /** Closing status: COMPLETED, REJECTED, WITHDRAWN, TRANSFERRED, or 0. */
  status = 0;
  workingDays: number | null = null;
  elapsedHours: number | null = null;
  /** Visits of a completed request, or null. */
  visits: number | null = null;
  overdue = false;
  ageWd: number | null = null;
  onTime: boolean | null = null;
  promiseKept: boolean | null = null;
  statutoryKept: boolean | null = null;
  rating: number | null = null;
  bad = false;
  rectified = false;
  explained = false;
  inLimit = false;
  calledBack = false;
  repeat = false;
  digital = false;
  effortMinutes = 0;
  effortEstimated = false;

  set(d: Enriched): this {
    const q = d.request;
    this.closed = d.closed;
    const st = q.status;
    this.status = st === 'closed' ? COMPLETED : st === 'rejected' ? REJECTED : st === 'withdrawn' ? WITHDRAWN : st === 'transferred' ? TRANSFERRED : 0;
    this.workingDays = d.workingDays;
    this.elapsedHours = d.elapsedHours;
    this.visits = st === 'closed' ? q.visits : null;
    this.overdue = d.overdue;
    this.ageWd = d.ageWd;
    this.onTime = d.onTime;
    this.promiseKept = d.promiseKept;
    this.statutoryKept = d.statutoryKept;
    this.rating = q.rating;
    const rect = d.rectification;
    if (rect) {
      this.bad = true;
      this.rectified = rect.outcome === 'rectified';
      this.explained = rect.outcome === 'explained';
      this.inLimit = rect.inLimit;
      this.calledBack = rect.calledBack;
    } else {
      this.bad = false;
      this.rectified = false;
      this.explained = false;
      this.inLimit = false;
      this.calledBack = false;
    }
    this.repeat = d.repeat;
    this.digital = q.channel === 'online' || q.channel === 'mobile';
    this.effortMinutes = d.effortMinutes;
    this.effortEstimated = d.effortEstimated;
    const rating = this.rating;
    this.a =
      (this.closed ? 1 : 0) | (this.status << 1) | (this.overdue ? 16 : 0) | (tri(this.onTime) << 5) | (tri(this.promiseKept) << 7) | (tri(this.statutoryKept) << 9);
    this.b =
      (rating ?? 0) |
      (this.bad ? 8 : 0) | (this.rectified ? 16 : 0) | (this.explained ? 32 : 0) | (this.inLimit ? 64 : 0) | (this.calledBack ? 128 : 0) |
      (this.repeat ? 256 : 0) | (this.digital ? 512 : 0) | (this.closed && this.visits !== null ? 1024 : 0);
    return this;
  }

  /**
   * The counted flags as two patterns of bits (see KpiCell.settle): a = closed, status (3 bits),
   * overdue, onTime, promiseKept, statutoryKept (2 bits each: 0 null, 1 false, 2 true);
   * b = rating 1..5 (3 bits, 0 none), bad, rectified, explained, in limit, called back, repeat,
   * digital, visits counted.
   */
  a = 0;
  b = 0;
}

/** null → 0, false → 1, true → 2. */
function tri(v: boolean | null): number {
  return v === null ? 0 : v ? 2 : 1;
}

/** Patterns of KpiFacts.a and .b. */
const PATTERNS_A = 1 << 11;
const PATTERNS_B = 1 << 11;

/**
 * The measures of one cell, fed one request at a time; result() equals computeKpis over the
 * requests added. The flags (status, on time, ratings, …) are kept as one count per pattern of
 * KpiFacts.a and .b, so adding a request is two increments plus its values; settle() sums the
 * patterns into the counters when a result is asked for (integers: the same counts).
 */
export class KpiCell {
  private n = 0;
  /** Counts per KpiFacts.a and .b pattern; dirty when they changed since the last settle(). */
  private readonly patternsA = new Uint32Array(PATTERNS_A);
  private readonly patternsB = new Uint32Array(PATTERNS_B);
  private dirty = false;
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
  /** Tenths of hours (derive.ts rounds elapsed hours to one place). */
  private readonly hours = new ValueCounts(10);
  private readonly ages = new ValueCounts();

  /** Counts one request into the cell. */
  add(d: Enriched): void {
    this.addFacts(new KpiFacts().set(d));
  }

  /** Counts one request, read as facts, into the cell (as add(d) with facts.set(d)). */
  addFacts(f: KpiFacts): void {
    this.n++;
    this.dirty = true;
    this.patternsA[f.a] = (this.patternsA[f.a] ?? 0) + 1;
    this.patternsB[f.b] = (this.patternsB[f.b] ?? 0) + 1;
    if (f.closed) {
      if (f.workingDays !== null) this.days.add(f.workingDays);
      if (f.elapsedHours !== null) this.hours.add(f.elapsedHours);
      if (f.visits !== null) this.visits += f.visits;
    } else if (f.ageWd !== null) this.ages.add(f.ageWd);
    this.effort += f.effortMinutes;
    if (f.effortEstimated) this.effortEstimated += f.effortMinutes;
  }

  /** Sums the pattern counts into the counters. */
  private settle(): void {
    if (!this.dirty) return;
    this.dirty = false;
    this.closed = this.completed = this.rejected = this.withdrawn = this.transferred = this.open = this.overdue = 0;
    this.dueN = this.onTime = this.promN = this.promK = this.statN = this.statK = 0;
    const pa = this.patternsA;
    for (let p = 0; p < PATTERNS_A; p++) {
      const c = pa[p] ?? 0;
      if (c === 0) continue;
      if (p & 1) {
        this.closed += c;
        const status = (p >>> 1) & 7;
        if (status === COMPLETED) this.completed += c;
        else if (status === REJECTED) this.rejected += c;
        else if (status === WITHDRAWN) this.withdrawn += c;
        else if (status === TRANSFERRED) this.transferred += c;
      } else {
        this.open += c;
        if (p & 16) this.overdue += c;
      }
      const t = (p >>> 5) & 3;
      if (t !== 0) {
        this.dueN += c;
        if (t === 2) this.onTime += c;
      }
      const pk = (p >>> 7) & 3;
      if (pk !== 0) {
        this.promN += c;
        if (pk === 2) this.promK += c;
      }
      const sk = (p >>> 9) & 3;
      if (sk !== 0) {
        this.statN += c;
        if (sk === 2) this.statK += c;
      }
    }
    this.r.fill(0);
    this.ratingSum = this.bad = this.rectified = this.explained = this.inLimit = this.calledBack = this.repeat = this.digital = this.visitsN = 0;
    const pb = this.patternsB;
    for (let p = 0; p < PATTERNS_B; p++) {
      const c = pb[p] ?? 0;
      if (c === 0) continue;
      const rating = p & 7;
      if (rating !== 0) {
        this.r[rating - 1] = (this.r[rating - 1] ?? 0) + c;
        this.ratingSum += rating * c;
      }
      if (p & 8) {
        this.bad += c;
        if (p & 16) this.rectified += c;
        if (p & 32) this.explained += c;
        if (p & 64) this.inLimit += c;
        if (p & 128) this.calledBack += c;
      }
      if (p & 256) this.repeat += c;
      if (p & 512) this.digital += c;
      if (p & 1024) this.visitsN += c;
    }
  }

  /** Requests added so far. */
  get size(): number {
    return this.n;
  }

  /** Measures of the requests added and whether the cell is suppressed (1..minCell-1 requests). Does not change the cell. */
  result(minCell: number): { kpis: KpiMeasures; suppressed: boolean } {
    this.settle();
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
