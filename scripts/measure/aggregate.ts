/**
 * Aggregates: the Measures of src/lib/published.ts per department×month, service×month,
 * city×month, and department and service summaries over the period.
 *
 * Suppression (UK ONS threshold rule): a cell of 1..minCell-1 requests has every measure
 * null (requests too); a cell of 0 requests is published as zeros so lines stay continuous.
 * A rate whose denominator is below minCell is null: on_time_rate needs due_n, satisfaction
 * and mean rating need rated, median and p90 need closed.
 *
 * Streaming: AggregateAccumulator takes one request at a time and keeps only per-cell running
 * figures (MeasuresCell; the period summaries are merged from the month cells when finishing);
 * aggregateAll and computeMeasures are its array wrappers.
 */
import type {
  CityMonthRow,
  DepartmentMonthRow,
  DepartmentSummaryRow,
  Measures,
  ServiceMonthRow,
  ServiceSummaryRow,
} from '../../src/lib/published.ts';
import type { CanonicalRequest } from '../ingest/canonical.ts';
import { inPeriod } from './months.ts';
import { viaCode, viaServiceCode, type RowKey } from './row-key.ts';
import { ratio, ValueCounts } from './stats.ts';

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

/** What a cell's measures read of a derived request (a Derived is one). */
export interface MeasureInput {
  request: Pick<CanonicalRequest, 'department' | 'service' | 'channel' | 'rating'>;
  month: string;
  closed: boolean;
  workingDays: number | null;
  onTime: boolean | null;
}

/**
 * The running figures of one cell: counts, sums and the working days as value counts, so a
 * cell costs the same memory whatever its size. result() is computeMeasures of the requests
 * added, in any order.
 */
export class MeasuresCell {
  private n = 0;
  private online = 0;
  private mobile = 0;
  private phone = 0;
  private inPerson = 0;
  private other = 0;
  private closed = 0;
  private days: ValueCounts | null = null;
  private dueN = 0;
  private onTime = 0;
  private rated = 0;
  private satisfied = 0;
  private ratingSum = 0;

  add(d: MeasureInput): void {
    this.n++;
    switch (d.request.channel) {
      case 'online':
        this.online++;
        break;
      case 'mobile':
        this.mobile++;
        break;
      case 'phone':
        this.phone++;
        break;
      case 'in_person':
        this.inPerson++;
        break;
      case 'other':
        this.other++;
        break;
    }
    if (d.closed) {
      this.closed++;
      if (d.workingDays !== null) (this.days ??= new ValueCounts()).add(d.workingDays);
    }
    if (d.onTime !== null) {
      this.dueN++;
      if (d.onTime) this.onTime++;
    }
    const r = d.request.rating;
    if (r !== null) {
      this.rated++;
      this.ratingSum += r;
      if (r >= 4) this.satisfied++;
    }
  }

  /** Adds every request counted by another cell (the figures add up; the working days merge). */
  merge(o: MeasuresCell): void {
    this.n += o.n;
    this.online += o.online;
    this.mobile += o.mobile;
    this.phone += o.phone;
    this.inPerson += o.inPerson;
    this.other += o.other;
    this.closed += o.closed;
    if (o.days !== null) (this.days ??= new ValueCounts()).merge(o.days);
    this.dueN += o.dueN;
    this.onTime += o.onTime;
    this.rated += o.rated;
    this.satisfied += o.satisfied;
    this.ratingSum += o.ratingSum;
  }

  /** Measures of the cell, and whether it was suppressed (1..minCell-1 requests). */
  result(minCell: number): { measures: Measures; suppressed: boolean } {
    const n = this.n;
    if (n > 0 && n < minCell) return { measures: nullMeasures(), suppressed: true };
    const closedWd = this.days?.size ?? 0;
    const enough = (den: number): boolean => den >= minCell && den > 0;
    return {
      measures: {
        requests: n,
        ch_online: this.online,
        ch_mobile: this.mobile,
        ch_phone: this.phone,
        ch_in_person: this.inPerson,
        ch_other: this.other,
        closed: this.closed,
        median_wd: enough(closedWd) ? (this.days?.median() ?? null) : null,
        p90_wd: enough(closedWd) ? (this.days?.nearestRank(90) ?? null) : null,
        due_n: this.dueN,
        on_time: this.onTime,
        on_time_rate: enough(this.dueN) ? ratio(this.onTime, this.dueN, 4) : null,
        rated: this.rated,
        satisfied: this.satisfied,
        satisfaction_rate: enough(this.rated) ? ratio(this.satisfied, this.rated, 4) : null,
        mean_rating: enough(this.rated) ? ratio(this.ratingSum, this.rated, 2) : null,
      },
      suppressed: false,
    };
  }
}

