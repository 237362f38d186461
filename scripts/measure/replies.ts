/**
 * Department replies (data/replies/<department>.md): a dated answer a department publishes
 * beside its scorecard. Front matter holds the date, what it answers and the text in both
 * languages; the Markdown body (optional) is ignored. Published as replies.csv/json.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { ReplyRow } from '../../src/lib/published.ts';
import { parseYamlText, validateYaml } from '../config/yaml-file.ts';

const dateLike = z.union([z.string().regex(/^\d{4}-\d{2}-\d{2}$/), z.date().transform((d) => d.toISOString().slice(0, 10))]);

export const replySchema = z
  .object({
    /** Date the reply was given (YYYY-MM-DD). */
    date: dateLike,
    /** The figure it answers: score, timeliness, satisfaction, rectification, digital, guides or repeat. */
    about: z.enum(['score', 'timeliness', 'satisfaction', 'rectification', 'digital', 'guides', 'repeat']),
    text: z.object({ zh: z.string().min(1), en: z.string().min(1) }),
  })
  .strict();

/** Parses one reply file's text; `department` is the file name. Throws naming the file. */
export function parseReply(path: string, department: string, text: string): ReplyRow {
  const m = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text);
  if (!m) throw new Error(`${path}: expected YAML front matter between --- lines`);
  const r = validateYaml(path, parseYamlText(path, m[1] ?? ''), replySchema);
  return { department, date: r.date, about: r.about, text_zh: r.text.zh.trim(), text_en: r.text.en.trim() };
}

/** Every reply in `dir` (missing folder = none), checked against known departments, sorted by department. */
export function loadReplies(dir: string, departments: ReadonlySet<string>): ReplyRow[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((n) => n.endsWith('.md'))
    .sort()
    .map((n) => {
      const department = n.slice(0, -3);
      const path = join(dir, n);
      if (!departments.has(department)) throw new Error(`${path}: "${department}" is not a department in departments.yaml (name the file <department id>.md)`);
      return parseReply(path, department, readFileSync(path, 'utf8'));
    });
}
