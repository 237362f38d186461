/** Frictionless Data Package (datapackage.json) describing every published CSV. */
import type { Dictionary } from '../../src/lib/published.ts';
import { sha256 } from './hash.ts';
import type { PublishedFile } from './stored-file.ts';
import { constraintsOf, tableKeys } from './keys.ts';

export interface PackageInfo {
  name: string;
  title: string;
  description: string;
  licence: { id: string; title: string; url: string };
  publisher: string;
  contact: string;
  version: string;
}

const frictionlessType: Record<Dictionary[string]['columns'][number]['type'], string> = {
  string: 'string',
  integer: 'integer',
  number: 'number',
  boolean: 'boolean',
  date: 'date',
  month: 'yearmonth',
};

/** A lower-case package name ([a-z0-9._-]) from a title. */
export function packageName(title: string): string {
  return title.toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'glassbox';
}

/** Builds the data package for CSV resources `<dataset>.csv` present in `files`. */
export function buildDataPackage(info: PackageInfo, dictionary: Dictionary, files: ReadonlyMap<string, PublishedFile>): object {
  const resources = Object.keys(dictionary)
    .sort()
    .filter((dataset) => files.has(`${dataset}.csv`))
    .map((dataset) => {
      const entry = dictionary[dataset];
      const path = `${dataset}.csv`;
      const bytes = files.get(path) ?? new Uint8Array();
      return {
        name: dataset,
        path,
        title: entry ? `${entry.title.en} / ${entry.title.zh}` : dataset,
        description: entry ? `${entry.description.en} / ${entry.description.zh}` : '',
        profile: 'tabular-data-resource',
        format: 'csv',
        mediatype: 'text/csv',
        encoding: 'utf-8',
        bytes: bytes.byteLength,
        hash: `sha256:${sha256(bytes)}`,
        dialect: { delimiter: ',', lineTerminator: '\r\n', quoteChar: '"', doubleQuote: true, header: true },
        schema: {
          fields: (entry?.columns ?? []).map((c) => {
            const constraints = constraintsOf(dataset, c.name, c.type);
            return {
              name: c.name,
              type: frictionlessType[c.type],
              format: 'default',
              description: `${c.description.en} / ${c.description.zh}`,
              ...(Object.keys(constraints).length ? { constraints } : {}),
            };
          }),
          missingValues: [''],
          ...(tableKeys[dataset]?.primaryKey ? { primaryKey: tableKeys[dataset]?.primaryKey } : {}),
          ...(tableKeys[dataset]?.foreignKeys ? { foreignKeys: tableKeys[dataset]?.foreignKeys } : {}),
        },
      };
    });
  return {
    profile: 'tabular-data-package',
    name: info.name,
    title: info.title,
    description: info.description,
    version: info.version,
    licenses: [{ name: info.licence.id, title: info.licence.title, path: info.licence.url }],
    contributors: [{ title: info.publisher, email: info.contact, role: 'publisher' }],
    resources,
  };
}
