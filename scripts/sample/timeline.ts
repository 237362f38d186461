/**
 * The sample's time frame and the shape of demand over it: the 24-month window, the
 * Spring Festival dip and post-holiday peak, weekday/weekend and hour-of-day patterns.
 */
import { CITY_SEASON } from './city.ts';
import { cumulative, drawIndex, type Rng } from './prng.ts';
import { civil, DAY, dayOf, HOUR, MINUTE, weekday, type Calendar, type WorkdayIndex } from './time.ts';

/** First and last local days of submissions, and the as-of instant (end of the last day). */
export const FIRST_DAY = dayOf(2024, 11, 1);
export const LAST_DAY = dayOf(2026, 10, 31);
export const AS_OF_END = (LAST_DAY + 1) * DAY;

/** Everything the row generators share. */
export interface Context {
  calendar: Calendar;
  work: WorkdayIndex;
}

/** Position of `day` in the window, 0 at the start and 1 at the end (for trends). */
export function progress(day: number): number {
  return (day - FIRST_DAY) / (LAST_DAY - FIRST_DAY);
}

/** Month (1–12) of a day. */
export function monthOf(day: number): number {
  return civil(day).m;
}

/** Multiplier around the Spring Festival: low during it, a dip before, a rush after. */
export function springFactor(calendar: Calendar, day: number): number {
  for (const [from, to] of calendar.springFestivals) {
    if (day >= from && day <= to) return 0.45;
    if (day >= from - 6 && day < from) return 0.8;
    if (day > to && day <= to + 14) return 1.3;
  }
  return 1;
}

/** Relative hotline volume of a day: weekends and holidays are quieter. */
export function hotlineDayFactor(ctx: Context, day: number): number {
  const w = weekday(day);
  let f = ctx.work.isWorkday(day) ? 1 : w === 0 || w === 6 ? 0.7 : 0.62;
  if (ctx.calendar.workdays.has(day)) f = 0.95;
  return f * springFactor(ctx.calendar, day) * (1 + 0.12 * progress(day));
}

/** Relative hall volume of a working day (non-working days only see online submissions). */
export function hallDayFactor(ctx: Context, day: number): number {
  return springFactor(ctx.calendar, day) * (1 + 0.1 * progress(day));
}

const CALL_HOURS = [0.3, 0.15, 0.1, 0.08, 0.08, 0.15, 0.4, 1.1, 3, 5, 5.5, 5, 3, 3.5, 5, 5, 4.5, 3.5, 2.2, 2, 1.9, 1.5, 0.9, 0.5];
const ONLINE_HOURS = [0.4, 0.2, 0.1, 0.05, 0.05, 0.1, 0.3, 0.8, 1.8, 3, 3.5, 3.3, 2.2, 2.4, 3.2, 3.2, 3, 2.6, 2, 2.2, 2.6, 2.5, 1.6, 0.9];
/** Opening slots of hall windows (9:00–12:00, 13:30–17:30) and how busy each is. */
const WINDOW_SLOTS = [9, 10, 11, 13.5, 14.5, 15.5, 16.5].map((h) => h * HOUR);
const WINDOW_WEIGHTS = [4, 5, 3.5, 3, 4.5, 4, 2.6];
const CALL_CUM = cumulative(CALL_HOURS);
const ONLINE_CUM = cumulative(ONLINE_HOURS);
const WINDOW_CUM = cumulative(WINDOW_WEIGHTS);

/** Second of day for a call to the hotline (nights are rare). */
export function callSecond(rng: Rng): number {
  return drawIndex(CALL_CUM, rng) * HOUR + rng.int(HOUR);
}

/** Second of day for an online or mobile submission. */
export function onlineSecond(rng: Rng): number {
  return drawIndex(ONLINE_CUM, rng) * HOUR + rng.int(HOUR);
}

/** Second of day for a submission at a hall window (9:00–12:00, 13:30–17:30). */
export function windowSecond(rng: Rng): number {
  return (WINDOW_SLOTS[drawIndex(WINDOW_CUM, rng)] ?? 9 * HOUR) + rng.int(HOUR);
}

/** An instant during office hours (9:00–17:30) of `day`, not before `notBefore`. */
export function officeInstant(rng: Rng, day: number, notBefore: number): number {
  const start = Math.max(day * DAY + 9 * HOUR, notBefore + 5 * MINUTE);
  const end = day * DAY + 17 * HOUR + 30 * MINUTE;
  if (start >= end) return start + rng.int(20 * MINUTE);
  return start + rng.int(end - start);
}

/** Splits `total` over days in proportion to `weights`, exactly (cumulative rounding). */
export function allocate(total: number, weights: readonly number[]): number[] {
  let sum = 0;
  for (const w of weights) sum += w;
  const out: number[] = [];
  let cum = 0;
  let given = 0;
  for (const w of weights) {
    cum += w;
    const upTo = Math.round((total * cum) / sum);
    out.push(upTo - given);
    given = upTo;
  }
  return out;
}

/** City-wide seasonal multiplier of a month (1–12). */
export function citySeason(month: number): number {
  return CITY_SEASON[month - 1] ?? 1;
}
