/**
 * Source descriptions (data/sources/*.yaml): where a raw export is, how it is encoded, and
 * how its columns map onto the canonical record. Raw column names live only in those files.
 * A bad file fails the build naming the file, the key and a hint.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { dateFormatError } from './dates.ts';

export const requestFields = [
  'id', 'submittedAt', 'acceptedAt', 'closedAt', 'dueAt', 'department', 'service', 'needType', 'category',
  'description', 'district', 'channel', 'status', 'clientType', 'tier', 'visits', 'effortMinutes',
] as const;
export const identifierFields = ['name', 'phone', 'idNumber', 'email', 'address'] as const;
export const ratingFields = ['id', 'target', 'rating', 'ratedAt', 'comment'] as const;
export const dateFields = ['submittedAt', 'acceptedAt', 'closedAt', 'dueAt', 'ratedAt'] as const;

const allFields = [...new Set<string>([...requestFields, ...identifierFields, ...ratingFields])] as [string, ...string[]];
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
    kind: z.enum(['requests', 'ratings']),
    format: z.literal('csv'),
    /** Path of the raw export, relative to the data directory. */
    path: z.string().min(1),
    /** Text encoding; UTF-8 files may start with a byte order mark. */
    encoding: z.enum(['utf-8', 'gb18030', 'gbk']).default('utf-8'),
    delimiter: z.string().length(1).default(','),
    /** IANA time zone the export's local times are in. */
    timezone: z.string().min(1),
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
    const allowed = new Set<string>(c.kind === 'requests' ? [...requestFields, ...identifierFields] : ratingFields);
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
        if (['status', 'channel', 'clientType', 'needType', 'tier', 'rating'].includes(name) && !(name in c.values)) {
          ctx.addIssue({ code: 'custom', path: ['values', name], message: `column "${column}" maps to "${name}", which needs a value map` });
        }
      }
    }
    const mustMap = c.kind === 'requests' ? ['id', 'submittedAt', 'department', 'status'] : ['target', 'rating', 'ratedAt'];
    for (const name of mustMap) {
      if (!mapped.has(name)) ctx.addIssue({ code: 'custom', path: ['columns'], message: `no column maps to "${name}"` });
    }
    for (const name of c.required) {
      if (!mapped.has(name)) ctx.addIssue({ code: 'custom', path: ['required'], message: `"${name}" is required but no column maps to it` });
    }
    if (c.kind === 'requests' && !mapped.has('category') && !mapped.has('service') && !c.defaults.category) {
      ctx.addIssue({ code: 'custom', path: ['defaults', 'category'], message: 'set a default category (no category or service column)' });
    }
    if (c.kind === 'ratings' && !c.targets?.length) ctx.addIssue({ code: 'custom', path: ['targets'], message: 'list the request sources ratings refer to' });
    if (c.kind === 'requests' && c.targets) ctx.addIssue({ code: 'custom', path: ['targets'], message: 'only ratings sources have targets' });
  });
export type SourceConfig = z.infer<typeof sourceConfig>;

const hints: Record<string, string> = {
  name: 'the source name, equal to the file name without .yaml',
  kind: 'requests or ratings',
  format: 'only csv is supported',
  path: 'the raw export, relative to the data directory, e.g. raw/hotline.csv',
  encoding: 'utf-8, gb18030 or gbk',
  timezone: 'an IANA name such as Asia/Shanghai',
  columns: `raw column name → one of: ${allFields.join(', ')}`,
  dateFormats: 'tokens YYYY M MM D DD H HH m mm s ss, e.g. "YYYY-MM-DD HH:mm:ss"',
  values: 'raw value → canonical code, e.g. status: { 已办结: closed }',
  defaults: 'category, needType, clientType, channel or tier used when a cell is empty',
  required: 'canonical field names',
  targets: 'names of request sources, e.g. [hotline-12345, service-hall]',
};

/** Validates one parsed source file; throws naming the file, each bad key and a hint. */
export function parseSourceConfig(file: string, data: unknown): SourceConfig {
  const parsed = sourceConfig.safeParse(data);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => {
      const key = i.path.map(String).join('.') || '(top level)';
      const hint = hints[String(i.path[0] ?? '')];
      return `  key "${key}": ${i.message}${hint ? ` (hint: ${hint})` : ''}`;
    });
    throw new Error(`${file}: invalid source description\n${lines.join('\n')}`);
  }
  return parsed.data;
}

/** All sources in `dir` (data/sources), sorted by name; request sources before ratings. */
export function loadSources(dir: string): SourceConfig[] {
  const names = readdirSync(dir).filter((n) => n.endsWith('.yaml') || n.endsWith('.yml')).sort();
  const sources = names.map((n) => {
    const file = join(dir, n);
    let data: unknown;
    try {
      data = parse(readFileSync(file, 'utf8'));
    } catch (e) {
      throw new Error(`${file}: not valid YAML: ${(e as Error).message}`, { cause: e });
    }
    const config = parseSourceConfig(file, data);
    if (n.replace(/\.ya?ml$/, '') !== config.name) throw new Error(`${file}: key "name" is "${config.name}" but must equal the file name`);
    return config;
  });
  const requestNames = new Set(sources.filter((s) => s.kind === 'requests').map((s) => s.name));
  for (const s of sources) {
    for (const t of s.targets ?? []) {
      if (!requestNames.has(t)) throw new Error(`${join(dir, `${s.name}.yaml`)}: key "targets": "${t}" is not a requests source (hint: one of ${[...requestNames].join(', ')})`);
    }
  }
  return [...sources.filter((s) => s.kind === 'requests'), ...sources.filter((s) => s.kind === 'ratings')];
}
