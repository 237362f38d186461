/**
 * Source descriptions (data/sources/*.yaml): where a raw export is, how it is encoded, and
 * how its columns map onto the canonical record. Raw column names live only in those files.
 * A bad file fails the build naming the file, the key and a hint.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isMap, LineCounter, parseDocument, type Document } from 'yaml';
import { z } from 'zod';
import { dateFormatError } from './dates.ts';
import { encodings } from './encoding.ts';
import { applyPreset, presets } from './presets.ts';

export const requestFields = [
  'id', 'submittedAt', 'acceptedAt', 'closedAt', 'dueAt', 'department', 'service', 'needType', 'category',
  'description', 'district', 'channel', 'status', 'clientType', 'tier', 'visits', 'effortMinutes',
] as const;
export const identifierFields = ['name', 'phone', 'idNumber', 'email', 'address'] as const;
export const ratingFields = ['id', 'target', 'rating', 'ratedAt', 'comment'] as const;
export const feedbackFields = ['id', 'target', 'receivedAt', 'verifiedAt', 'outcome', 'outcomeAt', 'calledBackAt'] as const;
export const dateFields = ['submittedAt', 'acceptedAt', 'closedAt', 'dueAt', 'ratedAt', 'receivedAt', 'verifiedAt', 'outcomeAt', 'calledBackAt'] as const;

const allFields = [...new Set<string>([...requestFields, ...identifierFields, ...ratingFields, ...feedbackFields])] as [string, ...string[]];
const field = z.enum(allFields);

const statuses = ['open', 'closed', 'rejected', 'withdrawn', 'transferred'] as const;
const channelValues = ['online', 'mobile', 'phone', 'in_person', 'other'] as const;
const clientTypes = ['citizen', 'enterprise', 'government', 'leadership', 'unknown'] as const;
const needTypes = ['information', 'complaint', 'application', 'certificate', 'public-service', 'unknown'] as const;
const slug = z.string().regex(/^[a-z0-9-]+$/, 'use lower-case letters, digits and "-"');
const formats = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]);

export const sourceConfig = z
  .object({
    /** Source name; must equal the file name without .yaml. */
    name: slug,
    /** Bilingual title for the data-quality page. */
    title: z.object({ zh: z.string().min(1), en: z.string() }).optional(),
    /** requests: one row per case; ratings: one row per 好差评 rating, attached to a case. */
    kind: z.enum(['requests', 'ratings', 'feedback']).default('requests'),
    format: z.enum(['csv', 'json', 'open311', 'xlsx']).default('csv'),
    /** Path of the raw export relative to the data directory: a file, or a glob (`raw/311-*.csv`) read in name order. */
    path: z.string().min(1).optional(),
    /** Open311 only: the requests endpoint (…/requests.json), fetched page by page over `window`. */
    url: z.url().optional(),
    /** Open311 endpoint: the date window fetched (YYYY-MM-DD, inclusive), page size and attempts per page. */
    window: z.object({ start: z.iso.date(), end: z.iso.date() }).strict().optional(),
    pageSize: z.number().int().min(1).max(10_000).default(500),
    retries: z.number().int().min(0).max(10).default(3),
    /** Text encoding; `auto` decides by byte order mark, then strict UTF-8, else GB18030. */
    encoding: z.enum(encodings).default('utf-8'),
    delimiter: z.string().length(1).default(','),
    /** xlsx only: the sheet (name or 1-based number; default the first) and the 1-based header row. */
    sheet: z.union([z.string().min(1), z.number().int().min(1)]).optional(),
    headerRow: z.number().int().min(1).default(1),
    /** JSON only: the key of the array of records when the file is an object (default: the file is the array). */
    records: z.string().min(1).optional(),
    /** IANA time zone the export's local times are in (default: the site's). */
    timezone: z.string().min(1).optional(),
    /** Preset this description starts from (applied before validation). */
    preset: z.enum(Object.keys(presets) as [string, ...string[]]).optional(),
    /** What to do with values the data/ folder does not know. */
    policy: z
      .object({
        /** A department not in departments.yaml: quarantine the row, or create the department from the data (with a warning). */
        unknownDepartment: z.enum(['quarantine', 'create']).default('quarantine'),
        /** A service not among the guides: quarantine the row, or create it from the data (with a warning). */
        unknownService: z.enum(['quarantine', 'create']).default('quarantine'),
        /** A code missing from a value map: quarantine, or map to "unknown"/"other" where the field has one. */
        unknownCode: z.enum(['quarantine', 'unknown']).default('quarantine'),
      })
      .strict()
      .default({ unknownDepartment: 'quarantine', unknownService: 'quarantine', unknownCode: 'quarantine' }),
    /** Closed within fewer seconds than this after submission: quarantined as implausible (0 = no check). */
    minCloseSeconds: z.number().min(0).default(0),
    /** Raw column → canonical field (or several fields filled from the same column). */
    columns: z.record(z.string().min(1), z.union([field, z.array(field).min(1)])),
    /** Raw columns deliberately not used (anything else unmapped gives a warning). */
    ignore: z.array(z.string()).default([]),
    /** Format of date columns, by raw column; `default` applies to the others. */
    dateFormats: z.record(z.string(), formats).default({}),
    /** Raw value → canonical value, per canonical field. */
    values: z
      .object({
        status: z.record(z.string(), z.enum(statuses)),
        channel: z.record(z.string(), z.enum(channelValues)),
        clientType: z.record(z.string(), z.enum(clientTypes)),
        needType: z.record(z.string(), z.enum(needTypes)),
        category: z.record(z.string(), slug),
        tier: z.record(z.string(), z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)])),
        rating: z.record(z.string(), z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5)])),
        outcome: z.record(z.string(), z.enum(['rectified', 'explained'])),
      })
      .partial()
      .strict()
      .default({}),
    /** Values used when a field has no column or its cell is empty. */
    defaults: z
      .object({
        category: slug,
        needType: z.enum(needTypes),
        clientType: z.enum(clientTypes),
        channel: z.enum(channelValues),
        tier: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]),
        /** Raw department name used when the department cell is empty. */
        department: z.string().min(1),
      })
      .partial()
      .strict()
      .default({}),
    /** Canonical fields that must be non-empty; rows without them are quarantined. */
    required: z.array(field).default([]),
    /** Ratings only: the request sources whose ids the ratings refer to, in lookup order. */
    targets: z.array(slug).optional(),
  })
  .strict()
  .superRefine((c, ctx) => {
    const allowed = new Set<string>(c.kind === 'requests' ? [...requestFields, ...identifierFields] : c.kind === 'feedback' ? feedbackFields : ratingFields);
    const mapped = new Map<string, string>();
    for (const [column, f] of Object.entries(c.columns)) {
      for (const name of Array.isArray(f) ? f : [f]) {
        if (!allowed.has(name)) ctx.addIssue({ code: 'custom', path: ['columns', column], message: `field "${name}" is not used by ${c.kind} sources` });
        if (mapped.has(name)) ctx.addIssue({ code: 'custom', path: ['columns', column], message: `field "${name}" is already mapped from column "${mapped.get(name) ?? ''}"` });
        mapped.set(name, column);
        if ((dateFields as readonly string[]).includes(name)) {
          const fmt = c.dateFormats[column] ?? c.dateFormats['default'];
          if (!fmt) ctx.addIssue({ code: 'custom', path: ['dateFormats', column], message: `date column "${column}" needs a format (or set dateFormats.default)` });
          for (const one of Array.isArray(fmt) ? fmt : fmt ? [fmt] : []) {
            const err = dateFormatError(one);
            if (err) ctx.addIssue({ code: 'custom', path: ['dateFormats', column], message: err });
          }
        }
        if (['status', 'channel', 'clientType', 'needType', 'tier', 'rating', 'outcome'].includes(name) && !(name in c.values)) {
          ctx.addIssue({ code: 'custom', path: ['values', name], message: `column "${column}" maps to "${name}", which needs a value map` });
        }
      }
    }
    const mustMap = c.kind === 'requests' ? ['id', 'submittedAt', 'department', 'status'] : c.kind === 'feedback' ? ['id', 'target', 'receivedAt', 'outcome'] : ['target', 'rating', 'ratedAt'];
    for (const name of mustMap) {
      if (!mapped.has(name)) ctx.addIssue({ code: 'custom', path: ['columns'], message: `no column maps to "${name}"` });
    }
    for (const name of c.required) {
      if (!mapped.has(name)) ctx.addIssue({ code: 'custom', path: ['required'], message: `"${name}" is required but no column maps to it` });
    }
    if (c.kind === 'requests' && !mapped.has('category') && !mapped.has('service') && !c.defaults.category) {
      ctx.addIssue({ code: 'custom', path: ['defaults', 'category'], message: 'set a default category (no category or service column)' });
    }
    if (c.kind !== 'requests' && !c.targets?.length) ctx.addIssue({ code: 'custom', path: ['targets'], message: 'list the request sources ratings refer to' });
    if (c.kind === 'requests' && c.targets) ctx.addIssue({ code: 'custom', path: ['targets'], message: 'only ratings sources have targets' });
    if (!c.path === !c.url) ctx.addIssue({ code: 'custom', path: [c.url ? 'url' : 'path'], message: 'give exactly one of "path" or "url"' });
    if (c.url && c.format !== 'open311') ctx.addIssue({ code: 'custom', path: ['url'], message: '"url" is only for format open311' });
    if (c.url && !c.window) ctx.addIssue({ code: 'custom', path: ['window'], message: 'an Open311 endpoint needs a date window { start, end }' });
  })
  // Downstream code reads one location and a zone: `path` is the file, glob or URL; an empty zone means the site's.
  .transform((c) => ({ ...c, path: c.path ?? c.url ?? '', timezone: c.timezone ?? '' }));
