/** City-wide figures for a period, summed from city-month rows (so a reader can redo the sum from city-month.csv). */
import type { CityMonthRow } from './published.ts';

export interface PeriodTotals {
  requests: number | null;
  on_time_rate: number | null;
  satisfaction_rate: number | null;
}

const inPeriod = (m: string, p: { from: string; to: string }) => m >= p.from && m <= p.to;

/** Sums requests, on-time and satisfied counts over the months of `period` and derives the rates (4 decimals). */
export function cityTotals(rows: CityMonthRow[], period: { from: string; to: string }): PeriodTotals {
  const sel = rows.filter((r) => inPeriod(r.month, period));
  if (sel.length === 0) return { requests: null, on_time_rate: null, satisfaction_rate: null };
  const sum = (k: 'requests' | 'due_n' | 'on_time' | 'rated' | 'satisfied') => sel.reduce((s, r) => s + (r[k] ?? 0), 0);
  const due = sum('due_n');
  const rated = sum('rated');
  const round = (v: number) => Math.round(v * 10000) / 10000;
  return {
    requests: sum('requests'),
    on_time_rate: due > 0 ? round(sum('on_time') / due) : null,
    satisfaction_rate: rated > 0 ? round(sum('satisfied') / rated) : null,
  };
}
