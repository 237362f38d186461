/**
 * Working-day calendar: holidays and make-up workdays per year from data/calendar/*.yaml.
 * Dates are local 'YYYY-MM-DD' strings; arithmetic is done on UTC day numbers, so the
 * machine's time zone never matters. Any date in a year without a calendar file throws.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { parseYamlText, validateYaml } from '../config/yaml-file.ts';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected "YYYY-MM-DD"');
// YAML 1.2 parses 2024-01-01 as a string with the `yaml` package's default schema; accept Date too.
const dateLike = z.union([isoDate, z.date().transform((d) => d.toISOString().slice(0, 10))]);

const calendarFileSchema = z.object({
  year: z.number().int().min(1900).max(2200),
  source: z.string().optional(),
  holidays: z
    .array(
      z.union([
        z.object({ date: dateLike, name: z.string().optional() }),
        z.object({ from: dateLike, to: dateLike, name: z.string().optional() }),
      ]),
    )
    .default([]),
  workdays: z.array(dateLike).default([]),
});

/** A working-day calendar over whole years. Build with `buildCalendar` or `loadCalendar`. */
export interface Calendar {
  /** Years covered. */
  years: ReadonlySet<number>;
  /** Holidays (days off that would otherwise be working days, or any day off listed). */
  holidays: ReadonlySet<string>;
  /** Make-up working days on a Saturday or Sunday. */
  workdays: ReadonlySet<string>;
  /** First day number covered and cumulative working-day counts from it (prefix[i] = working days in [first, first+i]). */
  firstDay: number;
  prefix: Int32Array;
}

const DAY_MS = 86_400_000;

const dayCache = new Map<string, number>();
const dateCache = new Map<number, string>();

/** Day number (days since 1970-01-01) of a 'YYYY-MM-DD' date. */
export function dayNumber(date: string): number {
  const cached = dayCache.get(date);
  if (cached !== undefined) return cached;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) throw new Error(`not a date "YYYY-MM-DD": "${date}"`);
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) {
    throw new Error(`not a calendar date: "${date}"`);
  }
  const day = ms / DAY_MS;
  if (dayCache.size < 100_000) dayCache.set(date, day);
  return day;
}

/** 'YYYY-MM-DD' of a day number. */
export function dateOfDay(day: number): string {
  const cached = dateCache.get(day);
  if (cached !== undefined) return cached;
  const date = new Date(day * DAY_MS).toISOString().slice(0, 10);
  if (dateCache.size < 100_000) dateCache.set(day, date);
  return date;
}

