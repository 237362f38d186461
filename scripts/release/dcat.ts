/** DCAT 2 catalog (JSON-LD) of the published datasets, with distributions, sizes and checksums. */
import type { Dictionary } from '../../src/lib/published.ts';

export interface CatalogInfo {
  title: { zh: string; en: string };
  publisher: { zh: string; en: string };
  contact: string;
  licenceUrl: string;
  siteUrl: string;
  asOf: string;
  firstMonth: string;
  lastMonth: string;
  /** The summary period (12 months): the coverage of tables of figures over it (those with period_from/period_to). */
  period?: { from: string; to: string };
}

const MEDIA: Record<string, string> = { csv: 'text/csv', json: 'application/json', gz: 'application/gzip', jsonl: 'application/jsonl', parquet: 'application/vnd.apache.parquet' };

/** The catalog: one dcat:Dataset per dictionary entry, one distribution per downloadable file of it. */
export function dcatCatalog(info: CatalogInfo, dictionary: Dictionary, downloads: readonly { file: string; bytes: number; sha256: string }[]): object {
  const url = (path: string) => new URL(path, info.siteUrl).href;
  const lang = (v: { zh: string; en: string }) => [
    { '@language': 'zh-CN', '@value': v.zh },
    { '@language': 'en', '@value': v.en },
  ];
  /** Months a dataset covers: the summary period for a table of figures over it, else every month published. */
  const coverage = (d: Dictionary[string] | undefined): { from: string; to: string } =>
    info.period && d?.columns.some((c) => c.name === 'period_from') ? info.period : { from: info.firstMonth, to: info.lastMonth };
  return {
    '@context': { dcat: 'http://www.w3.org/ns/dcat#', dct: 'http://purl.org/dc/terms/', foaf: 'http://xmlns.com/foaf/0.1/', spdx: 'http://spdx.org/rdf/terms#', xsd: 'http://www.w3.org/2001/XMLSchema#' },
    '@id': url('/data/catalog.jsonld'),
    '@type': 'dcat:Catalog',
    'dct:title': lang(info.title),
    'dct:publisher': { '@type': 'foaf:Organization', 'foaf:name': lang(info.publisher), 'foaf:mbox': `mailto:${info.contact}` },
    'dct:license': { '@id': info.licenceUrl },
    'dct:modified': { '@type': 'xsd:date', '@value': info.asOf },
    'foaf:homepage': { '@id': url('/data/') },
    'dcat:dataset': Object.keys(dictionary)
      .sort()
      .map((name) => {
        const d = dictionary[name];
        const files = downloads.filter((f) => f.file.split('.')[0] === name);
        return {
          '@id': url(`/data/${name}/`),
          '@type': 'dcat:Dataset',
          'dct:identifier': name,
          'dct:title': d ? lang(d.title) : name,
          'dct:description': d ? lang(d.description) : '',
          'dct:license': { '@id': info.licenceUrl },
          'dct:modified': { '@type': 'xsd:date', '@value': info.asOf },
          'dct:accrualPeriodicity': { '@id': 'http://purl.org/cld/freq/monthly' },
          'dct:temporal': { '@type': 'dct:PeriodOfTime', 'dcat:startDate': coverage(d).from, 'dcat:endDate': coverage(d).to },
          'dcat:landingPage': { '@id': url(`/data/${name}/`) },
          'dcat:distribution': files.map((f) => ({
            '@type': 'dcat:Distribution',
            'dct:title': f.file,
            'dcat:downloadURL': { '@id': url(`/data/${f.file}`) },
            'dcat:mediaType': MEDIA[f.file.split('.').pop() ?? ''] ?? 'application/octet-stream',
            'dcat:byteSize': { '@type': 'xsd:nonNegativeInteger', '@value': String(f.bytes) },
            'spdx:checksum': { '@type': 'spdx:Checksum', 'spdx:algorithm': { '@id': 'http://spdx.org/rdf/terms#checksumAlgorithm_sha256' }, 'spdx:checksumValue': f.sha256 },
          })),
        };
      }),
  };
}
