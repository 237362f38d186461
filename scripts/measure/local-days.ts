/**
 * Local day numbers (days since 1970-01-01 of the local date) of instants in a time zone, for
 * a pass over millions of instants: `localDay(t, zone)` is exactly `dayNumber(localDate(t,
 * zone))` (calendar.ts), but costs two array reads instead of a map look-up and a string.
 *
 * How: localDate takes the date of the quarter hour holding t. Per UTC day, the zone's offset
 * is read with Intl at five instants (0h, 6h, 12h, 18h and the day's last quarter hour); when
 * they agree, every quarter hour of that day is taken to have that offset (no zone changes its
 * offset twice within six hours; tests check this against localDate over years of DST zones)
 * and its local day is floor((quarter hour + offset) / day). Days with a change, and anything
 * unusual (dates outside years 1000..9999, instants that are not finite numbers), go through
 * localDate itself.
 * `dayDate` and `dayMonth` give the 'YYYY-MM-DD' and 'YYYY-MM' strings of a day, one shared
 * string per day.
 */
import { dateOfDay, dayNumber, localDate } from './calendar.ts';

const DAY_MS = 86_400_000;
/** As calendar.ts: the local date is taken at the start of the instant's quarter hour. */
const QUARTER_HOUR = 15 * 60_000;
/** Offsets table: not read yet, and a day whose offset changes (use localDate). */
const UNKNOWN = -0x80000000;
const CHANGES = 0x7fffffff;
/** Day numbers of 1000-01-01 and 9999-12-31: four-digit years, where 'YYYY-MM-DD' order is day order. */
export const FIRST_DAY = -354_285;
export const LAST_DAY = 2_932_896;

/** One zone's offsets (ms) per UTC day, read when first needed. */
class ZoneDays {
  private readonly timezone: string;
  private readonly format: Intl.DateTimeFormat;
  /** UTC day of offsets[0]. */
  private base = 0;
  private offsets = new Int32Array(0);

  constructor(timezone: string) {
    this.timezone = timezone;
    this.format = new Intl.DateTimeFormat('en-US', {
      timeZone: timezone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      numberingSystem: 'latn',
    });
  }

  /** Local day number of the instant (as dayNumber(localDate(t, zone))). */
  day(t: number): number {
    const q = Math.floor(t / QUARTER_HOUR) * QUARTER_HOUR;
    const u = Math.floor(q / DAY_MS);
    let i = u - this.base;
    if (!(i >= 0 && i < this.offsets.length)) {
      // Not a finite instant, or far outside four-digit years: localDate says what it is (or throws).
      if (!(u >= FIRST_DAY - 2 && u <= LAST_DAY + 2)) return dayNumber(localDate(t, this.timezone));
      this.cover(u);
      i = u - this.base;
    }
    let off = this.offsets[i] ?? UNKNOWN;
    if (off === UNKNOWN) {
      off = this.offsetOfDay(u);
      this.offsets[i] = off;
    }
    if (off === CHANGES) return dayNumber(localDate(t, this.timezone));
    return Math.floor((q + off) / DAY_MS);
  }

  /** Grows the table to hold UTC day u (and a year around it). */
  private cover(u: number): void {
    const from = this.offsets.length === 0 ? u - 366 : Math.min(this.base, u - 366);
    const to = this.offsets.length === 0 ? u + 366 : Math.max(this.base + this.offsets.length, u + 366);
    const next = new Int32Array(to - from).fill(UNKNOWN);
    if (this.offsets.length > 0) next.set(this.offsets, this.base - from);
    this.base = from;
    this.offsets = next;
  }

