/** Month arithmetic on 'YYYY-MM' strings and the published periods derived from the as-of date. */

/** The month 'YYYY-MM' shifted by n months (n may be negative). */
export function addMonths(month: string, n: number): string {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  if (!m) throw new Error(`not a month "YYYY-MM": "${month}"`);
  const index = Number(m[1]) * 12 + Number(m[2]) - 1 + n;
  const y = Math.floor(index / 12);
  const mo = index - y * 12 + 1;
  return `${String(y).padStart(4, '0')}-${String(mo).padStart(2, '0')}`;
}

/** The n months ending with `last`, in order. */
export function monthsEndingWith(last: string, n: number): string[] {
  const out: string[] = [];
  for (let i = n - 1; i >= 0; i--) out.push(addMonths(last, -i));
  return out;
}

export interface Periods {
  /** All published months, in order. */
  months: string[];
  /** The summary period: the 12 months ending with the as-of month. */
  period: { from: string; to: string };
  /** The 12 months before the period. */
  previousPeriod: { from: string; to: string };
}

/** Published months and summary periods for an as-of date 'YYYY-MM-DD' and a number of months. */
export function periodsFor(asOf: string, monthCount: number): Periods {
  const last = asOf.slice(0, 7);
  return {
    months: monthsEndingWith(last, monthCount),
    period: { from: addMonths(last, -11), to: last },
    previousPeriod: { from: addMonths(last, -23), to: addMonths(last, -12) },
  };
}

/** True when from <= month <= to (string order is month order). */
export function inPeriod(month: string, p: { from: string; to: string }): boolean {
  return month >= p.from && month <= p.to;
}