export type SourceConfig = z.infer<typeof sourceConfig>;

const hints: Record<string, string> = {
  name: 'the source name, equal to the file name without .yaml',
  kind: 'requests, ratings or feedback',
  format: 'csv, json, open311 or xlsx',
  path: 'the raw export, relative to the data directory, e.g. raw/hotline.csv or raw/311-*.csv',
  url: 'an Open311 GeoReport v2 requests endpoint, e.g. https://city.example/open311/v2/requests.json',
  window: 'the dates to fetch, e.g. { start: 2025-01-01, end: 2025-12-31 }',
  encoding: `one of ${encodings.join(', ')}`,
  preset: `one of ${Object.keys(presets).join(', ')}`,
  policy: 'unknownDepartment/unknownService: quarantine | create; unknownCode: quarantine | unknown',
  sheet: 'a sheet name or number (xlsx only)',
  headerRow: 'the 1-based row holding the column names (xlsx only)',
  timezone: 'an IANA name such as Asia/Shanghai',
  columns: `raw column name → one of: ${allFields.join(', ')}`,
  dateFormats: 'tokens YYYY M MM D DD H HH m mm s ss, e.g. "YYYY-MM-DD HH:mm:ss"',
  values: 'raw value → canonical code, e.g. status: { 已办结: closed }',
  defaults: 'category, needType, clientType, channel or tier used when a cell is empty',
  required: 'canonical field names',
  targets: 'names of request sources, e.g. [hotline-12345, service-hall]',
};

