/**
 * Local wall-clock time as plain integers, so no time zone or locale is ever consulted.
 * A "local second" counts seconds since 1970-01-01 00:00:00 on the city's wall clock
 * (Asia/Shanghai, UTC+8, no daylight saving); a "day" counts days since 1970-01-01.
 */

export const DAY = 86_400;
export const HOUR = 3_600;
export const MINUTE = 60;

/** Day number of a civil date (proleptic Gregorian), by Howard Hinnant's days_from_civil. */
export function dayOf(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** Civil date of a day number. */
export function civil(day: number): { y: number; m: number; d: number } {
  const z = day + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { y: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d };
}

/** Day of week, 0 = Sunday … 6 = Saturday. */
export function weekday(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

/** Day number of an ISO date "YYYY-MM-DD". */
export function parseIsoDay(text: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) throw new Error(`expected a date as YYYY-MM-DD, got "${text}"`);
  return dayOf(Number(m[1]), Number(m[2]), Number(m[3]));
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

/** "YYYY-MM-DD HH:mm:ss". */
export function formatIso(sec: number): string {
  const day = Math.floor(sec / DAY);
  const s = sec - day * DAY;
  const { y, m, d } = civil(day);
  return `${y}-${pad2(m)}-${pad2(d)} ${pad2(Math.floor(s / HOUR))}:${pad2(Math.floor((s % HOUR) / MINUTE))}:${pad2(s % MINUTE)}`;
}

/** "YYYY/M/D H:mm" (the hall system's format: no zero padding, no seconds). */
export function formatSlash(sec: number): string {
  const day = Math.floor(sec / DAY);
  const s = sec - day * DAY;
  const { y, m, d } = civil(day);
  return `${y}/${m}/${d} ${Math.floor(s / HOUR)}:${pad2(Math.floor((s % HOUR) / MINUTE))}`;
}

/** "YYYYMMDD" of a day. */
export function compactDate(day: number): string {
  const { y, m, d } = civil(day);
  return `${y}${pad2(m)}${pad2(d)}`;
}

/** Working-day calendar: holidays and make-up workdays (调休) as day numbers. */
export interface Calendar {
  holidays: ReadonlySet<number>;
  workdays: ReadonlySet<number>;
  /** Spring Festival holiday periods, [first, last] day numbers. */
  springFestivals: readonly (readonly [number, number])[];
}

/** Whether `day` is a working day under `cal` (weekends off unless made up; holidays off). */
export function isWorkday(cal: Calendar, day: number): boolean {
  if (cal.workdays.has(day)) return true;
  if (cal.holidays.has(day)) return false;
  const w = weekday(day);
  return w !== 0 && w !== 6;
}

/** Fast working-day arithmetic over a fixed range of days. */
export interface WorkdayIndex {
  isWorkday(day: number): boolean;
  /** The working day `n` working days after `day` (n ≥ 1); from a non-working day, counts from the next one. */
  addWorkdays(day: number, n: number): number;
  /** The first working day on or after `day`. */
  nextWorkday(day: number): number;
}

/** Precomputes working days for [first, last]; days outside fall back to weekends-only. */
export function workdayIndex(cal: Calendar, first: number, last: number): WorkdayIndex {
  const list: number[] = [];
  const before = new Int32Array(last - first + 2);
  for (let day = first; day <= last; day++) {
    before[day - first] = list.length;
    if (isWorkday(cal, day)) list.push(day);
  }
  before[last - first + 1] = list.length;
  const slowAdd = (day: number, n: number): number => {
    let d = day;
    let left = n;
    while (left > 0) {
      d++;
      if (isWorkday(cal, d)) left--;
    }
    return d;
  };
  return {
    isWorkday: (day) => isWorkday(cal, day),
    addWorkdays: (day, n) => {
      if (day < first || day > last) return slowAdd(day, n);
      const i = (before[day - first] ?? 0) + (isWorkday(cal, day) ? 0 : -1) + n;
      const hit = list[i];
      return hit ?? slowAdd(day, n);
    },
    nextWorkday: (day) => {
      let d = day;
      while (!isWorkday(cal, d)) d++;
      return d;
    },
  };
}
