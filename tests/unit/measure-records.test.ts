import { describe, expect, it } from 'vitest';
import { buildRecords } from '../../scripts/measure/records.ts';
import { derivedItem as item } from '../fixtures/anonymize/derived.ts';

describe('buildRecords(derived, k)', () => {
  const derived = [
    item({ id: 'z', rating: 5 }, '2026-10-09', 3),
    item({ id: 'y' }, '2026-10-09', 1),
    item({ id: 'w', clientType: 'government' }, '2026-09-02'),
    item({ id: 'v', clientType: 'leadership' }, '2026-09-02'),
    item({ id: 'u', channel: 'phone' }, '2026-09-02'),
  ];
  const { records, withheld } = buildRecords(derived, 2);
  it('withholds records whose quasi-identifier combination has fewer than k records at every step', () => {
    expect(withheld).toBe(1); // the phone record
    expect(records).toHaveLength(4);
  });
  it('generalizes government and leadership client types to unknown (so they form a group)', () => {
    expect(records.filter((r) => r.client_type === 'unknown')).toHaveLength(2);
  });
  it('publishes no requester key, id, description or rating comment', () => {
    for (const r of records) {
      expect(Object.keys(r).sort()).toEqual(['category', 'channel', 'client_type', 'department', 'district', 'month', 'on_time', 'period', 'rating', 'record', 'service', 'source', 'status', 'working_days']);
    }
  });
  it('is independent of input order', () => {
    expect(buildRecords([...derived].reverse(), 2).records).toEqual(records);
  });
});

describe('buildRecords(derived, { k, city, inSuppressedCell })', () => {
  it('publishes the day when k share it', () => {
    const { records, stats } = buildRecords([item({ id: 'a' }), item({ id: 'b' })], { k: 2, city: '示例市' });
    expect(records.map((r) => r.period)).toEqual(['2026-10-09', '2026-10-09']);
    expect(stats.byRung).toEqual([2, 0, 0, 0, 0]);
  });
  it('generalizes the date to the ISO week, then the month', () => {
    const week = buildRecords([item({ id: 'a' }, '2026-10-05'), item({ id: 'b' }, '2026-10-09')], { k: 2, city: '示例市' });
    expect(week.records.map((r) => r.period)).toEqual(['2026-W41', '2026-W41']);
    const month = buildRecords([item({ id: 'a' }, '2026-10-01'), item({ id: 'b' }, '2026-10-29')], { k: 2, city: '示例市' });
    expect(month.records.map((r) => r.period)).toEqual(['2026-10', '2026-10']);
  });
  it('generalizes the district to the city, then the service to its category', () => {
    const city = buildRecords([item({ id: 'a', district: '临江区' }, '2026-10-01'), item({ id: 'b', district: '青山区' }, '2026-10-29')], { k: 2, city: '示例市' });
    expect(city.records.map((r) => r.district)).toEqual(['示例市', '示例市']);
    const cat = buildRecords([item({ id: 'a', district: '临江区', service: 's1' }, '2026-10-01'), item({ id: 'b', district: '青山区', service: 's2' }, '2026-10-29')], { k: 2, city: '示例市' });
    expect(cat.records.map((r) => [r.service, r.category, r.district])).toEqual([['', 'c', '示例市'], ['', 'c', '示例市']]);
    expect(cat.stats.byRung).toEqual([0, 0, 0, 0, 2]);
  });
  it('withholds records of suppressed cells before grouping', () => {
    const d = [item({ id: 'a' }), item({ id: 'b' }), item({ id: 'c', department: 'x' }), item({ id: 'e', department: 'x' })];
    const { records, stats } = buildRecords(d, { k: 2, inSuppressedCell: (x) => x.request.department === 'x' });
    expect(records.every((r) => r.department === 'a')).toBe(true);
    expect(stats.withheldInSuppressedCells).toBe(2);
  });
  it('publishes a quasi-identifier left out of the list as is', () => {
    const { records } = buildRecords([item({ id: 'a', district: '临江区' }), item({ id: 'b', district: '青山区' })], { k: 2, quasiIdentifiers: ['date', 'service', 'channel', 'clientType'] });
    expect(records.map((r) => r.district).sort()).toEqual(['临江区', '青山区']);
  });
});
