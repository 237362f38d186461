/**
 * The published rows of data.ts grouped by the key pages look them up by, each index built once per
 * build. A service page or chart then costs the same whatever the number of services, instead of a
 * scan of every service's rows (which made the build grow with the square of the services).
 */
import { changes, closeHistogram, dailyVolume, departments, kpis, serviceMonth, services, serviceSummary } from './data.ts';
import type { ChangeRow, CloseHistogramRow, DailyVolumeRow, DepartmentRow, KpiRow, ServiceMonthRow, ServiceRow, ServiceSummaryRow } from './published.ts';

/** Rows grouped by `key`, in their published order within each group. */
export function groupBy<R>(rows: readonly R[], key: (r: R) => string): Map<string, R[]> {
  const out = new Map<string, R[]>();
  for (const r of rows) {
    const k = key(r);
    const list = out.get(k);
    if (list) list.push(r);
    else out.set(k, [r]);
  }
  return out;
}

/** The first row for each `key` (like `rows.find` for every key at once). */
export function firstBy<R>(rows: readonly R[], key: (r: R) => string): Map<string, R> {
  const out = new Map<string, R>();
  for (const r of rows) {
    const k = key(r);
    if (!out.has(k)) out.set(k, r);
  }
  return out;
}

/** A lazily built value, computed on first use and kept for the build. */
function once<T>(build: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= build());
}

const none: readonly never[] = [];
const sep = '\u0000';

const serviceMonthIndex = once(() => groupBy(serviceMonth(), (r) => r.service));
const histogramIndex = once(() => groupBy(closeHistogram(), (r) => `${r.scope}${sep}${r.key}`));
const dailyIndex = once(() => groupBy(dailyVolume(), (r) => r.key));
const changeIndex = once(() => groupBy(changes(), (r) => `${r.kind}${sep}${r.id}`));
const kpiIndex = once(() => firstBy(kpis(), (r) => `${r.dimension}${sep}${r.key}`));
const serviceSummaryIndex = once(() => firstBy(serviceSummary(), (r) => r.service));
const serviceIndex = once(() => firstBy(services(), (r) => r.id));
const departmentIndex = once(() => firstBy(departments(), (r) => r.id));

/** service-month.json rows of one service, month order as published. */
export const serviceMonthOf = (service: string): readonly ServiceMonthRow[] => serviceMonthIndex().get(service) ?? none;
/** close-histogram.json rows of one scope and key, bin order as published. */
export const closeHistogramOf = (scope: string, key: string): readonly CloseHistogramRow[] => histogramIndex().get(`${scope}${sep}${key}`) ?? none;
/** daily-volume.json rows of one key ("all" or a department), date order as published. */
export const dailyVolumeOf = (key: string): readonly DailyVolumeRow[] => dailyIndex().get(key) ?? none;
/** changes.json rows of one guide or rule, newest first as published. */
export const changesOf = (kind: string, id: string): readonly ChangeRow[] => changeIndex().get(`${kind}${sep}${id}`) ?? none;
/** The kpis.json row of one dimension and key. */
export const kpiOf = (dimension: string, key: string): KpiRow | undefined => kpiIndex().get(`${dimension}${sep}${key}`);
/** The service-summary.json row of one service. */
export const serviceSummaryOf = (service: string): ServiceSummaryRow | undefined => serviceSummaryIndex().get(service);
/** The services.json row of one service. */
export const serviceOf = (id: string): ServiceRow | undefined => serviceIndex().get(id);
/** The departments.json row of one department. */
export const departmentOf = (id: string): DepartmentRow | undefined => departmentIndex().get(id);
