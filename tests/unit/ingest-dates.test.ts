import { describe, expect, it } from 'vitest';
import { compileDateParser, endOfLocalDay, localToEpoch } from '../../scripts/ingest/dates.ts';

describe('compileDateParser(format, timeZone)', () => {
  const iso = compileDateParser('YYYY-MM-DD HH:mm:ss', 'Asia/Shanghai');
  const slash = compileDateParser('YYYY/M/D H:mm', 'Asia/Shanghai');
  it('reads local Shanghai time as UTC+8', () => {
    expect(iso('2025-01-01 09:00:00')).toBe(Date.UTC(2025, 0, 1, 1, 0, 0));
    expect(slash('2025/3/5 9:07')).toBe(Date.UTC(2025, 2, 5, 1, 7));
    expect(slash('2025/12/31 23:59')).toBe(Date.UTC(2025, 11, 31, 15, 59));
  });
  it('rejects impossible dates and times rather than rolling them over', () => {
    for (const bad of ['2025/13/45 25:61', '2025/2/29 10:00', '2025/4/31 10:00', '2025/1/1 24:00', '2025/1/1 9:60']) expect(slash(bad)).toBeNull();
    expect(slash('2024/2/29 10:00')).toBe(Date.UTC(2024, 1, 29, 2, 0));
    expect(iso('2025-1-01 09:00:00')).toBeNull();
    expect(iso('2025-01-01')).toBeNull();
    expect(iso('')).toBeNull();
  });
  it('rejects a local time skipped by daylight saving and takes the earlier of a repeated one', () => {
    const ny = compileDateParser('YYYY-MM-DD HH:mm', 'America/New_York');
    expect(ny('2025-03-09 02:30')).toBeNull();
    expect(ny('2025-03-09 03:30')).toBe(Date.UTC(2025, 2, 9, 7, 30));
    expect(ny('2025-11-02 01:30')).toBe(Date.UTC(2025, 10, 2, 5, 30));
    expect(ny('2025-07-01 12:00')).toBe(Date.UTC(2025, 6, 1, 16, 0));
  });
  it('throws on an unknown time zone', () => {
    expect(() => compileDateParser('YYYY-MM-DD', 'Mars/Olympus')).toThrow(/unknown time zone "Mars\/Olympus"/);
  });
});

describe('endOfLocalDay(isoDate, timeZone)', () => {
  it('is the next local midnight', () => {
    expect(endOfLocalDay('2026-10-31', 'Asia/Shanghai')).toBe(Date.UTC(2026, 9, 31, 16));
    expect(endOfLocalDay('2025-12-31', 'UTC')).toBe(Date.UTC(2026, 0, 1));
  });
  it('rejects an invalid as-of date', () => {
    expect(() => endOfLocalDay('2026-02-30', 'Asia/Shanghai')).toThrow(/asOf "2026-02-30"/);
  });
  it('localToEpoch handles Kathmandu\'s quarter-hour offset', () => {
    expect(localToEpoch('Asia/Kathmandu', 2025, 6, 1, 12, 0, 0)).toBe(Date.UTC(2025, 5, 1, 6, 15));
  });
});
