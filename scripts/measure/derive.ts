/**
 * Per-request derived figures: local month, working days to close, due date and on-time.
 * All local dates use the city's time zone, whose working-day calendar applies.
 * deriveRequest works on day numbers (local-days.ts) and gives exactly what
 * deriveRequestPlain, the same rules on 'YYYY-MM-DD' strings, gives.
 */
import type { CanonicalRequest } from '../ingest/canonical.ts';
import type { TimeLimit } from '../../src/lib/content-schema.ts';
import { addNaturalDays, addWorkingDaysWithin, dayNumber, localDate, workingDaysBetween, workingDaysCounter, type Calendar } from './calendar.ts';
import { dayDate, dayMonth, FIRST_DAY, LAST_DAY, zoneDays } from './local-days.ts';

export interface Derived {
  request: CanonicalRequest;
  /** Local 'YYYY-MM' of submission. */
  month: string;
  /** Local submission date. */
  submittedDate: string;
  /** True when closed (any closing status) on or before the as-of date. */
  closed: boolean;
  /** Working days in (submitted date, closed date]; null when not closed. */
  workingDays: number | null;
  /** Local due date: the source's due instant, else the guide's promised limit (the version in force at submission) from the submission date; null when none. */
  dueDate: string | null;
  /** Closed by the due date; null when not closed or no due date. */
  onTime: boolean | null;
  /** Natural hours from submission to closure (1 decimal); null when not closed. */
  elapsedHours: number | null;
  /** Closed within the guide's promised limit (承诺时限), whatever the source's due date; null when not closed or no guide. */
  promiseKept: boolean | null;
  /** Closed within the guide's statutory limit (法定时限); null when not closed or no guide. */
  statutoryKept: boolean | null;
  /** Still open at the as-of date: working days since submission; null when closed. */
  ageWd: number | null;
  /** Still open at the as-of date and past its due date. */
  overdue: boolean;
}

/** Alias kept for the public measures' modules. */
export type DerivedClock = Derived;

export interface DeriveContext {
  calendar: Calendar;
  /** The city's IANA time zone. */
  timezone: string;
  /** As-of date 'YYYY-MM-DD': requests closed after it count as open. */
  asOf: string;
  /** Promised limit per service id (from the guides). */
  promised: ReadonlyMap<string, TimeLimit>;
  /** Statutory limit per service id (from the guides); optional. */
  statutory?: ReadonlyMap<string, TimeLimit>;
  /**
   * Limits of guide versions replaced during the data, per service id: a request submitted
   * before `until` (the date the current version took effect) is held to these instead.
   */
  earlier?: ReadonlyMap<string, EarlierLimits>;
}

/** The limits of the version a guide's current version replaced, and the date the current one took effect. */
export interface EarlierLimits {
  /** Local date 'YYYY-MM-DD' the current version took effect. */
  until: string;
  promised: TimeLimit;
  statutory: TimeLimit;
}

/** The promised and statutory limits in force for a request of `service` submitted on local date `submitted` (day number `day`). */
function limitsFor(ctx: DeriveContext, service: string | null, submitted: string | number): { promised: TimeLimit | undefined; statutory: TimeLimit | undefined } {
  if (service === null) return { promised: undefined, statutory: undefined };
  const e = ctx.earlier?.get(service);
  if (e !== undefined && (typeof submitted === 'number' ? submitted < untilDay(e) : submitted < e.until)) return { promised: e.promised, statutory: e.statutory };
  return { promised: ctx.promised.get(service), statutory: ctx.statutory?.get(service) };
}

/** Day numbers of `until` dates, computed once per entry. */
const untilDays = new WeakMap<EarlierLimits, number>();
function untilDay(e: EarlierLimits): number {
  let d = untilDays.get(e);
  if (d === undefined) {
    d = dayNumber(e.until);
    untilDays.set(e, d);
  }
  return d;
}

/**
 * Stands for a due date past the last calendar year: later than any closing or as-of date the
 * calendar covers, so a request closed by the as-of date is on time against it and none is overdue.
 */
export const AFTER_CALENDAR = '9999-12-31';

/** limitDate results per calendar: a request's due date is computed once per distinct (date, limit). */
const limitCache = new WeakMap<Calendar, Map<number, string>>();

