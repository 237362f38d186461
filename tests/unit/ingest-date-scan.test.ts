import { describe, expect, it } from 'vitest';
import { compileDateParser, isRegExpSpace, localInstants, localToEpoch } from '../../scripts/ingest/dates.ts';
import { random } from './random.ts';

/** Formats with a regular expression written out by hand, as the reference for the character scanner. */
const cases: { format: string; re: RegExp; order: string[] }[] = [
  { format: 'MM/DD/YYYY hh:mm:ss A', re: /^\s*(\d{2})\/(\d{2})\/(\d{4}) (\d{2}):(\d{2}):(\d{2}) ([AaPp][Mm])\s*$/, order: ['mo', 'd', 'y', 'h12', 'mi', 's', 'ap'] },
  { format: 'YYYY/M/D H:mm', re: /^\s*(\d{4})\/(\d{1,2})\/(\d{1,2}) (\d{1,2}):(\d{2})\s*$/, order: ['y', 'mo', 'd', 'h', 'mi'] },
  { format: 'YYYY-MM-DD HH:mm:ss', re: /^\s*(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})\s*$/, order: ['y', 'mo', 'd', 'h', 'mi', 's'] },
  { format: 'YYYY年M月D日 H时m分', re: /^\s*(\d{4})年(\d{1,2})月(\d{1,2})日 (\d{1,2})时(\d{1,2})分\s*$/, order: ['y', 'mo', 'd', 'h', 'mi'] },
  { format: 'M/D/YYYY h:mmA', re: /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4}) (\d{1,2}):(\d{2})([AaPp][Mm])\s*$/, order: ['mo', 'd', 'y', 'h12', 'mi', 'ap'] },
  // Not scannable (a variable-width token before digits): the regular expression path.
  { format: 'YYYYMD', re: /^\s*(\d{4})(\d{1,2})(\d{1,2})\s*$/, order: ['y', 'mo', 'd'] },
  { format: ' YYYY.MM.DD ', re: /^\s* (\d{4})\.(\d{2})\.(\d{2}) \s*$/, order: ['y', 'mo', 'd'] },
];

function reference(c: (typeof cases)[number], tz: string, text: string): number | null {
  const m = c.re.exec(text);
  if (!m) return null;
  const get = (p: string): number => (c.order.includes(p) ? Number(m[c.order.indexOf(p) + 1]) : 0);
  let h = c.order.includes('h12') ? get('h12') : get('h');
  if (c.order.includes('h12')) {
    if (h < 1 || h > 12) return null;
    h = (h % 12) + ((m[c.order.indexOf('ap') + 1] ?? '').toUpperCase() === 'PM' ? 12 : 0);
  }
  return localToEpoch(tz, get('y'), get('mo'), get('d'), h, get('mi'), get('s'));
}


describe('compileDateParser(format, timeZone) character scanner', () => {
  it('agrees with the format\'s regular expression on valid, mutated and random strings', () => {
    const rnd = random(42);
    const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
    const noise = ['0', '1', '2', '9', '/', '-', ':', ' ', '\u00a0', '\t', 'A', 'p', 'M', 'm', '年', '月', '日', '时', '分', '.', 'x'];
    for (const tz of ['America/New_York', 'Asia/Shanghai', 'Europe/London']) {
      for (const c of cases) {
        const parse = compileDateParser(c.format, tz);
        for (let n = 0; n < 1500; n++) {
          // A valid-looking string for the format, then perhaps mutated.
          const y = String(pick([1999, 2024, 2025, 2026]));
          const v: Record<string, string> = {
            YYYY: y, MM: String(1 + Math.floor(rnd() * 13)).padStart(2, '0'), M: String(1 + Math.floor(rnd() * 12)),
            DD: String(1 + Math.floor(rnd() * 31)).padStart(2, '0'), D: String(1 + Math.floor(rnd() * 31)),
            HH: String(Math.floor(rnd() * 25)).padStart(2, '0'), H: String(Math.floor(rnd() * 24)),
            hh: String(Math.floor(rnd() * 13)).padStart(2, '0'), h: String(1 + Math.floor(rnd() * 12)),
            mm: String(Math.floor(rnd() * 61)).padStart(2, '0'), m: String(Math.floor(rnd() * 60)),
            ss: String(Math.floor(rnd() * 60)).padStart(2, '0'), A: pick(['AM', 'PM', 'am', 'pM', 'XM']),
          };
          let text = c.format.replace(/YYYY|MM|M|DD|D|HH|H|hh|h|mm|m|ss|s|A/g, (t) => v[t] ?? t);
          const r = rnd();
          if (r < 0.2) text = ` ${text}\u3000`;
          else if (r < 0.5) {
            const at = Math.floor(rnd() * (text.length + 1));
            text = text.slice(0, at) + (rnd() < 0.5 ? pick(noise) : '') + text.slice(at + (rnd() < 0.5 ? 1 : 0));
          } else if (r < 0.55) text = Array.from({ length: Math.floor(rnd() * 20) }, () => pick(noise)).join('');
          expect(parse(text), `${c.format} ${tz} ${JSON.stringify(text)}`).toBe(reference(c, tz, text));
        }
      }
    }
  });

  it('reads the 12-hour clock: 12 AM is midnight, 12 PM is noon', () => {
    const p = compileDateParser('MM/DD/YYYY hh:mm:ss A', 'UTC');
    expect(p('01/02/2024 12:00:00 AM')).toBe(Date.UTC(2024, 0, 2, 0));
    expect(p('01/02/2024 12:30:00 pm')).toBe(Date.UTC(2024, 0, 2, 12, 30));
    expect(p('01/02/2024 00:30:00 AM')).toBeNull();
  });
});

describe('localInstants(timeZone)', () => {
  it('matches localToEpoch across a whole year of New York quarter hours, including both DST changes', () => {
    const instant = localInstants('America/New_York');
    for (let day = 0; day < 366; day++) {
      const date = new Date(Date.UTC(2024, 0, 1 + day));
      for (let q = 0; q < 96; q++) {
        const args = [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate(), Math.floor(q / 4), (q % 4) * 15 + 7, 30] as const;
        expect(instant(...args)).toBe(localToEpoch('America/New_York', ...args));
      }
    }
  });
});

describe('isRegExpSpace(code)', () => {
  it('agrees with /\\s/ on every UTF-16 code unit', () => {
    for (let c = 0; c < 0x10000; c++) expect(isRegExpSpace(c)).toBe(/\s/.test(String.fromCharCode(c)));
  });
});
