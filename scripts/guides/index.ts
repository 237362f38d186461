/**
 * The guide stage of the pipeline: Markdown guides (data/services/*.md) plus structured exports
 * described by data/guide-sources/*.yaml, normalized and validated with the guide schema; rules
 * from data/rules/*.md; and the changes since the previous release (data/history/). Every guide
 * in ends published or listed as rejected, with its problems, in the quality report.
 */
import { join, relative } from 'node:path';
import type { Rule, ServiceGuide, TimeLimit } from '../../src/lib/content-schema.ts';
import type { EarlierLimits } from '../measure/derive.ts';
import type { ChangeRow, GuideQuality, GuideRow } from '../../src/lib/published.ts';
import { loadGuides, loadRules } from '../content/load.ts';
import { byKey, diffGuides, diffRules } from './diff.ts';
import { loadPreviousSnapshot } from './history.ts';
import { loadMappings } from './mapping.ts';
import { normalizeGuide, type GuideContext } from './normalize.ts';
import { readExport } from './read-export.ts';

export interface GuideStage {
  /** Every published guide, Markdown and imported, sorted by id. */
  guides: ServiceGuide[];
  rules: Rule[];
  quality: GuideQuality;
  changes: ChangeRow[];
  /** Release date of the snapshot compared against, or null when there is none. */
  previous: string | null;
  /**
   * Per service whose current version took effect after the previous snapshot's version and
   * changed its limits: the earlier limits, in force for requests submitted before the change.
   */
  earlierLimits: Map<string, EarlierLimits>;
}

/** Runs the guide stage over a data folder. Throws (naming file and field) on a bad Markdown guide or mapping. */
export async function loadGuideStage(opts: { dataDir: string; asOf: string; departments: GuideContext['departments'] }): Promise<GuideStage> {
  const rel = (p: string) => relative(opts.dataDir, p).split('\\').join('/');
  const markdown = loadGuides(join(opts.dataDir, 'services')).map((g) => ({ ...g, origin: { file: `services/${g.id}.md` } }));
  const rules = loadRules(join(opts.dataDir, 'rules'));
  const quality: GuideQuality = {
    sources: [{ source: 'markdown', file: 'services/*.md', guides_in: markdown.length, published: markdown.length, rejected: 0 }],
    issues: [],
  };
  const ids = new Set(markdown.map((g) => g.id));
  const codes = new Set(markdown.map((g) => g.code));
  const imported: ServiceGuide[] = [];
  for (const mapping of loadMappings(join(opts.dataDir, 'guide-sources'))) {
    const path = join(opts.dataDir, mapping.path);
    const file = rel(path);
    const rows = await readExport(path, mapping);
    let published = 0;
    for (const { row, data } of rows) {
      const n = normalizeGuide(data, mapping, { departments: opts.departments, rules }, { file, row });
      const name = n.guide?.id ?? String(data[mapping.fields.code ?? ''] ?? `row ${row}`);
      const errors = [...n.errors];
      if (n.guide && ids.has(n.guide.id)) errors.push(`field "id": "${n.guide.id}" is already used by another guide`);
      if (n.guide && !opts.departments.some((d) => d.id === n.guide?.department)) errors.push(`field "department": "${n.guide.department}" is not in departments.yaml`);
      if (n.guide && codes.has(n.guide.code)) errors.push(`field "code": "${n.guide.code}" is already used by another guide`);
      for (const message of n.issues) quality.issues.push({ source: mapping.name, file, row, guide: name, severity: 'interpreted', message });
      for (const message of errors) quality.issues.push({ source: mapping.name, file, row, guide: name, severity: 'rejected', message });
      if (n.guide && errors.length === 0) {
        ids.add(n.guide.id);
        codes.add(n.guide.code);
        imported.push(n.guide);
        published++;
      }
    }
    quality.sources.push({ source: mapping.name, file, guides_in: rows.length, published, rejected: rows.length - published });
  }
  const guides = [...markdown, ...imported].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const prev = loadPreviousSnapshot(join(opts.dataDir, 'history'), opts.asOf);
  const changes = prev ? [...diffGuides(prev.guides, guides, prev.date, opts.asOf), ...diffRules(prev.rules, rules, prev.date, opts.asOf)].sort(byKey) : [];
  return { guides, rules, quality, changes, previous: prev?.date ?? null, earlierLimits: earlierLimits(prev?.guides ?? [], guides) };
}

const sameLimit = (a: TimeLimit, b: TimeLimit): boolean => a.days === b.days && a.unit === b.unit;

/**
 * The limits each guide had before its current version, where that version took effect after
 * the earlier one (`before`: the previous release's snapshot) and changed a limit. Versions older
 * than the snapshot's are not known; requests before the snapshot's version get its limits too.
 */
export function earlierLimits(before: readonly ServiceGuide[], now: readonly ServiceGuide[]): Map<string, EarlierLimits> {
  const old = new Map(before.map((g) => [g.id, g]));
  const out = new Map<string, EarlierLimits>();
  for (const g of now) {
    const p = old.get(g.id);
    if (!p || !(g.effective > p.effective)) continue;
    if (sameLimit(p.promisedLimit, g.promisedLimit) && sameLimit(p.statutoryLimit, g.statutoryLimit)) continue;
    out.set(g.id, { until: g.effective, promised: p.promisedLimit, statutory: p.statutoryLimit });
  }
  return out;
}

/** The flat summary row of a guide (guides.csv). Tolerates guides built by hand with only the core fields. */
export function guideRow(g: ServiceGuide, issues: number): GuideRow {
  const p: Partial<ServiceGuide> = g;
  return {
    id: g.id,
    code: g.code,
    department: g.department,
    name_zh: g.name.zh,
    name_en: g.name.en,
    item_type: p.itemType ?? '',
    serves: (p.serves ?? []).join(';'),
    category: g.category,
    promised_days: g.promisedLimit.days,
    promised_unit: g.promisedLimit.unit,
    promised_text: g.promisedLimit.text ?? '',
    statutory_days: g.statutoryLimit.days,
    statutory_unit: g.statutoryLimit.unit,
    statutory_text: g.statutoryLimit.text ?? '',
    fee_free: p.fees?.free ?? false,
    fees_text: g.feesText ?? '',
    visits: p.visits ?? 0,
    materials: (p.materials ?? []).length,
    channels: (p.channels ?? []).join(';'),
    version: p.version ?? '',
    effective: p.effective ?? '',
    origin: g.origin ? `${g.origin.file}${g.origin.row ? `#${g.origin.row}` : ''}` : '',
    issues,
  };
}
