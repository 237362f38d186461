/**
 * Mapping files for structured guide exports (data/guide-sources/*.yaml): where the export is,
 * its format, and which raw key holds each guide field. Raw key names live only in these files.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { MaterialKeys } from './materials.ts';

/** Guide fields a mapping can fill from a raw key. */
export const mappableFields = [
  'id', 'code', 'name.zh', 'name.en', 'department', 'keywords.zh', 'keywords.en', 'itemType', 'serves', 'category',
  'summary.zh', 'summary.en', 'legalBasis', 'conditions.zh', 'conditions.en', 'materials', 'steps', 'channels',
  'statutoryLimit', 'promisedLimit', 'fees', 'feeBasis', 'visits', 'place', 'hours', 'consultPhone', 'complaintPhone',
  'email', 'onlineUrl', 'version', 'effective', 'faq',
] as const;
export type MappableField = (typeof mappableFields)[number];

export interface GuideMapping {
  /** The mapping file, for messages. */
  file: string;
  /** Short name of the export. */
  name: string;
  /** Path of the export, relative to the data folder. */
  path: string;
  format: 'json' | 'jsonl' | 'xlsx';
  /** json: dotted path to the list of guides inside the document ("" = the document is the list). */
  records: string;
  /** xlsx: sheet name or 1-based number (default: the first sheet). */
  sheet?: string | number;
  /** Guide field -> raw key. */
  fields: Partial<Record<MappableField, string>>;
  /** Raw keys inside each material object. */
  materials: MaterialKeys;
  /** Raw keys inside each FAQ object. */
  faq: { q: string; a: string };
  /** Raw value -> canonical value, per field (item type, serves, channels, category). */
  values: Record<string, Record<string, string>>;
  /** Values used when a row leaves a field empty (e.g. opening hours common to all guides). */
  defaults: Partial<Record<MappableField, string>>;
}

const obj = (v: unknown): Record<string, unknown> => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
const strings = (v: unknown): Record<string, string> =>
  Object.fromEntries(Object.entries(obj(v)).filter((e): e is [string, string | number] => typeof e[1] === 'string' || typeof e[1] === 'number').map(([k, x]) => [k, String(x)]));

/** Parses one mapping file; throws naming the file and the key when it is malformed. */
export function parseMapping(file: string, text: string): GuideMapping {
  const d = obj(parse(text));
  const fail = (msg: string): never => {
    throw new Error(`${file}: ${msg}`);
  };
  const format = d['format'];
  if (format !== 'json' && format !== 'jsonl' && format !== 'xlsx') fail(`"format" must be json, jsonl or xlsx (got ${JSON.stringify(format)})`);
  if (typeof d['path'] !== 'string' || d['path'] === '') fail('"path" (the export, relative to the data folder) is required');
  const fields = strings(d['fields']);
  for (const k of Object.keys(fields)) if (!(mappableFields as readonly string[]).includes(k)) fail(`fields: unknown guide field "${k}"; known: ${mappableFields.join(', ')}`);
  for (const k of ['code', 'name.zh', 'department'] as const) if (!fields[k]) fail(`fields: "${k}" must name a raw key`);
  const mat = strings(d['materials']);
  const faq = strings(d['faq']);
  const sheet = d['sheet'];
  const m: GuideMapping = {
    file,
    name: typeof d['name'] === 'string' ? d['name'] : file,
    path: String(d['path']),
    format: format as GuideMapping['format'],
    records: typeof d['records'] === 'string' ? d['records'] : '',
    fields,
    materials: { ...mat, name: mat['name'] ?? '材料名称' },
    faq: { q: faq['q'] ?? '问题', a: faq['a'] ?? '解答' },
    values: Object.fromEntries(Object.entries(obj(d['values'])).map(([k, v]) => [k, strings(v)])),
    defaults: strings(d['defaults']),
  };
  if (typeof sheet === 'string' || typeof sheet === 'number') m.sheet = sheet;
  return m;
}

/** All mappings in `dir` (data/guide-sources), sorted by file name; none when the folder is absent. */
export function loadMappings(dir: string): GuideMapping[] {
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => /\.ya?ml$/.test(n)).sort();
  } catch {
    return [];
  }
  return names.map((n) => parseMapping(join(dir, n), readFileSync(join(dir, n), 'utf8')));
}
