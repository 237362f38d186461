/**
 * HTML validity of every built page, with html-validate and the project's .htmlvalidate.mjs.
 * Results are cached by page-content hash (and config + validator version), so a rebuild only
 * validates the pages that changed.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { HtmlValidate, StaticConfigLoader, version, type ConfigData } from 'html-validate';
import type { Page } from './pages.ts';

/** One html-validate message, without the file (the same content may be several files). */
export interface HtmlIssue {
  line: number;
  column: number;
  ruleId: string;
  message: string;
  /** 1 warning, 2 error; both fail the gate. */
  severity: number;
}

/** Issues by sha256 of page content. */
export type HtmlCache = Map<string, HtmlIssue[]>;

/** The project's configuration file. */
export const configPath = fileURLToPath(new URL('../../.htmlvalidate.mjs', import.meta.url));

/** Loads .htmlvalidate.mjs synchronously (Node's require() of an ES module). */
export function loadHtmlConfig(path: string = configPath): ConfigData {
  const mod = createRequire(import.meta.url)(path) as { default: ConfigData };
  return mod.default;
}

const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');

/** The cache key of a configuration: results stay valid while config and validator are unchanged. */
export function configKey(config: ConfigData): string {
  return sha256(`${version}\n${JSON.stringify(config)}`);
}

/**
 * Validates pages, reusing `cache` entries and adding new ones (entries of pages no longer built
 * are dropped). Returns "file:line:col rule message" problems and how many pages were validated.
 */
export function validatePages(pages: readonly Page[], config: ConfigData, cache: HtmlCache = new Map()): { problems: string[]; validated: number } {
  let validator: HtmlValidate | undefined;
  const used = new Set<string>();
  const problems: string[] = [];
  let validated = 0;
  for (const page of pages) {
    const hash = sha256(page.html);
    used.add(hash);
    let issues = cache.get(hash);
    if (!issues) {
      validator ??= new HtmlValidate(new StaticConfigLoader(config));
      const report = validator.validateStringSync(page.html, page.file);
      issues = report.results.flatMap((r) => r.messages.map((m) => ({ line: m.line, column: m.column, ruleId: m.ruleId, message: m.message, severity: m.severity })));
      cache.set(hash, issues);
      validated++;
    }
    for (const i of issues) problems.push(`${page.file}:${i.line}:${i.column} ${i.ruleId} ${i.message}${i.severity === 1 ? ' (warning)' : ''}`);
  }
  for (const hash of [...cache.keys()]) if (!used.has(hash)) cache.delete(hash);
  return { problems, validated };
}

/** Reads a cache file written for `key`; an empty cache when missing, stale or unreadable. */
export function readHtmlCache(file: string, key: string): HtmlCache {
  if (!existsSync(file)) return new Map();
  try {
    const data = JSON.parse(readFileSync(file, 'utf8')) as { key?: string; entries?: Record<string, HtmlIssue[]> };
    return data.key === key && data.entries ? new Map(Object.entries(data.entries)) : new Map();
  } catch {
    return new Map();
  }
}

/** Writes the cache (sorted, so the file is stable). */
export function writeHtmlCache(file: string, key: string, cache: HtmlCache): void {
  mkdirSync(dirname(file), { recursive: true });
  const entries = Object.fromEntries([...cache].sort(([a], [b]) => (a < b ? -1 : 1)));
  writeFileSync(file, `${JSON.stringify({ key, entries })}\n`);
}

/** Validates every page of a site, cached in `cacheFile` when one is given. */
export function checkHtml(pages: readonly Page[], cacheFile?: string): { problems: string[]; validated: number } {
  const config = loadHtmlConfig();
  if (!cacheFile) return validatePages(pages, config);
  const key = configKey(config);
  const cache = readHtmlCache(cacheFile, key);
  const result = validatePages(pages, config, cache);
  writeHtmlCache(cacheFile, key, cache);
  return result;
}