/** Measures of one cell, and whether it was suppressed (1..minCell-1 requests). */
export function computeMeasures(items: readonly MeasureInput[], minCell: number): { measures: Measures; suppressed: boolean } {
  const cell = new MeasuresCell();
  for (const d of items) cell.add(d);
  return cell.result(minCell);
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

/** Index of each distinct id of a list (the first of duplicates). */
function indexOf(ids: Iterable<string>): Map<string, number> {
  const out = new Map<string, number>();
  for (const id of ids) if (!out.has(id)) out.set(id, out.size);
  return out;
}

/** Where a month's requests go: its published-month index (-1 if none), and the summary periods. */
interface MonthPlace {
  published: number;
  current: boolean;
  previous: boolean;
}

/** A cell that nothing was added to. */
const EMPTY = new MeasuresCell();

/**
 * Every aggregate dataset in one pass: add() each derived request (any month), then finish().
 * Cells are found by small-integer indices (department, service, published month), and a
 * month's place is looked up once per distinct month string.
 */
export class AggregateAccumulator {
  private readonly opts: AggregateOptions;
  private readonly departments: Map<string, number>;
  private readonly services: Map<string, number>;
  private readonly months: Map<string, number>;
  private readonly places = new Map<string, MonthPlace>();
  /** Per RowKey code: the month's place, the department's and service's index (-1: not listed). */
  private readonly placeOf: (MonthPlace | undefined)[] = [];
  private readonly departmentOf: (number | undefined)[] = [];
  private readonly serviceOf: (number | undefined)[] = [];
  /** What viaCode looks a code's value up with (bound once). */
  private readonly placeOfMonth = (month: string): MonthPlace => this.place(month);
  private readonly departmentIndex = (department: string): number => this.departments.get(department) ?? -1;
  private readonly serviceIndex = (service: string): number => this.services.get(service) ?? -1;
  /** Published months per row of the month tables. */
  private readonly width: number;
  /** Cells by index; undefined until a request is added to them. */
  private readonly deptMonth: (MeasuresCell | undefined)[] = [];
  private readonly svcMonth: (MeasuresCell | undefined)[] = [];
  private readonly cityMonth: (MeasuresCell | undefined)[] = [];
  private readonly deptCurrent: (MeasuresCell | undefined)[] = [];
  private readonly deptPrevious: (MeasuresCell | undefined)[] = [];
  private readonly svcCurrent: (MeasuresCell | undefined)[] = [];

  constructor(opts: AggregateOptions) {
    this.opts = opts;
    this.departments = indexOf(opts.departments);
    this.services = indexOf(opts.services.map((s) => s.id));
    this.months = indexOf(opts.months);
    this.width = this.months.size;
  }

  private place(month: string): MonthPlace {
    let p = this.places.get(month);
    if (p === undefined) {
      p = { published: this.months.get(month) ?? -1, current: inPeriod(month, this.opts.period), previous: inPeriod(month, this.opts.previousPeriod) };
      this.places.set(month, p);
    }
    return p;
  }

  add(d: MeasureInput): void {
    const p = this.place(d.month);
    const di = this.departments.get(d.request.department);
    const svc = d.request.service;
    const si = svc === null ? undefined : this.services.get(svc);
    this.addAt(d, p, di ?? -1, si ?? -1);
  }

  /** add(d), with d's keys as codes (row-key.ts): each code's place and indices are looked up once. */
  addKeyed(d: MeasureInput, k: RowKey): void {
    const p = viaCode(this.placeOf, k.monthCode, k.month, this.placeOfMonth);
    const di = viaCode(this.departmentOf, k.departmentCode, k.department, this.departmentIndex);
    this.addAt(d, p, di, viaServiceCode(this.serviceOf, k, this.serviceIndex, -1));
  }

  /**
   * Counts d into its cells: month place p, department index di and service index si (-1: none).
   * A published month's requests go to its month cells only: the period cells take them in
   * finish(), merged from those (periodCells); other months' requests are counted into them here.
   */
  private addAt(d: MeasureInput, p: MonthPlace, di: number, si: number): void {
    const m = p.published;
    if (m >= 0) {
      into(this.cityMonth, m).add(d);
      if (di >= 0) into(this.deptMonth, di * this.width + m).add(d);
      if (si >= 0) into(this.svcMonth, si * this.width + m).add(d);
      return;
    }
    if (p.current) {
      if (di >= 0) into(this.deptCurrent, di).add(d);
      if (si >= 0) into(this.svcCurrent, si).add(d);
    }
    if (p.previous && di >= 0) into(this.deptPrevious, di).add(d);
  }

  /**
   * `direct` (the period's requests of months not published) with the month cells of the
   * published months in the period merged in: a cell per row of `monthly`, undefined when empty.
   */
  private periodCells(direct: readonly (MeasuresCell | undefined)[], monthly: readonly (MeasuresCell | undefined)[], rows: number, inside: (p: MonthPlace) => boolean): (MeasuresCell | undefined)[] {
    const months = [...this.places.values()].filter((p) => p.published >= 0 && inside(p)).map((p) => p.published);
    // New cells: finish() changes none of the accumulator's.
    return Array.from({ length: rows }, (_, row) => {
      let cell: MeasuresCell | undefined;
      for (const c of [direct[row], ...months.map((m) => monthly[row * this.width + m])]) if (c !== undefined) (cell ??= new MeasuresCell()).merge(c);
      return cell;
    });
  }

  /** Every aggregate dataset, with zero rows for empty months and counts of suppressed cells. */
  finish(): Aggregates {
    const opts = this.opts;
    const deptCurrent = this.periodCells(this.deptCurrent, this.deptMonth, this.departments.size, (p) => p.current);
    const deptPrevious = this.periodCells(this.deptPrevious, this.deptMonth, this.departments.size, (p) => p.previous);
    const svcCurrent = this.periodCells(this.svcCurrent, this.svcMonth, this.services.size, (p) => p.current);
    let suppressedCells = 0;
    const cell = (cells: readonly (MeasuresCell | undefined)[], i: number | undefined): Measures => {
      const { measures, suppressed } = ((i === undefined ? undefined : cells[i]) ?? EMPTY).result(opts.minCell);
      if (suppressed) suppressedCells++;
      return measures;
    };
    const at = (row: number | undefined, month: string): number | undefined => {
      const m = this.months.get(month);
      return row === undefined || m === undefined ? undefined : row * this.width + m;
    };

    const departmentMonth: DepartmentMonthRow[] = [];
    for (const department of opts.departments) {
      const di = this.departments.get(department);
      for (const month of opts.months) departmentMonth.push({ department, month, ...cell(this.deptMonth, at(di, month)) });
    }
    const serviceMonth: ServiceMonthRow[] = [];
    for (const s of opts.services) {
      const si = this.services.get(s.id);
      for (const month of opts.months) serviceMonth.push({ service: s.id, department: s.department, month, ...cell(this.svcMonth, at(si, month)) });
    }
    const cityMonth: CityMonthRow[] = opts.months.map((month) => ({ month, ...cell(this.cityMonth, this.months.get(month)) }));

    const departmentSummary: DepartmentSummaryRow[] = opts.departments.map((department) => {
      const di = this.departments.get(department);
      const prev = cell(deptPrevious, di);
      return {
        department,
        period_from: opts.period.from,
        period_to: opts.period.to,
        ...cell(deptCurrent, di),
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
      ...cell(svcCurrent, this.services.get(s.id)),
    }));
    return { departmentMonth, serviceMonth, cityMonth, departmentSummary, serviceSummary, suppressedCells };
  }
}

/** The cell at cells[i], created on first use. */
function into(cells: (MeasuresCell | undefined)[], i: number): MeasuresCell {
  let c = cells[i];
  if (c === undefined) {
    c = new MeasuresCell();
    cells[i] = c;
  }
  return c;
}

/** Every aggregate dataset, with zero rows for empty months and counts of suppressed cells. */
export function aggregateAll(derived: readonly MeasureInput[], opts: AggregateOptions): Aggregates {
  const acc = new AggregateAccumulator(opts);
  for (const d of derived) acc.add(d);
  return acc.finish();
}
