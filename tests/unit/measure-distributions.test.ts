import { describe, expect, it } from 'vitest';
import { binOf, CLOSE_BINS, closeHistogram, dailyVolume, datesOfPeriod, type DistributionInput } from '../../scripts/measure/distributions.ts';

const req = (department: string, service: string | null, date: string, workingDays: number | null): DistributionInput => ({
  request: { department, service },
  month: date.slice(0, 7),
  submittedDate: date,
  closed: workingDays !== null,
  workingDays,
});
const opts = { period: { from: '2026-01', to: '2026-02' }, departments: ['b', 'a'], services: ['s1'], minCell: 3 };

describe('datesOfPeriod(period)', () => {
  it('lists every day of the months, across a month end', () => {
    const d = datesOfPeriod(opts.period);
    expect(d.length).toBe(59);
    expect(d[0]).toBe('2026-01-01');
    expect(d.at(-1)).toBe('2026-02-28');
  });
});

describe('binOf(days)', () => {
  it('puts each day count in exactly one bin, the last open', () => {
    expect(binOf(0)).toBe(0);
    expect(binOf(7)).toBe(6);
    expect(binOf(500)).toBe(CLOSE_BINS.length - 1);
  });
});

describe('dailyVolume(derived, opts)', () => {
  it('counts per day for the city and each department, suppressing 1..minCell-1 and keeping 0', () => {
    const rows = dailyVolume(
      [req('a', 's1', '2026-01-05', 1), req('a', 's1', '2026-01-05', 2), req('b', null, '2026-01-05', null), req('a', null, '2025-12-31', 1)],
      opts,
    );
    expect(rows.length).toBe(59 * 3);
    expect(rows.find((r) => r.key === 'all' && r.date === '2026-01-05')?.requests).toBe(3);
    expect(rows.find((r) => r.key === 'a' && r.date === '2026-01-05')?.requests).toBeNull();
    expect(rows.find((r) => r.key === 'a' && r.date === '2026-01-06')?.requests).toBe(0);
    expect(rows[59]?.key).toBe('a');
  });
});

describe('closeHistogram(derived, opts)', () => {
  it('bins closed requests by working days per scope, open requests left out', () => {
    const many = Array.from({ length: 4 }, () => req('a', 's1', '2026-01-10', 2));
    const rows = closeHistogram([...many, req('b', null, '2026-01-10', 9), req('b', null, '2026-01-10', null)], opts);
    expect(rows.length).toBe(CLOSE_BINS.length * 4);
    const at = (scope: string, key: string, from: number) => rows.find((r) => r.scope === scope && r.key === key && r.bin_from === from)?.requests;
    expect(at('city', 'all', 2)).toBe(4);
    expect(at('service', 's1', 2)).toBe(4);
    expect(at('department', 'b', 8)).toBeNull();
    expect(at('department', 'b', 0)).toBe(0);
    expect(rows.at(-1)?.bin_to).toBeNull();
  });
});
