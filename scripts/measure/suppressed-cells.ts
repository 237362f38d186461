/**
 * Whether a record lies in a suppressed aggregate cell (then it is withheld from requests.csv):
 * the cells a request is counted into — its department, service and city month, its period
 * summaries, its day, its time-to-close bin, its channel and client type over the period.
 *
 * `inSuppressedCellPlain` builds each cell id and looks it up; `suppressedCellTest` gives the
 * same answers but remembers each answer per distinct key (department × month, date, bin, …),
 * so a pass over a million records builds a few thousand ids instead of fifteen million, and
 * skips every kind of cell (daily, bins, …) of which none is suppressed. Views that carry their
 * fields' codes (CellCodes, as the records accumulator's do) find the answers by code in arrays.
 */
import { cellId } from '../anonymize/cells.ts';
import { binOf } from './distributions.ts';
import { inPeriod } from './months.ts';
import type { CellCodes, RecordCellView } from './records.ts';

/** True when the record is counted into a suppressed cell: every id built and looked up. */
export function inSuppressedCellPlain(d: RecordCellView, suppressed: ReadonlySet<string>, period: { from: string; to: string }): boolean {
  const has = (id: string): boolean => suppressed.has(id);
  const q = d.request;
  if (has(cellId.departmentMonth(q.department, d.month)) || has(cellId.cityMonth(d.month))) return true;
  if (q.service !== null && has(cellId.serviceMonth(q.service, d.month))) return true;
  if (!inPeriod(d.month, period)) return false;
  // Cells a record can be counted into: its day, its time-to-close bin, its channel and client type over the period.
  if (has(cellId.cityPeriod()) || has(cellId.departmentSummary(q.department)) || (q.service !== null && has(cellId.serviceSummary(q.service)))) return true;
  if (has(cellId.daily('all', d.submittedDate)) || has(cellId.daily(q.department, d.submittedDate))) return true;
  if (has(cellId.kpi('channel', q.channel)) || has(cellId.kpi('client_type', q.clientType))) return true;
  if (d.closed && d.workingDays !== null) {
    const b = binOf(d.workingDays);
    if (has(cellId.closeBin('city', 'all', b)) || has(cellId.closeBin('department', q.department, b))) return true;
    if (q.service !== null && has(cellId.closeBin('service', q.service, b))) return true;
  }
  return false;
}

/** `test(key)` remembered per key (keys repeat: the same few thousand strings over every record). */
function remember(test: (key: string) => boolean): (key: string) => boolean {
  const known = new Map<string, boolean>();
  return (key) => {
    let v = known.get(key);
    if (v === undefined) {
      v = test(key);
      known.set(key, v);
    }
    return v;
  };
}

/** `test(a, b)` remembered per pair. */
function remember2<B>(test: (a: string, b: B) => boolean): (a: string, b: B) => boolean {
  const known = new Map<string, Map<B, boolean>>();
  return (a, b) => {
    let row = known.get(a);
    if (row === undefined) {
      row = new Map();
      known.set(a, row);
    }
    let v = row.get(b);
    if (v === undefined) {
      v = test(a, b);
      row.set(b, v);
    }
    return v;
  };
}

/**
 * inSuppressedCellPlain with every answer remembered per distinct key. `suppressed` must not
 * change while the returned test is in use.
 */
