import { describe, expect, it } from 'vitest';
import { dcatCatalog } from '../../scripts/release/dcat.ts';
import type { Dictionary } from '../../src/lib/published.ts';

const col = (name: string) => ({ name, type: 'string' as const, description: { zh: name, en: name } });
const dictionary: Dictionary = {
  'city-month': { title: { zh: '全市各月', en: 'City by month' }, description: { zh: '各月', en: 'Months' }, columns: [col('month'), col('requests')] },
  scores: { title: { zh: '评分', en: 'Scores' }, description: { zh: '评分', en: 'Scores' }, columns: [col('department'), col('period_from'), col('period_to')] },
};
const info = {
  title: { zh: '示例市', en: 'Example City' },
  publisher: { zh: '示例市政务服务中心', en: 'Example City Service Centre' },
  contact: 'open-data@example.org',
  licenceUrl: 'https://creativecommons.org/licenses/by/4.0/',
  siteUrl: 'https://glassbox.example.org',
  asOf: '2026-10-31',
  firstMonth: '2024-11',
  lastMonth: '2026-10',
  period: { from: '2025-11', to: '2026-10' },
};
const downloads = [
  { file: 'city-month.csv', bytes: 10, sha256: 'a'.repeat(64) },
  { file: 'city-month.parquet', bytes: 20, sha256: 'b'.repeat(64) },
  { file: 'scores.csv', bytes: 30, sha256: 'c'.repeat(64) },
];

type Dataset = { 'dct:identifier': string; 'dct:temporal': { 'dcat:startDate': string; 'dcat:endDate': string }; 'dcat:distribution': { 'dct:title': string; 'dcat:mediaType': string; 'dcat:byteSize': { '@value': string } }[] };

describe('dcatCatalog(info, dictionary, downloads)', () => {
  const datasets = (dcatCatalog(info, dictionary, downloads) as { 'dcat:dataset': Dataset[] })['dcat:dataset'];
  const byId = new Map(datasets.map((d) => [d['dct:identifier'], d]));

  it('gives a table of figures over the summary period that period as its coverage, other tables every month published', () => {
    expect(byId.get('scores')?.['dct:temporal']).toMatchObject({ 'dcat:startDate': '2025-11', 'dcat:endDate': '2026-10' });
    expect(byId.get('city-month')?.['dct:temporal']).toMatchObject({ 'dcat:startDate': '2024-11', 'dcat:endDate': '2026-10' });
  });

  it('lists each file of a dataset with its media type and size, Parquet included', () => {
    expect(byId.get('city-month')?.['dcat:distribution'].map((f) => [f['dct:title'], f['dcat:mediaType'], f['dcat:byteSize']['@value']])).toEqual([
      ['city-month.csv', 'text/csv', '10'],
      ['city-month.parquet', 'application/vnd.apache.parquet', '20'],
    ]);
  });
});
