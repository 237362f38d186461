/** kpis.csv and client-need.csv: the measures of kpis.ts per dimension, in a fixed key order. */
import type { ClientNeedRow, KpiDimension, KpiRow } from '../../src/lib/published.ts';
import type { Enriched } from './enrich.ts';
import { computeKpis } from './kpis.ts';
import { inPeriod } from './months.ts';
import { median, ratio, sortNumbers } from './stats.ts';

export interface BreakdownOptions {
  departments: readonly string[];
  services: readonly string[];
  months: readonly string[];
  period: { from: string; to: string };
  clientTypes: readonly string[];
  needTypes: readonly string[];
  minCell: number;
}

const channels = ['online', 'mobile', 'phone', 'in_person', 'other'] as const;
const tiers = ['1', '2', '3', '4'] as const;
/** Keys of the channel and tier rows. */
export const kpiChannels: readonly string[] = channels;
export const kpiTiers: readonly string[] = tiers;

/** Every kpis.csv row and the number of suppressed cells. */
export function buildKpis(items: readonly Enriched[], o: BreakdownOptions): { rows: KpiRow[]; suppressed: number } {
  let suppressed = 0;
  const rows: KpiRow[] = [];
  const add = (dimension: KpiDimension, key: string, cell: readonly Enriched[], from: string, to: string): void => {
    const { kpis, suppressed: s } = computeKpis(cell, o.minCell);
    if (s) suppressed++;
    rows.push({ dimension, key, period_from: from, period_to: to, ...kpis });
  };
  const cur = items.filter((d) => inPeriod(d.month, o.period));
  const by = (key: (d: Enriched) => string | null): Map<string, Enriched[]> => {
    const m = new Map<string, Enriched[]>();
    for (const d of cur) {
      const k = key(d);
      if (k === null) continue;
      const l = m.get(k);
      if (l) l.push(d);
      else m.set(k, [d]);
    }
    return m;
  };
  const { from, to } = o.period;
  add('city', 'all', cur, from, to);
  const dims: [KpiDimension, readonly string[], (d: Enriched) => string | null][] = [
    ['department', o.departments, (d) => d.request.department],
    ['service', o.services, (d) => d.request.service],
    ['channel', channels, (d) => d.request.channel],
    ['client_type', o.clientTypes, (d) => d.request.clientType],
    ['need_type', o.needTypes, (d) => d.request.needType],
    ['tier', tiers, (d) => String(d.tier)],
  ];
  for (const [dim, keys, key] of dims) {
    const groups = by(key);
    for (const k of keys) add(dim, k, groups.get(k) ?? [], from, to);
  }
  for (const month of o.months) {
    const inMonth = items.filter((d) => d.month === month);
    add('month', month, inMonth, month, month);
    add('routine_month', month, inMonth.filter((d) => d.tier !== 4), month, month);
    add('priority_month', month, inMonth.filter((d) => d.tier === 4), month, month);
  }
  return { rows, suppressed };
}

/** The client type × need type matrix over the period (suppressed like any cell). */
export function buildClientNeed(items: readonly Enriched[], o: BreakdownOptions): ClientNeedRow[] {
  const cur = items.filter((d) => inPeriod(d.month, o.period));
  const rows: ClientNeedRow[] = [];
  for (const client_type of o.clientTypes) {
    for (const need_type of o.needTypes) {
      const cell = cur.filter((d) => d.request.clientType === client_type && d.request.needType === need_type);
      const n = cell.length;
      if (n > 0 && n < o.minCell) {
        rows.push({ client_type, need_type, requests: null, median_wd: null, satisfaction_rate: null });
        continue;
      }
      const days = sortNumbers(cell.flatMap((d) => (d.closed && d.workingDays !== null ? [d.workingDays] : [])));
      const ratings = cell.flatMap((d) => (d.request.rating === null ? [] : [d.request.rating]));
      const sat = ratings.filter((r) => r >= 4).length;
      rows.push({
        client_type,
        need_type,
        requests: n,
        median_wd: days.length >= o.minCell && days.length > 0 ? median(days) : null,
        satisfaction_rate: ratings.length >= o.minCell && ratings.length > 0 ? ratio(sat, ratings.length, 4) : null,
      });
    }
  }
  return rows;
}
