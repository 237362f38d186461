import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readFileSync } from 'node:fs';
import { siteSchema } from '../../scripts/config/site.ts';

const sample = parse(readFileSync('data/site.yaml', 'utf8')) as Record<string, unknown> & { thresholds: Record<string, number> };

describe('siteSchema.thresholds and records', () => {
  it('accepts the sample city with k = minCell = 10 and all five quasi-identifiers', () => {
    const site = siteSchema.parse(sample);
    expect(site.thresholds.k).toBeGreaterThanOrEqual(site.thresholds.minCell);
    expect([...site.records.quasiIdentifiers].sort()).toEqual(['channel', 'clientType', 'date', 'district', 'service']);
  });
  it('rejects k below the cell threshold, naming k', () => {
    const r = siteSchema.safeParse({ ...sample, thresholds: { ...sample.thresholds, k: 5, minCell: 10 } });
    expect(r.success).toBe(false);
    expect(JSON.stringify(r.error?.issues.map((i) => i.path))).toContain('k');
  });
  it('rejects an unknown quasi-identifier', () => {
    expect(siteSchema.safeParse({ ...sample, records: { quasiIdentifiers: ['district', 'shoeSize'] } }).success).toBe(false);
  });
});