export function suppressedCellTest(suppressed: ReadonlySet<string>, period: { from: string; to: string }): (d: RecordCellView) => boolean {
  if (suppressed.size === 0) return () => false;
  const has = (id: string): boolean => suppressed.has(id);
  // Per month: 0 = its city month is suppressed, 1 = outside the period, 2 = in the period.
  const month = new Map<string, number>();
  const monthPlace = (m: string): number => {
    let v = month.get(m);
    if (v === undefined) {
      v = has(cellId.cityMonth(m)) ? 0 : inPeriod(m, period) ? 2 : 1;
      month.set(m, v);
    }
    return v;
  };
  const departmentMonth = remember2<string>((d, m) => has(cellId.departmentMonth(d, m)));
  const serviceMonth = remember2<string>((s, m) => has(cellId.serviceMonth(s, m)));
  const cityPeriod = has(cellId.cityPeriod());
  const departmentSummary = remember((d) => has(cellId.departmentSummary(d)));
  const serviceSummary = remember((s) => has(cellId.serviceSummary(s)));
  const dailyAll = remember((date) => has(cellId.daily('all', date)));
  const daily = remember2<string>((d, date) => has(cellId.daily(d, date)));
  const channel = remember((c) => has(cellId.kpi('channel', c)));
  const clientType = remember((c) => has(cellId.kpi('client_type', c)));
  const binAll = new Map<number, boolean>();
  const cityBin = (b: number): boolean => {
    let v = binAll.get(b);
    if (v === undefined) {
      v = has(cellId.closeBin('city', 'all', b));
      binAll.set(b, v);
    }
    return v;
  };
  const departmentBin = remember2<number>((d, b) => has(cellId.closeBin('department', d, b)));
  const serviceBin = remember2<number>((s, b) => has(cellId.closeBin('service', s, b)));
  // Kinds of cell with no suppressed cell at all need no look-up (their ids all share a prefix).
  const any = (prefix: string): boolean => [...suppressed].some((id) => id.startsWith(prefix));
  const hasDm = any(cellId.departmentMonth('', '').slice(0, 3));
  const hasSm = any(cellId.serviceMonth('', '').slice(0, 3));
  const hasDs = any(cellId.departmentSummary('').slice(0, 3));
  const hasSs = any(cellId.serviceSummary('').slice(0, 3));
  const hasDaily = any(cellId.daily('', '').slice(0, 3));
  const hasChannel = any(cellId.kpi('channel', ''));
  const hasClientType = any(cellId.kpi('client_type', ''));
  const hasBins = any(cellId.closeBin('', '', 0).slice(0, 3));
  /** The answers by value (views without codes). */
  const byValue = (d: RecordCellView): boolean => {
    const q = d.request;
    const place = monthPlace(d.month);
    if (place === 0 || (hasDm && departmentMonth(q.department, d.month))) return true;
    const service = q.service;
    if (hasSm && service !== null && serviceMonth(service, d.month)) return true;
    if (place === 1) return false;
    if (cityPeriod || (hasDs && departmentSummary(q.department)) || (hasSs && service !== null && serviceSummary(service))) return true;
    if (hasDaily && (dailyAll(d.submittedDate) || daily(q.department, d.submittedDate))) return true;
    if ((hasChannel && channel(q.channel)) || (hasClientType && clientType(q.clientType))) return true;
    if (hasBins && d.closed && d.workingDays !== null) {
      const b = binOf(d.workingDays);
      if (cityBin(b) || departmentBin(q.department, b)) return true;
      if (service !== null && serviceBin(service, b)) return true;
    }
    return false;
  };
  // The same answers remembered by the view's codes (arrays, not maps of strings): the same checks in the same order.
  const memos = () => ({
    month: new CodeMemo(),
    dm: new CodeMemo(),
    sm: new CodeMemo(),
    ds: new CodeMemo(),
    ss: new CodeMemo(),
    dailyAll: new CodeMemo(),
    daily: new CodeMemo(),
    channel: new CodeMemo(),
    clientType: new CodeMemo(),
    bin: new CodeMemo(),
    cityBin: new CodeMemo(),
    departmentBin: new CodeMemo(),
    serviceBin: new CodeMemo(),
  });
  let m = memos();
  let coding: object | undefined;
  const byCode = (d: RecordCellView, k: Readonly<CellCodes>): boolean => {
    // Codes of another coding mean other values: its answers are remembered afresh.
    if (k.coding !== coding) {
      if (coding !== undefined) m = memos();
      coding = k.coding;
    }
    const q = d.request;
    const service = q.service === null ? -1 : k.service;
    let place = m.month.get(0, k.month);
    if (place < 0) place = m.month.set(0, k.month, monthPlace(d.month));
    if (place === 0) return true;
    if (hasDm) {
      let v = m.dm.get(k.department, k.month);
      if (v < 0) v = m.dm.set(k.department, k.month, departmentMonth(q.department, d.month) ? 1 : 0);
      if (v === 1) return true;
    }
    if (hasSm && service >= 0) {
      let v = m.sm.get(service, k.month);
      if (v < 0) v = m.sm.set(service, k.month, serviceMonth(q.service ?? '', d.month) ? 1 : 0);
      if (v === 1) return true;
    }
    if (place === 1) return false;
    if (cityPeriod) return true;
    if (hasDs) {
      let v = m.ds.get(0, k.department);
      if (v < 0) v = m.ds.set(0, k.department, departmentSummary(q.department) ? 1 : 0);
      if (v === 1) return true;
    }
    if (hasSs && service >= 0) {
      let v = m.ss.get(0, service);
      if (v < 0) v = m.ss.set(0, service, serviceSummary(q.service ?? '') ? 1 : 0);
      if (v === 1) return true;
    }
    if (hasDaily) {
      let v = m.dailyAll.get(0, k.date);
      if (v < 0) v = m.dailyAll.set(0, k.date, dailyAll(d.submittedDate) ? 1 : 0);
      if (v === 1) return true;
      v = m.daily.get(k.department, k.date);
      if (v < 0) v = m.daily.set(k.department, k.date, daily(q.department, d.submittedDate) ? 1 : 0);
      if (v === 1) return true;
    }
    if (hasChannel) {
      let v = m.channel.get(0, k.channel);
      if (v < 0) v = m.channel.set(0, k.channel, channel(q.channel) ? 1 : 0);
      if (v === 1) return true;
    }
    if (hasClientType) {
      let v = m.clientType.get(0, k.clientType);
      if (v < 0) v = m.clientType.set(0, k.clientType, clientType(q.clientType) ? 1 : 0);
      if (v === 1) return true;
    }
    if (hasBins && d.closed && d.workingDays !== null) {
      let b = m.bin.get(0, k.workingDays);
      if (b < 0) b = m.bin.set(0, k.workingDays, binOf(d.workingDays));
      let v = m.cityBin.get(0, b);
      if (v < 0) v = m.cityBin.set(0, b, cityBin(b) ? 1 : 0);
      if (v === 1) return true;
      v = m.departmentBin.get(k.department, b);
      if (v < 0) v = m.departmentBin.set(k.department, b, departmentBin(q.department, b) ? 1 : 0);
      if (v === 1) return true;
      if (service >= 0) {
        v = m.serviceBin.get(service, b);
        if (v < 0) v = m.serviceBin.set(service, b, serviceBin(q.service ?? '', b) ? 1 : 0);
        if (v === 1) return true;
      }
    }
    return false;
  };
  return (d) => (d.codes === undefined ? byValue(d) : byCode(d, d.codes));
}

/** Small answers (0..126) remembered by a pair of codes ≥ 0: a row of answers per first code; -1 when not known yet. */
class CodeMemo {
  private readonly rows: Int8Array[] = [];

  get(a: number, b: number): number {
    const row = this.rows[a];
    return row !== undefined && b < row.length ? (row[b] ?? -1) : -1;
  }

  /** Remembers `v` for (a, b); returns it. */
  set(a: number, b: number, v: number): number {
    let row = this.rows[a];
    if (row === undefined || b >= row.length) {
      const next = new Int8Array(Math.max(16, 2 * (row?.length ?? 0), b + 1)).fill(-1);
      if (row !== undefined) next.set(row);
      row = next;
      this.rows[a] = row;
    }
    row[b] = v;
    return v;
  }
}
