// Geometry of a calendar heatmap of daily volume: weeks as columns (Monday first), weekdays as
// rows, month labels on top, five labelled colour classes. Dates are UTC calendar days. Pure.
import { scaleLinear } from 'd3';
import { type ChartLocale, formatValue } from './chart-format.ts';
import type { ChartTable } from './chart-figure.ts';
import { sequentialClasses } from './chart-colour.ts';

const DATE_RE = /^(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of a "YYYY-MM-DD"; throws on anything else (including 2025-02-30). */
export function dayNumber(date: string): number {
  const m = DATE_RE.exec(date);
  const n = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / DAY_MS : NaN;
  if (!m || isoDate(n) !== date) throw new Error(`Calendar date "${date}" is not a real YYYY-MM-DD date (e.g. "2025-03-31"); fix the data passed to the chart.`);
  return n;
}

/** Inverse of dayNumber. */
export function isoDate(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** Weekday row of a day number: 0 = Monday … 6 = Sunday. */
export function weekdayRow(day: number): number {
  return (new Date(day * DAY_MS).getUTCDay() + 6) % 7;
}

/** Column (week) and row (weekday) of each day from `start` to `end` inclusive, Monday-first weeks. */
export function calendarLayout(start: string, end: string): { date: string; week: number; weekday: number }[] {
  const a = dayNumber(start);
  const b = dayNumber(end);
  if (b < a) throw new Error(`Calendar: end ${end} is before start ${start}.`);
  const offset = weekdayRow(a);
  const out: { date: string; week: number; weekday: number }[] = [];
  for (let d = a; d <= b; d++) out.push({ date: isoDate(d), week: Math.floor((d - a + offset) / 7), weekday: weekdayRow(d) });
  return out;
}

/** Five class upper bounds over [0, max], nice; a value v falls in the first class with v ≤ bound. */
export function classBounds(max: number, classes = 5): number[] {
  const top = scaleLinear().domain([0, Math.max(classes, max)]).nice(classes).domain()[1] as number;
  const step = Math.ceil(top / classes);
  return Array.from({ length: classes }, (_, i) => step * (i + 1));
}

/** Inputs of calendarModel. */
export interface CalendarInput {
  locale: ChartLocale;
  /** Count per "YYYY-MM-DD"; null = suppressed; a date absent inside the range = no record. */
  values: Readonly<Record<string, number | null>>;
  /** First and last day shown (inclusive). */
  start: string;
  end: string;
  /** Legend and table words. */
  words: { suppressed: string; missing: string; month: string; day: (n: number) => string };
}

/** Everything CalendarHeatmap.astro prints; coordinates plot-relative. */
export interface CalendarModel {
  width: number;
  height: number;
  margin: { top: number; right: number; bottom: number; left: number };
  cell: number;
  pitch: number;
  cells: { x: number; y: number; state: 'value' | 'suppressed' | 'missing'; fill: string; title: string }[];
  monthLabels: { x: number; label: string }[];
  weekdayLabels: { y: number; label: string }[];
  legend: { fill: string; label: string }[];
  anySuppressed: boolean;
  anyMissing: boolean;
  table: ChartTable;
}

export const CALENDAR_LAYOUT = { cell: 11, pitch: 13, fontSize: 11 } as const;

const formats = new Map<string, Intl.DateTimeFormat>();
function dtf(locale: ChartLocale, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let f = formats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' });
    formats.set(key, f);
  }
  return f;
}

/** Lays out the calendar; negative or non-finite values throw, dates outside the range are ignored. */
export function calendarModel(input: CalendarInput): CalendarModel {
  const { locale, values, start, end, words } = input;
  const { cell, pitch } = CALENDAR_LAYOUT;
  for (const [date, v] of Object.entries(values)) {
    dayNumber(date);
    if (v !== null && !(Number.isFinite(v) && v >= 0)) throw new Error(`Calendar: ${date} has ${String(v)}; daily values must be finite and ≥ 0 (null for suppressed).`);
  }
  const days = calendarLayout(start, end);
  const inRange = days.map((d) => values[d.date]).filter((v): v is number => typeof v === 'number');
  const bounds = classBounds(Math.max(0, ...inRange));
  const fills = sequentialClasses(bounds.length);
  const num = (v: number) => formatValue(v, 'number', locale);
  const fullDate = dtf(locale, { year: 'numeric', month: 'long', day: 'numeric', weekday: 'short' });
  const margin = { top: 20, right: 4, bottom: 4, left: 36 };
  const weeks = (days.at(-1)?.week ?? 0) + 1;

  const cells = days.map((d) => {
    const v = d.date in values ? (values[d.date] ?? null) : undefined;
    const when = fullDate.format(new Date(dayNumber(d.date) * DAY_MS));
    const base = { x: d.week * pitch, y: d.weekday * pitch };
    if (v === undefined) return { ...base, state: 'missing' as const, fill: '#ffffff', title: `${when}: ${words.missing}` };
    if (v === null) return { ...base, state: 'suppressed' as const, fill: '', title: `${when}: — ${words.suppressed}` };
    const k = bounds.findIndex((b) => v <= b);
    return { ...base, state: 'value' as const, fill: fills[k < 0 ? fills.length - 1 : k] as string, title: `${when}: ${num(v)}` };
  });

  const monthFmt = dtf(locale, { month: 'short' });
  const monthLabels: { x: number; label: string }[] = [];
  for (const d of days) {
    if (d.date.endsWith('-01') || d === days[0]) {
      const x = d.week * pitch;
      const prev = monthLabels.at(-1);
      if (prev && x - prev.x < 3 * pitch) monthLabels.pop();
      monthLabels.push({ x, label: monthFmt.format(new Date(dayNumber(d.date) * DAY_MS)) });
    }
  }
  const weekdayFmt = dtf(locale, { weekday: 'short' });
  const weekdayLabels = [0, 2, 4].map((row) => ({ y: row * pitch + cell / 2, label: weekdayFmt.format(new Date((4 + row) * DAY_MS)) })); // day 4 = Mon 1970-01-05

  const months = [...new Set(days.map((d) => d.date.slice(0, 7)))];
  const shown = new Set(days.map((d) => d.date));
  const monthLong = dtf(locale, { year: 'numeric', month: 'short' });
  return {
    width: margin.left + weeks * pitch + margin.right,
    height: margin.top + 7 * pitch + margin.bottom,
    margin,
    cell,
    pitch,
    cells,
    monthLabels,
    weekdayLabels,
    legend: bounds.map((b, i) => ({ fill: fills[i] as string, label: `${num(i === 0 ? 0 : (bounds[i - 1] as number) + 1)}–${num(b)}` })),
    anySuppressed: cells.some((c) => c.state === 'suppressed'),
    anyMissing: cells.some((c) => c.state === 'missing'),
    table: {
      columns: [words.month, ...Array.from({ length: 31 }, (_, i) => words.day(i + 1))],
      rows: months.map((ym) => ({
        head: monthLong.format(new Date(`${ym}-01T00:00:00Z`)),
        cells: Array.from({ length: 31 }, (_, i) => {
          const date = `${ym}-${String(i + 1).padStart(2, '0')}`;
          if (!shown.has(date)) return '';
          return formatValue(values[date] ?? null, 'number', locale);
        }),
      })),
    },
  };
}
