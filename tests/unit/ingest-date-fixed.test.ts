import { describe, expect, it } from 'vitest';
import { compileDateParser, localToEpoch } from '../../scripts/ingest/dates.ts';

const p2 = (n: number): string => String(n).padStart(2, '0');
const zones = ['Asia/Shanghai', 'America/New_York', 'Europe/London', 'Australia/Lord_Howe', 'America/Sao_Paulo', 'Asia/Kathmandu'];

describe('compileDateParser(fixed-width format, zone)', () => {
  it('gives localToEpoch (uncached) for every 5 minutes of two years, DST gaps and folds included', () => {
    for (const tz of zones) {
      const dashes = compileDateParser('YYYY-MM-DD HH:mm:ss', tz);
      const compact = compileDateParser('YYYYMMDDHHmm', tz);
      for (let day = 0; day < 730; day += 3) {
        const dt = new Date(Date.UTC(1999 + (day % 2) * 125, 0, 1 + day));
        const [y, mo, d] = [dt.getUTCFullYear(), dt.getUTCMonth() + 1, dt.getUTCDate()];
        for (let m = 0; m < 24 * 60; m += 5) {
          const [h, mi, s] = [Math.floor(m / 60), m % 60, m % 60];
          expect(dashes(`${y}-${p2(mo)}-${p2(d)} ${p2(h)}:${p2(mi)}:${p2(s)}`)).toBe(localToEpoch(tz, y, mo, d, h, mi, s));
          expect(compact(`${y}${p2(mo)}${p2(d)}${p2(h)}${p2(mi)}`)).toBe(localToEpoch(tz, y, mo, d, h, mi, 0));
        }
      }
    }
  });

  it('agrees with the ISO parser on valid, impossible and malformed text of every width', () => {
    const dashes = compileDateParser('YYYY-MM-DD HH:mm:ss', 'America/New_York');
    const iso = compileDateParser('ISO', 'America/New_York');
    const texts = [
      '2024-03-10 02:30:00', '2024-03-10 03:30:00', '2024-11-03 01:30:00', '2024-02-29 23:59:59', '2023-02-29 12:00:00', '2024-13-01 00:00:00',
      '2024-12-31 24:00:00', '2024-12-31 23:60:00', '2024-12-31 23:59:60', '1899-12-31 12:00:00', '2156-01-01 00:00:00', '0000-01-01 00:00:00',
      ' 2024-01-02 03:04:05', '2024-01-02 03:04:05 ', '2024-01-02T03:04:05', '2024/01/02 03:04:05', '2024-01-02 03:04:0x', '２０２４-01-02 03:04:05',
      '2024-01-02 03:04', '2024-1-02 03:04:05', '', '2024-01-02 03:04:05.5',
    ];
    for (const t of texts) {
      const want = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(t.trim()) ? iso(t) : null;
      expect(dashes(t), t).toBe(want);
    }
  });
});
