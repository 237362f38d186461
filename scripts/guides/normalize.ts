/**
 * Turns one raw guide of a structured export into a service guide: reads each mapped field,
 * parses what can be parsed (limits, materials, fees, phones), keeps the original text beside
 * the parsed value, and lists what it could not read. Pure.
 */
import { itemTypes, serviceGuide, type channels as channelIds, type ServiceGuide, type TimeLimit } from '../../src/lib/content-schema.ts';
import { formatPhone, parseEmail, parsePhone } from './contact.ts';
import { parseFees } from './fees.ts';
import { parseLimit } from './limit.ts';
import type { GuideMapping, MappableField } from './mapping.ts';
import { parseMaterials } from './materials.ts';
import { asText, halfWidth, isPlaceholder, parseNumeral, splitList } from './text.ts';

/** What normalizing needs to know about the site: departments (with aliases) and published rules. */
export interface GuideContext {
  departments: readonly { id: string; name: { zh: string }; aliases?: readonly string[] }[];
  rules: readonly { id: string; title: { zh: string }; status?: string }[];
}

export interface Normalized {
  /** The guide, or null when it fails the schema even after parsing (see `errors`). */
  guide: ServiceGuide | null;
  /** Values that were interpreted or could not be read; the guide is still published. */
  issues: string[];
  /** Why the guide could not be published, naming each field. */
  errors: string[];
}

const ITEM_TYPES: Record<string, (typeof itemTypes)[number]> = {
  行政许可: 'administrative-licensing', 行政确认: 'administrative-confirmation', 行政给付: 'administrative-payment',
  公共服务: 'public-service', 其他行政权力: 'other-administrative', 其他: 'other-administrative',
};
const SERVES: [RegExp, 'citizen' | 'enterprise'][] = [[/自然人|个人|居民|市民|公民/, 'citizen'], [/法人|企业|单位|组织|个体/, 'enterprise']];
const CHANNELS: [RegExp, (typeof channelIds)[number]][] = [[/网上|网办|在线|线上|一网通办|PC/i, 'online'], [/窗口|现场|大厅|线下/, 'in-person'], [/掌上|移动|APP|小程序|手机/i, 'mobile'], [/邮寄|快递|EMS/i, 'post']];

/** The value of a raw key; nested keys may be written "a.b". */
function rawValue(data: Record<string, unknown>, key: string | undefined): unknown {
  if (!key) return undefined;
  if (key in data) return data[key];
  let node: unknown = data;
  for (const k of key.split('.')) node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[k] : undefined;
  return node;
}

/** A stable URL id from the item code: "SL-MKT-0101" -> "sl-mkt-0101". */
export function idFromCode(code: string): string {
  return halfWidth(code).toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
}

/** Resolves a department written as its id, its name or one of its aliases. */
export function resolveDepartment(text: string, departments: GuideContext['departments']): string | null {
  const t = text.trim();
  const d = departments.find((x) => x.id === t || x.name.zh === t || (x.aliases ?? []).includes(t));
  return d ? d.id : null;
}

const stripBrackets = (s: string) => s.replace(/[《》〈〉]/g, '').replace(/\s+/g, '');

