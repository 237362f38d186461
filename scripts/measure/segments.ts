/**
 * Client segments (data/segments.yaml): labels of client and need types, the pyramid tiers
 * I–IV as ordered match rules over canonical fields (the first rule that matches wins), and
 * the documented effort estimates used where a source records no handling time.
 */
import { z } from 'zod';
import type { CanonicalRequest, ClientType, NeedType } from '../ingest/canonical.ts';
import { loadYamlFile } from '../config/yaml-file.ts';

const bilingual = z.object({ zh: z.string().min(1), en: z.string().min(1) });
const list = z.array(z.string().min(1)).min(1);

const rule = z
  .object({
    /** Pyramid tier given when every condition holds. */
    tier: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]),
    /** Why this rule exists, shown on the methodology page. */
    label: bilingual,
    source: list.optional(),
    department: list.optional(),
    service: list.optional(),
    category: list.optional(),
    needType: list.optional(),
    clientType: list.optional(),
    channel: list.optional(),
    /** Any of these words in the (scrubbed) description. */
    descriptionContains: list.optional(),
  })
  .strict();

export const segmentsSchema = z
  .object({
    /** Client types in display order (codes of the canonical clientType). */
    clientTypes: z.record(z.string(), bilingual),
    /** Need types in display order; `internal` ones serve other government units. */
    needTypes: z.record(z.string(), bilingual.extend({ internal: z.boolean().default(false) })),
    /** Tier names and one-line descriptions, I..IV. */
    tiers: z.record(z.enum(['1', '2', '3', '4']), bilingual.extend({ description: bilingual })),
    /** Ordered match rules; the last should have no condition (the default tier). */
    rules: z.array(rule).min(1),
    /** Estimated handling minutes per need type where the source gives none (labelled "estimate" wherever shown). */
    effortEstimateMinutes: z.record(z.string(), z.number().min(0)),
  })
  .strict();
export type Segments = z.infer<typeof segmentsSchema>;
export type TierRule = z.infer<typeof rule>;

/** Loads and validates data/segments.yaml; errors name the file and key. */
export function loadSegments(path: string): Segments {
  return loadYamlFile(path, segmentsSchema);
}

/** True when every condition of the rule holds for the request. */
export function ruleMatches(r: TierRule, q: CanonicalRequest): boolean {
  const inList = (allowed: readonly string[] | undefined, value: string | null): boolean => allowed === undefined || (value !== null && allowed.includes(value));
  if (!inList(r.source, q.source) || !inList(r.department, q.department) || !inList(r.service, q.service)) return false;
  if (!inList(r.category, q.category) || !inList(r.needType, q.needType) || !inList(r.clientType, q.clientType)) return false;
  if (!inList(r.channel, q.channel)) return false;
  if (r.descriptionContains !== undefined) {
    const text = q.description ?? '';
    if (!r.descriptionContains.some((w) => text.includes(w))) return false;
  }
  return true;
}

/** One field's part of a TierIndex: per value, the rules (bits, in rule order) whose condition on the field holds. */
interface FieldMasks {
  masks: ReadonlyMap<string, number>;
  /** The rules without a condition on the field: all a value not listed (or null) leaves. */
  other: number;
}

/**
 * The rules as bit masks, for classifying millions of requests: the rules a request can match
 * are the AND of one mask per field (a map look-up each), and only their description
 * conditions are then tested, in rule order. Up to 31 rules (more: rule by rule).
 */
interface TierIndex {
  fields: Partial<Record<(typeof ruleFields)[number], FieldMasks>>;
  all: number;
}

const ruleFields = ['source', 'department', 'service', 'category', 'needType', 'clientType', 'channel'] as const;
/** Indexes per rules list (a list is read, never changed, after loading). */
const tierIndexes = new WeakMap<readonly TierRule[], TierIndex | null>();

function tierIndex(rules: readonly TierRule[]): TierIndex | null {
  let x = tierIndexes.get(rules);
  if (x === undefined) {
    x = null;
    if (rules.length <= 31) {
      const fields: TierIndex['fields'] = {};
      for (const field of ruleFields) {
        if (!rules.some((r) => r[field] !== undefined)) continue;
        const masks = new Map<string, number>();
        let other = 0;
        rules.forEach((r, i) => {
          if (r[field] === undefined) other |= 1 << i;
        });
        rules.forEach((r, i) => {
          for (const v of r[field] ?? []) masks.set(v, (masks.get(v) ?? other) | (1 << i));
        });
        fields[field] = { masks, other };
      }
      x = { fields, all: rules.length === 31 ? 0x7fffffff : (1 << rules.length) - 1 };
    }
    tierIndexes.set(rules, x);
  }
  return x;
}

/** The rules (bits) a field's value leaves. */
function maskOf(f: FieldMasks | undefined, value: string | null): number {
  if (f === undefined) return -1;
  return value === null ? f.other : (f.masks.get(value) ?? f.other);
}

/** Tier of a request: the tier of the first matching rule (ruleMatches), else 1. */
export function classifyTier(q: CanonicalRequest, rules: readonly TierRule[]): 1 | 2 | 3 | 4 {
  const x = tierIndex(rules);
  if (x === null) {
    for (const r of rules) if (ruleMatches(r, q)) return r.tier;
    return 1;
  }
  const f = x.fields;
  let m = x.all & maskOf(f.source, q.source) & maskOf(f.department, q.department) & maskOf(f.service, q.service) & maskOf(f.category, q.category);
  m &= maskOf(f.needType, q.needType) & maskOf(f.clientType, q.clientType) & maskOf(f.channel, q.channel);
  for (let i = 0; m !== 0; i++, m >>>= 1) {
    if ((m & 1) === 0) continue;
    const r = rules[i];
    if (r === undefined) break;
    const words = r.descriptionContains;
    if (words !== undefined) {
      const text = q.description ?? '';
      if (!words.some((w) => text.includes(w))) continue;
    }
    return r.tier;
  }
  return 1;
}

/** Handling minutes of a request: the source's figure, else the need type's estimate (flagged). */
export function effortOf(q: CanonicalRequest, estimates: Readonly<Record<string, number>>): { minutes: number; estimated: boolean } {
  if (q.effortMinutes !== null) return { minutes: q.effortMinutes, estimated: false };
  return { minutes: estimates[q.needType] ?? estimates['unknown'] ?? 0, estimated: true };
}

/** Codes in display order. */
export function clientTypeCodes(s: Segments): ClientType[] {
  return Object.keys(s.clientTypes) as ClientType[];
}

/** Need-type codes in display order. */
export function needTypeCodes(s: Segments): NeedType[] {
  return Object.keys(s.needTypes) as NeedType[];
}
