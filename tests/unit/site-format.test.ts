import { describe, expect, it } from 'vitest';
import {
  formatBytes,
  formatDate,
  formatDays,
  formatLimit,
  formatMonth,
  formatNumber,
  formatPercent,
  formatPointChange,
  formatRelativeChange,
} from '../../src/lib/format.ts';
import { pick, pickList, paragraphs } from '../../src/lib/text.ts';
import { lineSummary } from '../../src/lib/summaries.ts';
import { cityTotals } from '../../src/lib/periods.ts';
import type { CityMonthRow } from '../../src/lib/published.ts';

const TZ = 'Asia/Shanghai';

describe('formatNumber / formatPercent / formatDays (locale, value)', () => {
  it('shows "—" for null, undefined and NaN, never "null" or "NaN"', () => {
    for (const v of [null, undefined, Number.NaN]) {
      expect(formatNumber('en', v)).toBe('—');
      expect(formatPercent('zh-CN', v)).toBe('—');
      expect(formatDays('en', v)).toBe('—');
    }
  });
  it('groups thousands and formats shares as percentages with one decimal', () => {
    expect(formatNumber('en', 12345)).toBe('12,345');
    expect(formatPercent('en', 0.9123)).toBe('91.2%');
    expect(formatPercent('zh-CN', 0.5)).toBe('50.0%');
  });
  it('uses English plural rules for days', () => {
    expect(formatDays('en', 1)).toBe('1 working day');
    expect(formatDays('en', 3, 'natural')).toBe('3 calendar days');
    expect(formatDays('zh-CN', 3)).toBe('3 个工作日');
  });
  it('states a 0-day limit as same day', () => {
    expect(formatLimit('zh-CN', { days: 0, unit: 'working' })).toBe('即办');
    expect(formatLimit('en', { days: 20, unit: 'working' })).toBe('20 working days');
  });
});

describe('formatDate / formatMonth (locale, date, timeZone)', () => {
  it('gives the same calendar date whatever the machine zone', () => {
    expect(formatDate('zh-CN', '2026-10-31', TZ)).toBe('2026年10月31日');
    expect(formatDate('en', '2026-01-01', TZ)).toBe('1 January 2026');
    expect(formatMonth('en', '2026-09', TZ)).toBe('Sep 2026');
    expect(formatMonth('zh-CN', '2024-11', TZ)).toBe('2024年11月');
  });
});

describe('change formatting', () => {
  it('gives percentage points for rates and a relative change for counts', () => {
    expect(formatPointChange('en', 0.91, 0.82)).toBe('+9.0 pp');
    expect(formatPointChange('en', 0.8203, 0.82)).toBe('0.0 pp');
    expect(formatPointChange('zh-CN', 0.8, 0.82)).toBe('-2.0 个百分点');
    expect(formatRelativeChange('en', 110, 100)).toBe('+10.0%');
  });
  it('is empty when either side is missing or the base is zero', () => {
    expect(formatPointChange('en', null, 0.5)).toBe('');
    expect(formatRelativeChange('en', 5, 0)).toBe('');
  });
  it('formats sizes', () => {
    expect(formatBytes('en', 512)).toBe('512 bytes');
    expect(formatBytes('en', 2048)).toBe('2 KB');
  });
});

describe('pick(b, locale) / pickList(l, locale, parallel)', () => {
  it('falls back to zh, flagged, when English is empty', () => {
    expect(pick({ zh: '结婚登记', en: '' }, 'en')).toEqual({ text: '结婚登记', fallback: true });
    expect(pick({ zh: '结婚登记', en: 'Marriage' }, 'en')).toEqual({ text: 'Marriage', fallback: false });
  });
  it('uses English parallel lists only when complete; free lists when any item exists', () => {
    expect(pickList({ zh: ['a', 'b'], en: ['A', ''] }, 'en').fallback).toBe(true);
    expect(pickList({ zh: ['a', 'b'], en: ['renew'] }, 'en', false)).toEqual({ items: ['renew'], fallback: false });
  });
  it('splits text into paragraphs at blank lines', () => {
    expect(paragraphs('one\n\ntwo\r\n\r\nthree\n')).toEqual(['one', 'two', 'three']);
  });
});

describe('lineSummary(locale, series, yFormat, timeZone)', () => {
  it('describes the first and last known points, skipping nulls', () => {
    const s = lineSummary('en', [{ label: 'On-time rate', points: [{ x: '2024-11', y: 0.82 }, { x: '2025-01', y: null }, { x: '2026-10', y: 0.91 }] }], 'percent', TZ);
    expect(s).toBe('On-time rate rose from 82.0% in Nov 2024 to 91.0% in Oct 2026.');
  });
  it('says when there is not enough data', () => {
    expect(lineSummary('en', [{ label: 'X', points: [{ x: '2024-11', y: null }] }], 'number', TZ)).toMatch(/not enough data/);
  });
});

describe('cityTotals(rows, period)', () => {
  it('sums counts over the period and derives rates from the sums', () => {
    const row = (month: string, requests: number, due: number, onTime: number): CityMonthRow => ({
      month, requests, ch_online: null, ch_mobile: null, ch_phone: null, ch_in_person: null, ch_other: null, closed: null,
      median_wd: null, p90_wd: null, due_n: due, on_time: onTime, on_time_rate: null, rated: 0, satisfied: 0, satisfaction_rate: null, mean_rating: null,
    });
    const r = cityTotals([row('2026-01', 10, 10, 5), row('2026-02', 30, 30, 30), row('2025-12', 99, 99, 0)], { from: '2026-01', to: '2026-02' });
    expect(r).toEqual({ requests: 40, on_time_rate: 0.875, satisfaction_rate: null });
  });
});
