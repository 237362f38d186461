import { describe, expect, it } from 'vitest';
import { MISSING, formatMonth, formatValue, monthKey, monthRange, parseMonth, round1 } from '../../src/lib/chart-format.ts';

describe('parseMonth(ym) / monthKey(index)', () => {
  it('round-trips YYYY-MM', () => {
    expect(monthKey(parseMonth('2025-03'))).toBe('2025-03');
    expect(parseMonth('2025-01') - parseMonth('2024-12')).toBe(1);
  });
  it('throws with the bad value and the expected form', () => {
    expect(() => parseMonth('2025-3')).toThrow(/"2025-3".*YYYY-MM/);
    expect(() => parseMonth('2025-13')).toThrow();
  });
});

describe('monthRange(months)', () => {
  it('fills missing months between the earliest and latest, in order', () => {
    expect(monthRange(['2025-02', '2024-11', '2025-02'])).toEqual(['2024-11', '2024-12', '2025-01', '2025-02']);
  });
  it('returns [] for no months', () => {
    expect(monthRange([])).toEqual([]);
  });
});

describe('formatMonth(ym, locale)', () => {
  it('formats in UTC on the 1st for each locale', () => {
    expect(formatMonth('2025-03', 'zh-CN')).toBe('2025年3月');
    expect(formatMonth('2025-03', 'en')).toBe('Mar 2025');
    expect(formatMonth('2025-01', 'en')).toBe('Jan 2025');
  });
});

describe('formatValue(value, yFormat, locale)', () => {
  it('shows null and NaN as a dash, never as zero', () => {
    expect(formatValue(null, 'percent', 'en')).toBe(MISSING);
    expect(formatValue(Number.NaN, 'number', 'zh-CN')).toBe(MISSING);
    expect(formatValue(0, 'number', 'en')).toBe('0');
  });
  it('formats shares as percent with 0–1 decimals', () => {
    expect(formatValue(0.9, 'percent', 'en')).toBe('90%');
    expect(formatValue(0.875, 'percent', 'zh-CN')).toBe('87.5%');
    expect(formatValue(0.12345, 'percent', 'en')).toBe('12.3%');
  });
  it('groups counts and gives days one decimal with a unit', () => {
    expect(formatValue(12345, 'number', 'en')).toBe('12,345');
    expect(formatValue(3, 'days', 'en')).toBe('3.0 days');
    expect(formatValue(3.46, 'days', 'zh-CN')).toBe('3.5天');
  });
});

describe('round1(n)', () => {
  it('rounds to one decimal and never yields -0', () => {
    expect(round1(1.26)).toBe(1.3);
    expect(Object.is(round1(-0.04), 0)).toBe(true);
  });
});