/** Day of week, 0 = Sunday .. 6 = Saturday (1970-01-01 was a Thursday). */
function weekday(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

function yearOf(date: string): number {
  return Number(date.slice(0, 4));
}

/** Builds a calendar from parsed year files. Throws naming the file on an inconsistent entry. */
export function buildCalendar(files: { path: string; data: unknown }[]): Calendar {
  const years = new Set<number>();
  const holidays = new Set<string>();
  const workdays = new Set<string>();
  for (const { path, data } of files) {
    const cal = validateYaml(path, data, calendarFileSchema);
    if (years.has(cal.year)) throw new Error(`${path}: key "year": ${cal.year} is defined twice`);
    years.add(cal.year);
    const inYear = (date: string, key: string): string => {
      dayNumber(date);
      if (yearOf(date) !== cal.year) throw new Error(`${path}: key "${key}": ${date} is not in ${cal.year}`);
      return date;
    };
    cal.holidays.forEach((h, i) => {
      if ('date' in h) {
        holidays.add(inYear(h.date, `holidays.${i}.date`));
      } else {
        const from = dayNumber(inYear(h.from, `holidays.${i}.from`));
        const to = dayNumber(inYear(h.to, `holidays.${i}.to`));
        if (to < from) throw new Error(`${path}: key "holidays.${i}": "to" (${h.to}) is before "from" (${h.from})`);
        for (let d = from; d <= to; d++) holidays.add(dateOfDay(d));
      }
    });
    cal.workdays.forEach((w, i) => {
      inYear(w, `workdays.${i}`);
      if (holidays.has(w)) throw new Error(`${path}: key "workdays.${i}": ${w} is also listed as a holiday`);
      workdays.add(w);
    });
  }
  if (years.size === 0) throw new Error('no working-day calendar: add data/calendar/<year>.yaml files');
  const sorted = [...years].sort((a, b) => a - b);
  const first = sorted[0] ?? 0;
  const last = sorted[sorted.length - 1] ?? 0;
  const firstDay = dayNumber(`${String(first).padStart(4, '0')}-01-01`);
  const lastDay = dayNumber(`${String(last).padStart(4, '0')}-12-31`);
  const prefix = new Int32Array(lastDay - firstDay + 1);
  let count = 0;
  for (let d = firstDay; d <= lastDay; d++) {
    const date = dateOfDay(d);
    const wd = weekday(d);
    const working = workdays.has(date) || (wd !== 0 && wd !== 6 && !holidays.has(date));
    if (working) count++;
    prefix[d - firstDay] = count;
  }
  return { years, holidays, workdays, firstDay, prefix };
}

/** Loads every <year>.yaml in `dir` (data/calendar), sorted by name. */
export function loadCalendar(dir: string): Calendar {
  const names = readdirSync(dir)
    .filter((n) => /\.ya?ml$/.test(n))
    .sort();
  return buildCalendar(
    names.map((n) => {
      const path = join(dir, n);
      return { path, data: parseYamlText(path, readFileSync(path, 'utf8')) };
    }),
  );
}

function covered(date: string, calendar: Calendar): number {
  const day = dayNumber(date);
  const year = yearOf(date);
  if (!calendar.years.has(year)) {
    throw new Error(`no working-day calendar for ${year} (date ${date}): add data/calendar/${year}.yaml`);
  }
  return day;
}

/** True when `date` is a working day: a weekday that is not a holiday, or a make-up workday. */
export function isWorkingDay(date: string, calendar: Calendar): boolean {
  const day = covered(date, calendar);
  const i = day - calendar.firstDay;
  return (calendar.prefix[i] ?? 0) - (i > 0 ? (calendar.prefix[i - 1] ?? 0) : 0) === 1;
}

/**
 * Working days in (start, end]: the same day gives 0, Friday to the next Monday gives 1.
 * When end is before start the result is minus the working days in (end, start].
 */
export function workingDaysBetween(start: string, end: string, calendar: Calendar): number {
  const s = covered(start, calendar) - calendar.firstDay;
  const e = covered(end, calendar) - calendar.firstDay;
  return (calendar.prefix[e] ?? 0) - (calendar.prefix[s] ?? 0);
}

const coveredDays = new WeakMap<Calendar, Uint8Array>();

/** 1 for each day (from calendar.firstDay) of a year the calendar covers, made once per calendar. */
function coveredTable(calendar: Calendar): Uint8Array {
  let t = coveredDays.get(calendar);
  if (t === undefined) {
    t = Uint8Array.from({ length: calendar.prefix.length }, (_, i) => (calendar.years.has(Number(dateOfDay(calendar.firstDay + i).slice(0, 4))) ? 1 : 0));
    coveredDays.set(calendar, t);
  }
  return t;
}

/**
 * workingDaysBetween of two day numbers (no strings for covered days; a day outside the
 * calendar throws as workingDaysBetween does).
 */
export function workingDaysBetweenDays(start: number, end: number, calendar: Calendar): number {
  const covered = coveredTable(calendar);
  const s = start - calendar.firstDay;
  const e = end - calendar.firstDay;
  if (covered[s] === 1 && covered[e] === 1) return (calendar.prefix[e] ?? 0) - (calendar.prefix[s] ?? 0);
  return workingDaysBetween(dateOfDay(start), dateOfDay(end), calendar);
}

/** workingDaysBetweenDays bound to one calendar (its table of covered days looked up once), for a loop over many requests. */
export function workingDaysCounter(calendar: Calendar): (start: number, end: number) => number {
  const covered = coveredTable(calendar);
  const first = calendar.firstDay;
  const prefix = calendar.prefix;
  return (start, end) => {
    const s = start - first;
    const e = end - first;
    if (covered[s] === 1 && covered[e] === 1) return (prefix[e] ?? 0) - (prefix[s] ?? 0);
    return workingDaysBetween(dateOfDay(start), dateOfDay(end), calendar);
  };
}

/**
 * The date n working days after `date`, or null when it falls after the last calendar year
 * (its exact date is unknown, but it is later than every date the calendar covers).
 */
export function addWorkingDaysWithin(date: string, n: number, calendar: Calendar): string | null {
  if (!Number.isInteger(n) || n < 0) throw new Error(`addWorkingDays: n must be a non-negative integer, got ${n}`);
  const start = covered(date, calendar) - calendar.firstDay;
  if (n === 0) return date;
  const target = (calendar.prefix[start] ?? 0) + n;
  const p = calendar.prefix;
  let i = start + 1;
  while (i < p.length && (p[i] ?? 0) < target) i++;
  return i >= p.length ? null : dateOfDay(calendar.firstDay + i);
}

/** The date n working days after `date` (n = 0 gives `date` itself); workingDaysBetween(date, result) = n. */
export function addWorkingDays(date: string, n: number, calendar: Calendar): string {
  if (!Number.isInteger(n) || n < 0) throw new Error(`addWorkingDays: n must be a non-negative integer, got ${n}`);
  const start = covered(date, calendar) - calendar.firstDay;
  if (n === 0) return date;
  const target = (calendar.prefix[start] ?? 0) + n;
  const p = calendar.prefix;
  let i = start + 1;
  while (i < p.length && (p[i] ?? 0) < target) i++;
  const result = dateOfDay(calendar.firstDay + i);
  if (i >= p.length) {
    throw new Error(`no working-day calendar for ${yearOf(result)} (${n} working days after ${date}): add data/calendar/${yearOf(result)}.yaml`);
  }
  covered(result, calendar);
  return result;
}

/** The date n natural (calendar) days after `date`. */
export function addNaturalDays(date: string, n: number): string {
  if (!Number.isInteger(n)) throw new Error(`addNaturalDays: n must be an integer, got ${n}`);
  return dateOfDay(dayNumber(date) + n);
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const localCaches = new Map<string, Map<number, string>>();
/** Every current and recent UTC offset is a whole number of quarter hours, so the local date is constant within one. */
const QUARTER_HOUR = 15 * 60_000;

/** The local date 'YYYY-MM-DD' of an instant in `timezone` (never the machine's zone). */
export function localDate(instantMs: number, timezone: string): string {
  let cache = localCaches.get(timezone);
  if (!cache) {
    cache = new Map();
    localCaches.set(timezone, cache);
  }
  const bucket = Math.floor(instantMs / QUARTER_HOUR);
  const hit = cache.get(bucket);
  if (hit !== undefined) return hit;
  let f = formatters.get(timezone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timezone, f);
  }
  let y = '';
  let m = '';
  let d = '';
  for (const p of f.formatToParts(bucket * QUARTER_HOUR)) {
    if (p.type === 'year') y = p.value;
    else if (p.type === 'month') m = p.value;
    else if (p.type === 'day') d = p.value;
  }
  if (y.length !== 4 || m.length !== 2 || d.length !== 2) throw new Error(`localDate: cannot format ${instantMs} in ${timezone}`);
  const date = `${y}-${m}-${d}`;
  if (cache.size > 500_000) cache.clear();
  cache.set(bucket, date);
  return date;
}