/** The local date `limit` after `date` (working or natural days), or AFTER_CALENDAR. */
export function limitDate(date: string, limit: TimeLimit, calendar: Calendar): string {
  const compute = (): string =>
    limit.unit === 'working' ? (addWorkingDaysWithin(date, limit.days, calendar) ?? AFTER_CALENDAR) : addNaturalDays(date, limit.days);
  if (!Number.isInteger(limit.days) || limit.days < 0 || limit.days >= 4096) return compute();
  let cache = limitCache.get(calendar);
  if (!cache) {
    cache = new Map();
    limitCache.set(calendar, cache);
  }
  const key = (dayNumber(date) * 4096 + limit.days) * 2 + (limit.unit === 'working' ? 1 : 0);
  let hit = cache.get(key);
  if (hit === undefined) {
    hit = compute();
    if (cache.size > 200_000) cache.clear();
    cache.set(key, hit);
  }
  return hit;
}

/** Due local date for a request, or null. */
export function dueDateOf(r: CanonicalRequest, submittedDate: string, ctx: DeriveContext): string | null {
  if (r.dueAt !== null) return localDate(r.dueAt, ctx.timezone);
  const limit = limitsFor(ctx, r.service, submittedDate).promised;
  if (!limit) return null;
  return limitDate(submittedDate, limit, ctx.calendar);
}

/** Day-number readers of a derive context, made once per context (and per calendar). */
interface Clock {
  /** What the clock was made for: a context changed since gets a new clock. */
  made: { timezone: string; asOf: string; calendar: Calendar };
  day: (instantMs: number) => number;
  /** workingDaysBetween of two day numbers, in this calendar. */
  workingDays: (start: number, end: number) => number;
  /** Day number of ctx.asOf, or null when asOf is not a four-digit-year date (then the plain path runs). */
  asOf: number | null;
  calendar: Calendar;
  /** limitDay results by (submission day, days, unit). */
  limits: Map<number, number>;
}

const clocks = new WeakMap<DeriveContext, Clock>();

/** The last context asked for and its clock (a pass derives every request with one context): no WeakMap look-up per request. */
let lastContext: DeriveContext | undefined;
let lastClock: Clock | undefined;

function clockOf(ctx: DeriveContext): Clock {
  const last = lastClock;
  if (ctx === lastContext && last !== undefined && last.made.calendar === ctx.calendar && last.made.timezone === ctx.timezone && last.made.asOf === ctx.asOf) return last;
  let c = clocks.get(ctx);
  if (c === undefined || c.made.calendar !== ctx.calendar || c.made.timezone !== ctx.timezone || c.made.asOf !== ctx.asOf) {
    let asOf: number | null;
    try {
      asOf = dayNumber(ctx.asOf);
    } catch {
      asOf = null;
    }
    if (asOf !== null && (asOf < FIRST_DAY || asOf > LAST_DAY)) asOf = null;
    c = { made: { timezone: ctx.timezone, asOf: ctx.asOf, calendar: ctx.calendar }, day: zoneDays(ctx.timezone), workingDays: workingDaysCounter(ctx.calendar), asOf, calendar: ctx.calendar, limits: new Map() };
    clocks.set(ctx, c);
  }
  lastContext = ctx;
  lastClock = c;
  return c;
}

/** Day number of limitDate(date of `day`, limit): AFTER_CALENDAR is its own day number, later than any other. */
function limitDay(c: Clock, day: number, limit: TimeLimit): number {
  if (!Number.isInteger(limit.days) || limit.days < 0 || limit.days >= 4096) return dayNumber(limitDate(dayDate(day), limit, c.calendar));
  const key = (day * 4096 + limit.days) * 2 + (limit.unit === 'working' ? 1 : 0);
  let hit = c.limits.get(key);
  if (hit === undefined) {
    hit = dayNumber(limitDate(dayDate(day), limit, c.calendar));
    if (c.limits.size > 200_000) c.limits.clear();
    c.limits.set(key, hit);
  }
  return hit;
}

/**
 * Derives the figures of one request. Local dates are day numbers here (local-days.ts), turned
 * into strings once per day; the result equals deriveRequestPlain's. Unusual inputs (instants
 * outside four-digit years, an as-of that is no date) take the plain path.
 */