  /** The zone's offset over UTC day u, or CHANGES when it is not one offset all day (or the date is unusual). */
  private offsetOfDay(u: number): number {
    const start = u * DAY_MS;
    const probes = [start, start + 6 * 3_600_000, start + 12 * 3_600_000, start + 18 * 3_600_000, start + DAY_MS - QUARTER_HOUR];
    let off: number | null = null;
    for (const t of probes) {
      const o = this.offsetAt(t);
      if (o === null || (off !== null && o !== off)) return CHANGES;
      off = o;
    }
    if (off === null || Math.abs(off) >= CHANGES) return CHANGES;
    const first = Math.floor((start + off) / DAY_MS);
    const last = Math.floor((start + DAY_MS - QUARTER_HOUR + off) / DAY_MS);
    return first >= FIRST_DAY && last <= LAST_DAY ? off : CHANGES;
  }

  /** Local wall time minus UTC at instant t (ms), or null when the parts are not as expected. */
  private offsetAt(t: number): number | null {
    let y = NaN;
    let mo = NaN;
    let d = NaN;
    let h = NaN;
    let mi = NaN;
    let s = NaN;
    for (const p of this.format.formatToParts(t)) {
      if (p.type === 'year') y = Number(p.value);
      else if (p.type === 'month') mo = Number(p.value);
      else if (p.type === 'day') d = Number(p.value);
      else if (p.type === 'hour') h = Number(p.value);
      else if (p.type === 'minute') mi = Number(p.value);
      else if (p.type === 'second') s = Number(p.value);
      else if (p.type === 'era') return null;
    }
    if (![y, mo, d, h, mi, s].every(Number.isInteger) || y < 1000 || y > 9999) return null;
    return Date.UTC(y, mo - 1, d, h, mi, s) - Math.floor(t / 1000) * 1000;
  }
}

const zones = new Map<string, ZoneDays>();

/** The local day number of an instant in `timezone`: exactly dayNumber(localDate(instantMs, timezone)). */
export function localDay(instantMs: number, timezone: string): number {
  let z = zones.get(timezone);
  if (z === undefined) {
    z = new ZoneDays(timezone);
    zones.set(timezone, z);
  }
  return z.day(instantMs);
}

/** A zone's day reader, for a loop over one zone's instants (skips the look-up by name). */
export function zoneDays(timezone: string): (instantMs: number) => number {
  let z = zones.get(timezone);
  if (z === undefined) {
    z = new ZoneDays(timezone);
    zones.set(timezone, z);
  }
  const zone = z;
  return (t) => zone.day(t);
}

/**
 * Strings per day number, made once: in arrays over a window of days around the first day asked
 * for (array reads, where a pass spends its days), in maps outside it (bounded: past 200,000 days
 * they are made each time). A day is always in the window or always out of it: one string a day.
 */
const WINDOW = 1 << 14;
let windowStart: number | null = null;
const windowDates = new Array<string | undefined>(WINDOW).fill(undefined);
const windowMonths = new Array<string | undefined>(WINDOW).fill(undefined);
const dates = new Map<number, string>();
const months = new Map<number, string>();

/** Index of `day` in the window, or -1 (the window starts half a window before the first day asked for). */
function windowIndex(day: number): number {
  if (windowStart === null) {
    if (!Number.isInteger(day)) return -1;
    windowStart = day - WINDOW / 2;
  }
  const j = day - windowStart;
  return j >= 0 && j < WINDOW && Number.isInteger(j) ? j : -1;
}

/** 'YYYY-MM-DD' of a day number (the same string object every time). */
export function dayDate(day: number): string {
  const j = windowIndex(day);
  let s = j >= 0 ? windowDates[j] : dates.get(day);
  if (s === undefined) {
    s = dateOfDay(day);
    if (j >= 0) windowDates[j] = s;
    else if (dates.size < 200_000) dates.set(day, s);
  }
  return s;
}

/** 'YYYY-MM' of a day number (the same string object every time). */
export function dayMonth(day: number): string {
  const j = windowIndex(day);
  let s = j >= 0 ? windowMonths[j] : months.get(day);
  if (s === undefined) {
    s = dateOfDay(day).slice(0, 7);
    if (j >= 0) windowMonths[j] = s;
    else if (months.size < 200_000) months.set(day, s);
  }
  return s;
}
