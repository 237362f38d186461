import { describe, expect, it } from 'vitest';
import { calendarLayout, calendarModel, classBounds, dayNumber, isoDate, weekdayRow } from '../../src/lib/chart-calendar.ts';

const words = { suppressed: 'Suppressed', missing: 'No record', month: 'Month', day: (n: number) => String(n) };

describe('dayNumber(date) / isoDate(day) / weekdayRow(day)', () => {
  it('round-trips and rejects impossible dates', () => {
    expect(isoDate(dayNumber('2024-02-29'))).toBe('2024-02-29');
    expect(() => dayNumber('2025-02-29')).toThrow(/"2025-02-29"/);
    expect(() => dayNumber('2025-2-1')).toThrow();
  });
  it('numbers weekdays Monday = 0 … Sunday = 6', () => {
    expect(weekdayRow(dayNumber('2025-01-06'))).toBe(0); // Monday
    expect(weekdayRow(dayNumber('2025-01-05'))).toBe(6); // Sunday
  });
});

describe('calendarLayout(start, end)', () => {
  it('starts a new column each Monday', () => {
    const l = calendarLayout('2025-01-01', '2025-12-31'); // 1 Jan 2025 is a Wednesday
    expect(l).toHaveLength(365);
    expect(l[0]).toEqual({ date: '2025-01-01', week: 0, weekday: 2 });
    expect(l[5]).toEqual({ date: '2025-01-06', week: 1, weekday: 0 });
    expect(l.at(-1)).toEqual({ date: '2025-12-31', week: 52, weekday: 2 });
  });
  it('handles a leap year and rejects a reversed range', () => {
    expect(calendarLayout('2024-01-01', '2024-12-31')).toHaveLength(366);
    expect(() => calendarLayout('2025-02-01', '2025-01-01')).toThrow(/before/);
  });
});

describe('classBounds(max, classes)', () => {
  it('splits a nice range into equal integer classes', () => {
    expect(classBounds(480)).toEqual([100, 200, 300, 400, 500]);
    expect(classBounds(0)).toEqual([1, 2, 3, 4, 5]);
  });
});

describe('calendarModel(input)', () => {
  const values: Record<string, number | null> = {};
  for (const d of calendarLayout('2025-01-01', '2025-12-31')) values[d.date] = d.weekday >= 5 ? 0 : 100 + (Number(d.date.slice(8)) % 7) * 50;
  values['2025-03-03'] = null;
  delete values['2025-07-04'];
  const m = calendarModel({ locale: 'en', values, start: '2025-01-01', end: '2025-12-31', words });
  it('has a cell per day, hatches suppressed days and outlines missing ones', () => {
    expect(m.cells).toHaveLength(365);
    expect(m.cells.filter((c) => c.state === 'suppressed')).toHaveLength(1);
    expect(m.cells.filter((c) => c.state === 'missing')).toHaveLength(1);
    expect(m.cells.find((c) => c.state === 'suppressed')?.title).toBe('Mon, March 3, 2025: — Suppressed');
    expect(m.width).toBe(36 + 53 * 13 + 4);
  });
  it('labels twelve months and Mon/Wed/Fri', () => {
    expect(m.monthLabels.map((l) => l.label)).toEqual(['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']);
    expect(m.weekdayLabels.map((l) => l.label)).toEqual(['Mon', 'Wed', 'Fri']);
  });
  it('gives five labelled classes and a month × day table', () => {
    expect(m.legend.map((l) => l.label)).toEqual(['0–80', '81–160', '161–240', '241–320', '321–400']);
    expect(m.table.rows).toHaveLength(12);
    expect(m.table.rows[1]?.cells.slice(27)).toEqual(['100', '', '', '']); // February has 28 days in 2025
    expect(m.table.rows[2]?.cells[2]).toBe('—');
    expect(m.table.rows[6]?.cells[3]).toBe('—');
  });
  it('uses Chinese month and weekday names in zh-CN', () => {
    const z = calendarModel({ locale: 'zh-CN', values: { '2025-01-01': 5 }, start: '2025-01-01', end: '2025-03-31', words });
    expect(z.monthLabels.map((l) => l.label)).toEqual(['1月', '2月', '3月']);
    expect(z.weekdayLabels[0]?.label).toBe('周一');
  });
});
