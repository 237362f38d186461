import { describe, expect, it } from 'vitest';
import { compileDateParser, localToEpoch } from '../../scripts/ingest/dates.ts';

const pad = (n: number): string => String(n).padStart(2, '0');

/** Every hour of 2024 and 2025 as local wall times, with minutes and seconds that vary. */
function* hours(): Generator<[number, number, number, number, number, number]> {
  for (let day = 0; day < 731; day++) {
    const date = new Date(Date.UTC(2024, 0, 1 + day));
    for (let h = 0; h < 24; h++) yield [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate(), h, (day * 7 + h * 13) % 60, (day * 11 + h * 17) % 60];
  }
}

/** The formats of the sample exports and NYC 311, written out for one wall time. */
const formats: { format: string; write: (y: number, mo: number, d: number, h: number, mi: number, s: number) => string; seconds: boolean }[] = [
  { format: 'YYYY-MM-DD HH:mm:ss', write: (y, mo, d, h, mi, s) => `${y}-${pad(mo)}-${pad(d)} ${pad(h)}:${pad(mi)}:${pad(s)}`, seconds: true },
  { format: 'YYYY/M/D H:mm', write: (y, mo, d, h, mi) => `${y}/${mo}/${d} ${h}:${pad(mi)}`, seconds: false },
  { format: 'MM/DD/YYYY hh:mm:ss A', write: (y, mo, d, h, mi, s) => `${pad(mo)}/${pad(d)}/${y} ${pad(((h + 11) % 12) + 1)}:${pad(mi)}:${pad(s)} ${h < 12 ? 'AM' : 'PM'}`, seconds: true },
];

describe('compileDateParser(format, timeZone) over every hour of two years', () => {
  for (const tz of ['Asia/Shanghai', 'America/New_York']) {
    for (const f of formats) {
      it(`reads "${f.format}" in ${tz} as localToEpoch does, DST gaps and folds included, with and without surrounding space`, () => {
        const parse = compileDateParser(f.format, tz);
        let gaps = 0;
        for (const [y, mo, d, h, mi, s] of hours()) {
          const expected = localToEpoch(tz, y, mo, d, h, mi, f.seconds ? s : 0);
          if (expected === null) gaps += 1;
          const text = f.write(y, mo, d, h, mi, s);
          // Fixed-width text is read by position; padded text by the general scanner.
          expect(parse(text), `${tz} ${text}`).toBe(expected);
          expect(parse(` ${text}\u3000`), `${tz} " ${text}"`).toBe(expected);
        }
        // New York skips 02:00–03:00 on one March day each year; Shanghai never.
        expect(gaps).toBe(tz === 'America/New_York' ? 2 : 0);
      });
    }
  }
});
