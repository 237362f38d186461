/**
 * Aggregates: the Measures of src/lib/published.ts per department×month, service×month,
 * city×month, and department and service summaries over the period.
 *
 * Suppression (UK ONS threshold rule): a cell of 1..minCell-1 requests has every measure
 * null (requests too); a cell of 0 requests is published as zeros so lines stay continuous.
 * A rate whose denominator is below minCell is null: on_time_rate needs due_n, satisfaction
 * and mean rating need rated, median and p90 need closed.
 */
import type {
  CityMonthRow,
  DepartmentMonthRow,
  DepartmentSummaryRow,
  Measures,
  ServiceMonthRow,
  ServiceSummaryRow,
} from '../../src/lib/published.ts';
import type { Derived } from './derive.ts';
import { inPeriod } from './months.ts';
import { median, nearestRank, ratio, sortNumbers } from './stats.ts';

/** Measure columns in published order. */
export const measureColumns = [
  'requests',
  'ch_online',
  'ch_mobile',
  'ch_phone',
  'ch_in_person',
  'ch_other',
  'closed',
  'median_wd',
  'p90_wd',
  'due_n',
  'on_time',
  'on_time_rate',
  'rated',
  'satisfied',
  'satisfaction_rate',
  'mean_rating',
] as const satisfies readonly (keyof Measures)[];

function nullMeasures(): Measures {
  return {
    requests: null,
    ch_online: null,
    ch_mobile: null,
    ch_phone: null,
    ch_in_person: null,
    ch_other: null,
    closed: null,
    median_wd: null,
    p90_wd: null,
    due_n: null,
    on_time: null,
    on_time_rate: null,
    rated: null,
    satisfied: null,
    satisfaction_rate: null,
    mean_rating: null,
  };
}

/** Measures of one cell, and whether it was suppressed (1..minCell-1 requests). */
export function computeMeasures(items: readonly Derived[], minCell: number): { measures: Measures; suppressed: boolean } {
  const n = items.length;
  if (n > 0 && n < minCell) return { measures: nullMeasures(), suppressed: true };
  const ch = { online: 0, mobile: 0, phone: 0, in_person: 0, other: 0 };
  const days: number[] = [];
  let dueN = 0;
  let onTime = 0;
  let rated = 0;
  let satisfied = 0;
  let ratingSum = 0;
  for (const d of items) {
    ch[d.request.channel]++;
    if (d.closed && d.workingDays !== null) days.push(d.workingDays);
    if (d.onTime !== null) {
      dueN++;
      if (d.onTime) onTime++;
    }
    const r = d.request.rating;
    if (r !== null) {
      rated++;
      ratingSum += r;
      if (r >= 4) satisfied++;
    }
  }
  const closed = items.reduce((s, d) => s + (d.closed ? 1 : 0), 0);
  const sorted = sortNumbers(days);
  const enough = (den: number): boolean => den >= minCell && den > 0;
  return {
    measures: {
      requests: n,
      ch_online: ch.online,
      ch_mobile: ch.mobile,
      ch_phone: ch.phone,
      ch_in_person: ch.in_person,
      ch_other: ch.other,
      closed,
      median_wd: enough(sorted.length) ? median(sorted) : null,
      p90_wd: enough(sorted.length) ? nearestRank(sorted, 90) : null,
      due_n: dueN,
      on_time: onTime,
      on_time_rate: enough(dueN) ? ratio(onTime, dueN, 4) : null,
      rated,
      satisfied,
      satisfaction_rate: enough(rated) ? ratio(satisfied, rated, 4) : null,
      mean_rating: enough(rated) ? ratio(ratingSum, rated, 2) : null,
    },
    suppressed: false,
  };
}

export interface AggregateOptions {
  /** Department ids, in published order. */
  departments: readonly string[];
  /** Services with their department, in published order. */
  services: readonly { id: string; department: string }[];
  /** Published months, in order. */
  months: readonly string[];
  period: { from: string; to: string };
  previousPeriod: { from: string; to: string };
  minCell: number;
}

export interface Aggregates {
  departmentMonth: DepartmentMonthRow[];
  serviceMonth: ServiceMonthRow[];
  cityMonth: CityMonthRow[];
  departmentSummary: DepartmentSummaryRow[];
  serviceSummary: ServiceSummaryRow[];
  /** Cells (including previous-period summary cells) suppressed for 1..minCell-1 requests. */
  suppressedCells: number;
}

function groupBy(items: readonly Derived[], key: (d: Derived) => string | null): Map<string, Derived[]> {
  const out = new Map<string, Derived[]>();
  for (const d of items) {
    const k = key(d);
    if (k === null) continue;
    const list = out.get(k);
    if (list) list.push(d);
    else out.set(k, [d]);
  }
  return out;
}

const SEP = '\u0000';

/** Every aggregate dataset, with zero rows for empty months and counts of suppressed cells. */
export function aggregateAll(derived: readonly Derived[], opts: AggregateOptions): Aggregates {
  let suppressedCells = 0;
  const cell = (items: readonly Derived[] | undefined): Measures => {
    const { measures, suppressed } = computeMeasures(items ?? [], opts.minCell);
    if (suppressed) suppressedCells++;
    return measures;
  };
  const monthSet = new Set(opts.months);
  const inMonths = derived.filter((d) => monthSet.has(d.month));
  const serviceIds = new Set(opts.services.map((s) => s.id));

  const byDeptMonth = groupBy(inMonths, (d) => d.request.department + SEP + d.month);
  const bySvcMonth = groupBy(inMonths, (d) => (d.request.service !== null && serviceIds.has(d.request.service) ? d.request.service + SEP + d.month : null));
  const byMonth = groupBy(inMonths, (d) => d.month);

  const departmentMonth: DepartmentMonthRow[] = [];
  for (const department of opts.departments) {
    for (const month of opts.months) departmentMonth.push({ department, month, ...cell(byDeptMonth.get(department + SEP + month)) });
  }
  const serviceMonth: ServiceMonthRow[] = [];
  for (const s of opts.services) {
    for (const month of opts.months) serviceMonth.push({ service: s.id, department: s.department, month, ...cell(bySvcMonth.get(s.id + SEP + month)) });
  }
  const cityMonth: CityMonthRow[] = opts.months.map((month) => ({ month, ...cell(byMonth.get(month)) }));

  const current = derived.filter((d) => inPeriod(d.month, opts.period));
  const previous = derived.filter((d) => inPeriod(d.month, opts.previousPeriod));
  const curByDept = groupBy(current, (d) => d.request.department);
  const prevByDept = groupBy(previous, (d) => d.request.department);
  const curBySvc = groupBy(current, (d) => d.request.service);

  const departmentSummary: DepartmentSummaryRow[] = opts.departments.map((department) => {
    const prev = cell(prevByDept.get(department));
    return {
      department,
      period_from: opts.period.from,
      period_to: opts.period.to,
      ...cell(curByDept.get(department)),
      prev_requests: prev.requests,
      prev_on_time_rate: prev.on_time_rate,
      prev_satisfaction_rate: prev.satisfaction_rate,
    };
  });
  const serviceSummary: ServiceSummaryRow[] = opts.services.map((s) => ({
    service: s.id,
    department: s.department,
    period_from: opts.period.from,
    period_to: opts.period.to,
    ...cell(curBySvc.get(s.id)),
  }));
  return { departmentMonth, serviceMonth, cityMonth, departmentSummary, serviceSummary, suppressedCells };
}