/** 1-based line of the deepest node of `path` that exists in `doc`, or null. */
function lineOf(doc: Document | undefined, counter: LineCounter | undefined, path: readonly PropertyKey[]): number | null {
  if (!doc || !counter) return null;
  for (let n = path.length; n >= 0; n--) {
    const parentPath = path.slice(0, Math.max(0, n - 1)).map(String);
    const parent = n === 0 ? doc.contents : doc.getIn(parentPath, true);
    if (n > 0 && isMap(parent)) {
      const pair = parent.items.find((p) => String((p.key as { value?: unknown } | null)?.value ?? p.key) === String(path[n - 1]));
      const range = (pair?.key as { range?: [number, number, number] } | null)?.range;
      if (range) return counter.linePos(range[0]).line;
    } else if (n > 0) {
      const node = doc.getIn(path.slice(0, n).map(String), true) as { range?: [number, number, number] } | undefined;
      if (node?.range) return counter.linePos(node.range[0]).line;
    }
  }
  return null;
}

/** Validates one parsed source file (preset applied first); throws naming the file, line, each bad key and a hint. */
export function parseSourceConfig(file: string, data: unknown, doc?: Document, counter?: LineCounter): SourceConfig {
  let merged: unknown;
  try {
    merged = applyPreset(data);
  } catch (e) {
    const line = lineOf(doc, counter, ['preset']);
    throw new Error(`${file}${line ? `:${line}` : ''}: invalid source description\n  ${(e as Error).message}`, { cause: e });
  }
  const parsed = sourceConfig.safeParse(merged);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => {
      const key = i.path.map(String).join('.') || '(top level)';
      const hint = hints[String(i.path[0] ?? '')];
      const line = lineOf(doc, counter, i.path);
      return `  ${line ? `line ${line}: ` : ''}key "${key}": ${i.message}${hint ? ` (hint: ${hint})` : ''}`;
    });
    throw new Error(`${file}: invalid source description\n${lines.join('\n')}`);
  }
  return parsed.data;
}

/** Reads, parses and validates one source file; errors name the file, line and key. */
export function loadSourceFile(file: string): SourceConfig {
  const counter = new LineCounter();
  const doc = parseDocument(readFileSync(file, 'utf8'), { lineCounter: counter, prettyErrors: true });
  if (doc.errors.length) throw new Error(`${file}: not valid YAML: ${doc.errors.map((e) => e.message).join('; ')}`);
  return parseSourceConfig(file, doc.toJS(), doc, counter);
}

/** All sources in `dir` (data/sources), sorted by name; request sources before ratings. */
export function loadSources(dir: string): SourceConfig[] {
  const names = readdirSync(dir).filter((n) => n.endsWith('.yaml') || n.endsWith('.yml')).sort();
  const sources = names.map((n) => {
    const file = join(dir, n);
    const config = loadSourceFile(file);
    if (n.replace(/\.ya?ml$/, '') !== config.name) throw new Error(`${file}: key "name" is "${config.name}" but must equal the file name`);
    return config;
  });
  const requestNames = new Set(sources.filter((s) => s.kind === 'requests').map((s) => s.name));
  for (const s of sources) {
    for (const t of s.targets ?? []) {
      if (!requestNames.has(t)) throw new Error(`${join(dir, `${s.name}.yaml`)}: key "targets": "${t}" is not a requests source (hint: one of ${[...requestNames].join(', ')})`);
    }
  }
  return [...sources.filter((s) => s.kind === 'requests'), ...sources.filter((s) => s.kind === 'ratings'), ...sources.filter((s) => s.kind === 'feedback')];
}
