import { describe, expect, it } from 'vitest';
import { cellId } from '../../scripts/anonymize/cells.ts';
import { CLOSE_BINS } from '../../scripts/measure/distributions.ts';
import type { RecordCellView } from '../../scripts/measure/records.ts';
import { inSuppressedCellPlain, suppressedCellTest } from '../../scripts/measure/suppressed-cells.ts';
import { random } from './random.ts';

const period = { from: '2025-11', to: '2026-10' };
const departments = ['dept-a', 'dept-b', 'all', 'dept-c'];
const services = [null, 'svc-1', 'svc-2', 'svc-3'];
const months = ['2024-12', '2025-10', '2025-11', '2026-01', '2026-10', '2026-11'];
const channels = ['online', 'mobile', 'phone', 'in_person', 'other'] as const;
const clientTypes = ['citizen', 'enterprise', 'government', 'unknown'] as const;

function pick<T>(rnd: () => number, xs: readonly T[]): T {
  return xs[Math.floor(rnd() * xs.length)] as T;
}

/** Every cell id a record of these keys can be counted into. */
function allIds(): string[] {
  const ids = [cellId.cityPeriod()];
  for (const m of months) {
    ids.push(cellId.cityMonth(m));
    for (const d of departments) ids.push(cellId.departmentMonth(d, m));
    for (const s of services) if (s !== null) ids.push(cellId.serviceMonth(s, m));
    for (let day = 1; day <= 28; day += 9) {
      const date = `${m}-${String(day).padStart(2, '0')}`;
      ids.push(cellId.daily('all', date));
      for (const d of departments) ids.push(cellId.daily(d, date));
    }
  }
  for (const d of departments) ids.push(cellId.departmentSummary(d));
  for (const s of services) if (s !== null) ids.push(cellId.serviceSummary(s));
  for (const c of channels) ids.push(cellId.kpi('channel', c));
  for (const c of clientTypes) ids.push(cellId.kpi('client_type', c));
  CLOSE_BINS.forEach((_, b) => {
    ids.push(cellId.closeBin('city', 'all', b));
    for (const d of departments) ids.push(cellId.closeBin('department', d, b));
    for (const s of services) if (s !== null) ids.push(cellId.closeBin('service', s, b));
  });
  return ids;
}

function view(rnd: () => number): RecordCellView {
  const month = pick(rnd, months);
  const closed = rnd() < 0.7;
  const wd = rnd();
  return {
    request: { department: pick(rnd, departments), service: pick(rnd, services), channel: pick(rnd, channels), clientType: pick(rnd, clientTypes) },
    month,
    submittedDate: `${month}-${String(1 + 9 * Math.floor(rnd() * 4)).padStart(2, '0')}`,
    closed,
    workingDays: wd < 0.1 ? null : wd < 0.15 ? 2.5 : Math.floor(rnd() * 80),
  };
}

/** Views with codes (CellCodes) of one coding: codes given as values are first seen, as a records accumulator's. */
function coder(): (v: RecordCellView) => RecordCellView {
  const coding = {};
  const dicts = Array.from({ length: 7 }, () => new Map<unknown, number>());
  const code = (f: number, value: unknown): number => {
    const dict = dicts[f] as Map<unknown, number>;
    let c = dict.get(value);
    if (c === undefined) dict.set(value, (c = dict.size));
    return c;
  };
  return (v) => ({
    ...v,
    codes: {
      coding,
      department: code(0, v.request.department),
      service: v.request.service === null ? -1 : code(1, v.request.service),
      month: code(2, v.month),
      date: code(3, v.submittedDate),
      channel: code(4, v.request.channel),
      clientType: code(5, v.request.clientType),
      workingDays: code(6, v.workingDays),
    },
  });
}

describe('suppressedCellTest(suppressed, period)', () => {
  it('answers as inSuppressedCellPlain for every record with codes, remembering answers per coding', () => {
    const rnd = random(99);
    const ids = allIds();
    let withheld = 0;
    for (let trial = 0; trial < 60; trial++) {
      const suppressed = new Set(ids.filter(() => rnd() < (trial % 20) / 200));
      const test = suppressedCellTest(suppressed, period);
      // Three codings in turn through one test: a code of one coding means another value in the next.
      for (let coding = 0; coding < 3; coding++) {
        const coded = coder();
        for (let i = 0; i < 300; i++) {
          const v = view(rnd);
          const want = inSuppressedCellPlain(v, suppressed, period);
          expect(test(coded(v))).toBe(want);
          if (want) withheld++;
        }
      }
    }
    expect(withheld).toBeGreaterThan(5000);
  });

  it('answers as inSuppressedCellPlain for every record, whatever cells are suppressed', () => {
    const rnd = random(2026);
    const ids = allIds();
    let withheld = 0;
    let kept = 0;
    for (let trial = 0; trial < 200; trial++) {
      // From nothing suppressed to a tenth of all cells, so each kind of cell is hit on its own.
      const share = trial < 5 ? 0 : (trial % 20) / 200;
      const suppressed = new Set(ids.filter(() => rnd() < share));
      const test = suppressedCellTest(suppressed, period);
      for (let i = 0; i < 300; i++) {
        const v = view(rnd);
        const want = inSuppressedCellPlain(v, suppressed, period);
        expect(test(v)).toBe(want);
        if (want) withheld++;
        else kept++;
      }
    }
    // Both answers occur often, so a test always saying one of them would fail.
    expect(withheld).toBeGreaterThan(5000);
    expect(kept).toBeGreaterThan(5000);
  });

  it('answers as inSuppressedCellPlain when only one kind of cell is suppressed (the others skipped)', () => {
    const rnd = random(77);
    const ids = allIds();
    for (const prefix of ['dm|', 'sm|', 'cm|', 'pc', 'ds|', 'ss|', 'dv|all|', 'dv|dept', 'k|channel|', 'k|client_type|', 'cb|city|', 'cb|department|', 'cb|service|']) {
      const suppressed = new Set(ids.filter((id) => id.startsWith(prefix) && (prefix === 'pc' || rnd() < 0.3)));
      expect(suppressed.size, prefix).toBeGreaterThan(0);
      const test = suppressedCellTest(suppressed, period);
      const codedTest = suppressedCellTest(suppressed, period);
      const coded = coder();
      let withheld = 0;
      for (let i = 0; i < 3000; i++) {
        const v = view(rnd);
        const want = inSuppressedCellPlain(v, suppressed, period);
        expect(test(v)).toBe(want);
        expect(codedTest(coded(v))).toBe(want);
        if (want) withheld++;
      }
      expect(withheld, prefix).toBeGreaterThan(0);
    }
  });

  it('withholds a record of a suppressed day but not one of the same day outside the period', () => {
    const test = suppressedCellTest(new Set([cellId.daily('dept-a', '2026-01-10'), cellId.daily('dept-a', '2024-12-10')]), period);
    const base = { request: { department: 'dept-a', service: null, channel: 'online', clientType: 'citizen' }, closed: false, workingDays: null } as const;
    expect(test({ ...base, month: '2026-01', submittedDate: '2026-01-10' })).toBe(true);
    expect(test({ ...base, month: '2026-01', submittedDate: '2026-01-19' })).toBe(false);
    expect(test({ ...base, month: '2024-12', submittedDate: '2024-12-10' })).toBe(false);
  });
});
