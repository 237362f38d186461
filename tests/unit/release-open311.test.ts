import { describe, expect, it } from 'vitest';
import type { RequestRecord } from '../../src/lib/published.ts';
import { compactJson } from '../../scripts/publish/json.ts';
import { open311Requests, open311RequestsJson } from '../../scripts/release/open311.ts';

const record = (i: number, over: Partial<RequestRecord> = {}): RequestRecord => ({
  record: i,
  source: i % 2 ? 'hotline-12345' : 'service-hall',
  department: 'dept-hrss',
  service: i % 3 ? 'svc-social-card' : '',
  category: '社会保障',
  district: i % 5 ? '东城区' : '',
  period: i % 4 ? '2026-03-0' + String(1 + (i % 9)) : '2026-W10',
  channel: 'online',
  client_type: 'citizen',
  month: '2026-03',
  status: i % 7 ? 'closed' : 'open',
  working_days: i % 7 ? i % 20 : null,
  on_time: i % 7 ? i % 2 === 0 : null,
  rating: i % 6 ? ((i % 5) + 1) as 1 | 2 | 3 | 4 | 5 : null,
  ...over,
});

describe('open311RequestsJson', () => {
  const names = new Map([['svc-social-card', 'Social security card "SSC" \\ 社保卡']]);

  it('writes the same bytes as compactJson(open311Requests(...)), a record at a time', () => {
    const records = Array.from({ length: 3000 }, (_, i) => record(i + 1));
    records.push(record(3001, { district: '含"引号"和\n换行', category: '</script><script>alert(1)</script>' }));
    const expected = Buffer.from(compactJson(open311Requests(records, names)), 'utf8');
    const got = open311RequestsJson(records, names);
    expect(got.length).toBeGreaterThan(100_000);
    expect(Buffer.compare(got, expected)).toBe(0);
  });

  it('writes an empty array for no records', () => {
    expect(open311RequestsJson([], names).toString('utf8')).toBe('[]\n');
  });

  it('reads any iterable once, in order', () => {
    function* gen(): Generator<RequestRecord> {
      for (let i = 1; i <= 3; i++) yield record(i);
    }
    const parsed = JSON.parse(open311RequestsJson(gen(), names).toString('utf8')) as { service_request_id: string }[];
    expect(parsed.map((r) => r.service_request_id)).toEqual(['1', '2', '3']);
  });
});
