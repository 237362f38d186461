/**
 * Per-request derived figures: local month, working days to close, due date and on-time.
 * All local dates use the city's time zone, whose working-day calendar applies.
 */
import type { CanonicalRequest } from '../ingest/canonical.ts';
import type { TimeLimit } from '../../src/lib/content-schema.ts';
import { addNaturalDays, addWorkingDays, localDate, workingDaysBetween, type Calendar } from './calendar.ts';

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
  /** Local due date: the source's due instant, else the guide's promised limit from the submission date; null when none. */
  dueDate: string | null;
  /** Closed by the due date; null when not closed or no due date. */
  onTime: boolean | null;
}

export interface DeriveContext {
  calendar: Calendar;
  /** The city's IANA time zone. */
  timezone: string;
  /** As-of date 'YYYY-MM-DD': requests closed after it count as open. */
  asOf: string;
  /** Promised limit per service id (from the guides). */
  promised: ReadonlyMap<string, TimeLimit>;
}

/** Due local date for a request, or null. */
export function dueDateOf(r: CanonicalRequest, submittedDate: string, ctx: DeriveContext): string | null {
  if (r.dueAt !== null) return localDate(r.dueAt, ctx.timezone);
  const limit = r.service === null ? undefined : ctx.promised.get(r.service);
  if (!limit) return null;
  return limit.unit === 'working'
    ? addWorkingDays(submittedDate, limit.days, ctx.calendar)
    : addNaturalDays(submittedDate, limit.days);
}

/** Derives the figures of one request. */
export function deriveRequest(r: CanonicalRequest, ctx: DeriveContext): Derived {
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
  return { request: r, month, submittedDate, closed, workingDays, dueDate, onTime };
}

/** Derives every request, keeping input order. */
export function deriveAll(requests: readonly CanonicalRequest[], ctx: DeriveContext): Derived[] {
  return requests.map((r) => deriveRequest(r, ctx));
}
