/**
 * Reads a YAML file and validates it with a zod schema. Errors name the file and the key
 * ("data/site.yaml: key "thresholds.minCell": expected number"), so a publisher can fix it.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { z } from 'zod';

/** Validates already-parsed YAML; throws naming `path` and every bad key. */
export function validateYaml<T>(path: string, data: unknown, schema: z.ZodType<T>): T {
  const parsed = schema.safeParse(data);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues
    .map((i) => `  key "${i.path.map(String).join('.') || '(root)'}": ${i.message}`)
    .join('\n');
  throw new Error(`${path}: invalid configuration\n${issues}`);
}

/** Parses YAML text; throws naming `path` on a syntax error. */
export function parseYamlText(path: string, text: string): unknown {
  try {
    return parse(text);
  } catch (err) {
    throw new Error(`${path}: not valid YAML: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
}

/** Reads, parses and validates a YAML file. */
export function loadYamlFile<T>(path: string, schema: z.ZodType<T>): T {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new Error(`${path}: cannot read file (${err instanceof Error ? err.message : String(err)})`, { cause: err });
  }
  return validateYaml(path, parseYamlText(path, text), schema);
}