/** Normalizes one raw guide. `where` names the export and row for messages. */
export function normalizeGuide(data: Record<string, unknown>, mapping: GuideMapping, ctx: GuideContext, where: { file: string; row: number }): Normalized {
  const issues: string[] = [];
  const get = (f: MappableField): unknown => {
    const v = rawValue(data, mapping.fields[f]);
    return isPlaceholder(v) && mapping.defaults[f] !== undefined ? mapping.defaults[f] : v;
  };
  const text = (f: MappableField): string => (isPlaceholder(get(f)) ? '' : asText(get(f)));
  const mapValue = (f: string, raw: string): string => mapping.values[f]?.[raw] ?? raw;
  const code = text('code');

  const deptText = text('department');
  const department = resolveDepartment(mapValue('department', deptText), ctx.departments);
  if (deptText && department === null) issues.push(`department "${deptText}" is not a name or alias in departments.yaml`);

  const itemRaw = text('itemType');
  const itemMapped = mapValue('itemType', itemRaw);
  const itemType = (itemTypes as readonly string[]).includes(itemMapped) ? itemMapped : ITEM_TYPES[itemMapped];
  if (itemRaw && itemType === undefined) issues.push(`item type "${itemRaw}" not understood`);

  const servesText = text('serves');
  const serves = SERVES.filter(([re]) => re.test(servesText)).map(([, id]) => id);
  if (serves.length === 0) issues.push(`who it serves "${servesText}" not understood`);

  const chText = [get('channels')].flat().map(asText).join('、');
  const channels = CHANNELS.filter(([re]) => re.test(chText)).map(([, id]) => id);
  if (channels.length === 0) issues.push(`ways to apply "${chText}" not understood`);

  const limit = (f: 'statutoryLimit' | 'promisedLimit'): TimeLimit | null => {
    const raw = get(f);
    const parsed = parseLimit(raw);
    if (parsed === null) issues.push(`${f === 'statutoryLimit' ? 'statutory' : 'promised'} limit "${asText(raw)}" could not be read as days; the other limit is shown, with this text beside it`);
    return parsed;
  };
  const statutory = limit('statutoryLimit');
  const promised = limit('promisedLimit');

  const materials = parseMaterials(get('materials'), mapping.materials, issues);
  const feesRaw = get('fees');
  const fees = parseFees(feesRaw, get('feeBasis'), issues);

  const visitsText = halfWidth(text('visits'));
  const visitsNum = /零跑|不见面|全程网办|无需到场/.test(visitsText) ? 0 : /最多跑一次/.test(visitsText) ? 1 : parseNumeral(/([0-9]+|[零一二两三四五])\s*次?/.exec(visitsText)?.[1] ?? '');
  if (visitsNum === null) issues.push(`visits "${visitsText}" could not be read as a number`);

  const phone = (f: 'consultPhone' | 'complaintPhone'): string => {
    const p = parsePhone(get(f));
    if (p === null) issues.push(`${f === 'consultPhone' ? 'consultation' : 'complaint'} phone "${text(f)}" not found`);
    return p ? formatPhone(p) : '';
  };
  const consultPhone = phone('consultPhone');
  const complaintPhone = phone('complaintPhone');
  const contactText = [text('consultPhone'), text('complaintPhone')].filter((s) => /转|分机|ext/i.test(s)).join('；');

  const legalBasis = splitList(get('legalBasis')).map((title) => {
    // Amended rules keep their title; link the version in force when there is one.
    const matches = ctx.rules.filter((x) => stripBrackets(x.title.zh) === stripBrackets(title));
    const r = matches.find((x) => x.status === 'in-force') ?? matches[0];
    return r ? { title: { zh: title, en: '' }, rule: r.id } : { title: { zh: title, en: '' } };
  });
  const steps = splitList(get('steps'), /[；;\n\r→]+/).map((s) => {
    const [title = s, detail = ''] = s.split(/[:：]/, 2);
    return { title: { zh: title.trim(), en: '' }, detail: { zh: (detail.trim() || title).trim(), en: '' } };
  });
  const faqRaw = get('faq');
  const faq = (Array.isArray(faqRaw) ? faqRaw : []).flatMap((f: unknown) => {
    const o = (typeof f === 'object' && f !== null ? f : {}) as Record<string, unknown>;
    const q = asText(o[mapping.faq.q]);
    const a = asText(o[mapping.faq.a]);
    return q && a ? [{ q: { zh: q, en: '' }, a: { zh: a, en: '' } }] : [];
  });
  if (!Array.isArray(faqRaw) && !isPlaceholder(faqRaw)) issues.push('FAQ is not a list of questions and answers; not shown');

  const effectiveText = halfWidth(text('effective')).replace(/[年/.]/g, '-').replace(/月/g, '-').replace(/日/g, '');
  const em = /^(\d{4})-(\d{1,2})-(\d{1,2})/.exec(effectiveText);
  const effective = em ? `${em[1]}-${(em[2] ?? '').padStart(2, '0')}-${(em[3] ?? '').padStart(2, '0')}` : '';
  if (!em) issues.push(`effective date "${text('effective')}" could not be read`);

  const onlineUrl = text('onlineUrl');
  const candidate: Record<string, unknown> = {
    id: text('id') || idFromCode(code),
    code,
    department: department ?? deptText,
    name: { zh: text('name.zh'), en: text('name.en') },
    keywords: { zh: splitList(get('keywords.zh'), /[；;、,，\s]+/), en: splitList(get('keywords.en'), /[;,]+/) },
    itemType: itemType ?? itemRaw,
    serves,
    category: mapValue('category', text('category')),
    summary: { zh: text('summary.zh') || text('name.zh'), en: text('summary.en') },
    legalBasis,
    conditions: { zh: splitList(get('conditions.zh')), en: splitList(get('conditions.en')) },
    materials,
    steps,
    channels,
    // A limit that cannot be read falls back to the other one, so the guide is still published;
    // the original text stays beside it and the issue is listed on the data-quality page.
    statutoryLimit: statutory ?? (promised ? { ...promised, text: asText(get('statutoryLimit')) } : null),
    promisedLimit: promised ?? (statutory ? { ...statutory, text: asText(get('promisedLimit')) } : null),
    fees,
    visits: visitsNum ?? 1,
    place: { zh: text('place'), en: '' },
    hours: { zh: text('hours'), en: '' },
    contacts: { consultPhone, complaintPhone, email: parseEmail(get('email')) ?? text('email'), ...(contactText ? { text: contactText } : {}) },
    version: text('version') || '1.0',
    effective,
    faq,
    origin: where,
  };
  if (onlineUrl) candidate['onlineUrl'] = onlineUrl;
  if (!isPlaceholder(feesRaw) && (fees.items.length > 0 || !fees.free)) candidate['feesText'] = asText(feesRaw);
  const parsed = serviceGuide.safeParse(candidate);
  if (!parsed.success) {
    const errors = parsed.error.issues.map((i) => `field "${i.path.join('.')}": ${i.message}`);
    return { guide: null, issues, errors };
  }
  return { guide: parsed.data, issues, errors: [] };
}