export function deriveRequest(r: CanonicalRequest, ctx: DeriveContext): DerivedClock {
  const c = clockOf(ctx);
  const asOf = c.asOf;
  const sDay = c.day(r.submittedAt);
  const hasClose = r.closedAt !== null && r.status !== 'open';
  const cDay = hasClose && r.closedAt !== null ? c.day(r.closedAt) : 0;
  const dDay = r.dueAt !== null ? c.day(r.dueAt) : 0;
  if (asOf === null || !(sDay >= FIRST_DAY && sDay <= LAST_DAY && cDay >= FIRST_DAY && cDay <= LAST_DAY && dDay >= FIRST_DAY && dDay <= LAST_DAY)) {
    return deriveRequestPlain(r, ctx);
  }
  const closed = hasClose && cDay <= asOf;
  const { promised, statutory } = limitsFor(ctx, r.service, sDay);
  // As dueDateOf: the source's due instant, else the promised limit from the submission date.
  let promisedDay: number | null = null;
  const dueDay = r.dueAt !== null ? dDay : promised ? (promisedDay = limitDay(c, sDay, promised)) : null;
  let workingDays: number | null = null;
  let onTime: boolean | null = null;
  if (closed && r.closedAt !== null) {
    workingDays = c.workingDays(sDay, cDay);
    if (r.dueAt !== null) onTime = r.closedAt <= r.dueAt;
    else if (dueDay !== null) onTime = cDay <= dueDay;
  }
  const promiseKept = closed && promised !== undefined ? cDay <= (promisedDay ?? limitDay(c, sDay, promised)) : null;
  const statutoryKept = closed && statutory !== undefined ? cDay <= limitDay(c, sDay, statutory) : null;
  const elapsedHours = closed && r.closedAt !== null ? Math.round((r.closedAt - r.submittedAt) / 360_000) / 10 : null;
  const ageWd = closed ? null : Math.max(0, c.workingDays(sDay, asOf));
  const overdue = !closed && dueDay !== null && dueDay < asOf;
  return {
    request: r,
    month: dayMonth(sDay),
    submittedDate: dayDate(sDay),
    closed,
    workingDays,
    dueDate: dueDay === null ? null : dayDate(dueDay),
    onTime,
    elapsedHours,
    promiseKept,
    statutoryKept,
    ageWd,
    overdue,
  };
}

/** Derives the figures of one request from local date strings (the reference deriveRequest is checked against). */
export function deriveRequestPlain(r: CanonicalRequest, ctx: DeriveContext): DerivedClock {
  const submittedDate = localDate(r.submittedAt, ctx.timezone);
  const month = submittedDate.slice(0, 7);
  const closedDate = r.closedAt !== null && r.status !== 'open' ? localDate(r.closedAt, ctx.timezone) : null;
  const closed = closedDate !== null && closedDate <= ctx.asOf;
  const dueDate = dueDateOf(r, submittedDate, ctx);
  let workingDays: number | null = null;
  let onTime: boolean | null = null;
  if (closed && closedDate !== null && r.closedAt !== null) {
    workingDays = workingDaysBetween(submittedDate, closedDate, ctx.calendar);
    if (r.dueAt !== null) onTime = r.closedAt <= r.dueAt;
    else if (dueDate !== null) onTime = closedDate <= dueDate;
  }
  const limitKept = (limit: TimeLimit | undefined): boolean | null =>
    closed && closedDate !== null && limit !== undefined ? closedDate <= limitDate(submittedDate, limit, ctx.calendar) : null;
  const { promised, statutory } = limitsFor(ctx, r.service, submittedDate);
  const elapsedHours = closed && r.closedAt !== null ? Math.round((r.closedAt - r.submittedAt) / 360_000) / 10 : null;
  const ageWd = closed ? null : Math.max(0, workingDaysBetween(submittedDate, ctx.asOf, ctx.calendar));
  const overdue = !closed && dueDate !== null && dueDate < ctx.asOf;
  return {
    request: r,
    month,
    submittedDate,
    closed,
    workingDays,
    dueDate,
    onTime,
    elapsedHours,
    promiseKept: limitKept(promised),
    statutoryKept: limitKept(statutory),
    ageWd,
    overdue,
  };
}

/** Derives every request, keeping input order. */
export function deriveAll(requests: readonly CanonicalRequest[], ctx: DeriveContext): DerivedClock[] {
  return requests.map((r) => deriveRequest(r, ctx));
}
