/**
 * Loads and validates the publisher's content (service guides and rules) for the pipeline.
 * The site validates the same files with the same schemas in src/content.config.ts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { z } from 'zod';
import { rule, serviceGuide, type Rule, type ServiceGuide } from '../../src/lib/content-schema.ts';

/** Splits a Markdown file into its YAML front matter (parsed) and body. Throws naming the file. */
export function readFrontMatter(path: string, text: string): { data: unknown; body: string } {
  const m = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/.exec(text);
  if (!m) throw new Error(`${path}: expected YAML front matter between --- lines at the top of the file`);
  return { data: parse(m[1] ?? ''), body: m[2] ?? '' };
}

function loadDir<T>(dir: string, schema: z.ZodType<T>): T[] {
  const names = readdirSync(dir).filter((n) => n.endsWith('.md')).sort();
  return names.map((name) => {
    const path = join(dir, name);
    const { data } = readFrontMatter(path, readFileSync(path, 'utf8'));
    const parsed = schema.safeParse(data);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => `  field "${i.path.join('.')}": ${i.message}`).join('\n');
      throw new Error(`${path}: invalid front matter\n${issues}`);
    }
    const id = (parsed.data as { id: string }).id;
    if (`${id}.md` !== name) throw new Error(`${path}: field "id" is "${id}" but must equal the file name`);
    return parsed.data;
  });
}

/** All guides in `dir` (data/services), sorted by file name. */
export function loadGuides(dir: string): ServiceGuide[] {
  return loadDir(dir, serviceGuide);
}

/** All rules in `dir` (data/rules), sorted by file name. */
export function loadRules(dir: string): Rule[] {
  return loadDir(dir, rule);
}
