/**
 * Parses 申请材料 as exports write them: one string ("身份证原件1份；营业执照复印件1份"), a list of
 * strings, a list of objects with the source's own keys, or lists nested inside lists or objects.
 */
import type { ServiceGuide } from '../../src/lib/content-schema.ts';
import { asText, halfWidth, isPlaceholder, parseNumeral, splitList } from './text.ts';

export type Material = ServiceGuide['materials'][number];

/** Raw keys of a material object, from the mapping file (`materials:` block). */
export interface MaterialKeys {
  name: string;
  form?: string;
  copies?: string;
  required?: string;
  condition?: string;
  source?: string;
  blankForm?: string;
  sample?: string;
  /** Key under which an object nests a further list of materials (e.g. "子材料"). */
  children?: string;
}

/** Reads 原件/复印件/电子 wording; null when the text does not say. */
export function parseForm(text: string): Material['form'] | null {
  const t = halfWidth(text);
  if (/原件.*(复印件|复印)|原件及复印件|原件和复印件/.test(t)) return 'original-and-copy';
  if (/复印件|复印/.test(t)) return 'copy';
  if (/电子|扫描件|电子证照/.test(t)) return 'electronic';
  if (/原件/.test(t)) return 'original';
  return null;
}

/** Reads "1份" / "一份" / a bare number; null when absent. */
export function parseCopies(value: unknown): number | null {
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0) return value;
  const m = /([0-9]+|[一二两三四五六七八九十]+)\s*份/.exec(halfWidth(asText(value))) ?? /^\s*([0-9]+)\s*$/.exec(asText(value));
  return m ? parseNumeral(m[1] ?? '') : null;
}

/** Reads 必要/必须/是 as required and 非必要/容缺/否/视情况 as conditional; null when absent. */
export function parseRequired(value: unknown): boolean | null {
  if (typeof value === 'boolean') return value;
  const t = asText(value);
  if (t === '') return null;
  if (/非必|否|容缺|视情|按需|选填|可选|如有|^条件/.test(t)) return false;
  if (/必|是|需要/.test(t)) return true;
  return null;
}

const bi = (zh: string) => ({ zh, en: '' });
const url = (v: unknown): string | undefined => {
  const t = asText(v);
  return /^https?:\/\/\S+$/.test(t) ? t : undefined;
};

/** One material from free text, e.g. "营业执照复印件1份（已办理的）". Problems are pushed to `issues`. */
export function materialFromText(text: string, issues: string[]): Material {
  const cond = /[（(]([^)）]*(?:的|时|如|若|需)[^)）]*)[)）]/.exec(text)?.[1];
  const name = text
    .replace(/[（(][^)）]*[)）]/g, '')
    .replace(/(原件及复印件|原件和复印件|原件|复印件|电子版|扫描件)/g, '')
    .replace(/([0-9]+|[一二两三四五六七八九十]+)\s*份/g, '')
    .replace(/[，,、\s]+$/, '')
    .trim();
  const form = parseForm(text);
  const copies = parseCopies(text);
  if (form === null) issues.push(`material "${text}": form (原件/复印件) not stated; shown as original`);
  if (copies === null) issues.push(`material "${text}": number of copies not stated; shown as 1`);
  const m: Material = { name: bi(name || text), form: form ?? 'original', copies: copies ?? 1, required: cond === undefined, source: bi('申请人自备'), text };
  if (cond !== undefined) m.condition = bi(cond);
  return m;
}

/** One material from an object with the source's keys. */
function materialFromObject(o: Record<string, unknown>, keys: MaterialKeys, issues: string[]): Material {
  const name = asText(o[keys.name]);
  const formText = keys.form ? asText(o[keys.form]) : '';
  const form = parseForm(formText || name);
  const copies = parseCopies(keys.copies ? o[keys.copies] : undefined) ?? parseCopies(formText);
  const required = parseRequired(keys.required ? o[keys.required] : undefined);
  const condition = keys.condition ? asText(o[keys.condition]) : '';
  const source = keys.source ? asText(o[keys.source]) : '';
  if (form === null) issues.push(`material "${name}": form "${formText}" not understood; shown as original`);
  if (copies === null) issues.push(`material "${name}": number of copies not stated; shown as 1`);
  if (required === null) issues.push(`material "${name}": required or not is not stated; shown as required`);
  const m: Material = { name: bi(name), form: form ?? 'original', copies: copies ?? 1, required: required ?? true, source: bi(isPlaceholder(source) ? '申请人自备' : source) };
  if (!isPlaceholder(condition)) m.condition = bi(condition);
  const blank = keys.blankForm ? url(o[keys.blankForm]) : undefined;
  const sample = keys.sample ? url(o[keys.sample]) : undefined;
  if (blank) m.blankForm = blank;
  if (sample) m.sample = sample;
  if (keys.blankForm && !blank && !isPlaceholder(o[keys.blankForm])) issues.push(`material "${name}": blank-form link "${asText(o[keys.blankForm])}" is not a URL`);
  return m;
}

/** Flattens whatever shape the export used into materials; unreadable entries are reported, not dropped silently. */
export function parseMaterials(value: unknown, keys: MaterialKeys, issues: string[]): Material[] {
  if (isPlaceholder(value)) return [];
  if (typeof value === 'string') return splitList(value).map((t) => materialFromText(t, issues));
  if (Array.isArray(value)) return value.flatMap((v) => parseMaterials(v, keys, issues));
  if (typeof value === 'object' && value !== null) {
    const o = value as Record<string, unknown>;
    const own = asText(o[keys.name]) !== '' ? [materialFromObject(o, keys, issues)] : [];
    const nested = keys.children && o[keys.children] !== undefined ? parseMaterials(o[keys.children], keys, issues) : [];
    if (own.length === 0 && nested.length === 0) {
      // An object wrapping a list under another key, e.g. { "材料": [...] }.
      const lists = Object.values(o).filter((v) => Array.isArray(v) || (typeof v === 'object' && v !== null));
      if (lists.length > 0) return lists.flatMap((v) => parseMaterials(v, keys, issues));
      issues.push(`material entry ${JSON.stringify(o).slice(0, 80)} has no "${keys.name}"; not shown`);
    }
    return [...own, ...nested];
  }
  issues.push(`material entry ${JSON.stringify(value)} not understood; not shown`);
  return [];
}
