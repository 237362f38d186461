import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import {
  addNaturalDays,
  addWorkingDays,
  buildCalendar,
  isWorkingDay,
  loadCalendar,
  localDate,
  workingDaysBetween,
} from '../../scripts/measure/calendar.ts';

const cal = loadCalendar(join(import.meta.dirname, '../../data/calendar'));

describe('isWorkingDay(date, calendar)', () => {
  it('counts a make-up Saturday as a working day', () => {
    expect(isWorkingDay('2026-02-14', cal)).toBe(true); // Saturday before Spring Festival 2026
    expect(isWorkingDay('2025-09-28', cal)).toBe(true); // Sunday make-up day
  });
  it('does not count a Sunday inside a holiday', () => {
    expect(isWorkingDay('2026-02-15', cal)).toBe(false); // Sunday, first day of 春节
    expect(isWorkingDay('2025-10-05', cal)).toBe(false);
  });
  it('treats ordinary weekdays and weekends as expected', () => {
    expect(isWorkingDay('2026-03-02', cal)).toBe(true); // Monday
    expect(isWorkingDay('2026-03-07', cal)).toBe(false); // Saturday
    expect(isWorkingDay('2026-10-02', cal)).toBe(false); // Friday, 国庆节
  });
  it('throws for a year without a calendar file, naming the file to add', () => {
    expect(() => isWorkingDay('2027-01-04', cal)).toThrow(/data\/calendar\/2027\.yaml/);
  });
});

describe('workingDaysBetween(start, end, calendar)', () => {
  it('gives 0 for the same day and counts (start, end]', () => {
    expect(workingDaysBetween('2026-03-02', '2026-03-02', cal)).toBe(0);
    expect(workingDaysBetween('2026-03-06', '2026-03-09', cal)).toBe(1); // Friday -> Monday
    expect(workingDaysBetween('2026-03-02', '2026-03-13', cal)).toBe(9);
  });
  it('counts a request submitted on a holiday from the next working day', () => {
    // Submitted Sat 2026-10-03 (国庆节). 10-04..10-07 off; Thu 10-08, Fri 10-09 working.
    expect(workingDaysBetween('2026-10-03', '2026-10-09', cal)).toBe(2);
    // Make-up Saturday 10-10 counts.
    expect(workingDaysBetween('2026-10-03', '2026-10-10', cal)).toBe(3);
  });
  it('crosses New Year 2025 -> 2026', () => {
    // Wed 2025-12-31 -> Mon 2026-01-05: Jan 1-3 off, Sun Jan 4 is a make-up day, Mon Jan 5 working.
    expect(workingDaysBetween('2025-12-31', '2026-01-05', cal)).toBe(2);
    expect(workingDaysBetween('2025-12-30', '2026-01-02', cal)).toBe(1);
  });
  it('handles Spring Festival 2026 (02-15..02-23 off, 02-14 and 02-28 make-up)', () => {
    // Fri 02-13 -> Tue 02-24: only 02-14 (Sat, make-up) and 02-24 count.
    expect(workingDaysBetween('2026-02-13', '2026-02-24', cal)).toBe(2);
    // Mon 02-09 -> Sat 02-28: 02-10..02-13 (4) + 02-14 (1) + 02-24..02-27 (4) + 02-28 (1) = 10.
    expect(workingDaysBetween('2026-02-09', '2026-02-28', cal)).toBe(10);
  });
  it('is negative when end is before start', () => {
    expect(workingDaysBetween('2026-03-09', '2026-03-06', cal)).toBe(-1);
  });
});

describe('addWorkingDays(date, n, calendar)', () => {
  it('returns the date itself for n = 0', () => {
    expect(addWorkingDays('2026-10-03', 0, cal)).toBe('2026-10-03');
  });
  it('skips Spring Festival and lands on make-up days', () => {
    expect(addWorkingDays('2026-02-13', 1, cal)).toBe('2026-02-14');
    expect(addWorkingDays('2026-02-13', 2, cal)).toBe('2026-02-24');
  });
  it('is the inverse of workingDaysBetween', () => {
    for (const start of ['2025-12-25', '2026-02-10', '2026-09-24', '2026-10-03']) {
      for (const n of [1, 5, 20]) expect(workingDaysBetween(start, addWorkingDays(start, n, cal), cal)).toBe(n);
    }
  });
});

describe('addNaturalDays(date, n)', () => {
  it('crosses month and year ends', () => {
    expect(addNaturalDays('2025-12-25', 10)).toBe('2026-01-04');
    expect(addNaturalDays('2024-02-28', 1)).toBe('2024-02-29');
  });
});

describe('localDate(instantMs, timezone)', () => {
  it('uses the given zone, not the machine zone', () => {
    const t = Date.UTC(2025, 11, 31, 16, 30); // 2025-12-31T16:30Z = 2026-01-01 00:30 in Shanghai
    expect(localDate(t, 'Asia/Shanghai')).toBe('2026-01-01');
    expect(localDate(t, 'UTC')).toBe('2025-12-31');
    expect(localDate(t, 'America/New_York')).toBe('2025-12-31');
  });
});

describe('buildCalendar(files)', () => {
  it('names the file and key of a bad entry', () => {
    expect(() => buildCalendar([{ path: 'cal/2030.yaml', data: { year: 2030, holidays: [{ date: '2031-01-01' }] } }])).toThrow(/cal\/2030\.yaml: key "holidays\.0\.date"/);
    expect(() => buildCalendar([{ path: 'cal/2030.yaml', data: { year: 'x' } }])).toThrow(/cal\/2030\.yaml[\s\S]*key "year"/);
  });
});
