/** The publisher's configuration (data/site.yaml, data/departments.yaml), read once at build time. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

export interface SiteConfig {
  name: { zh: string; en: string };
  city: { zh: string; en: string };
  fictional: boolean;
  timezone: string;
  asOf: string;
  licence: { id: string; title: string; url: string };
  publisher: { zh: string; en: string };
  contact: string;
  thresholds: { minCell: number; k: number; minCasesForScore: number };
  /** Score method version and weights (the methodology page prints them, so they cannot drift). */
  score?: { version: string; weights: Record<string, number> };
  rectification?: { limitWorkingDays: number };
  repeatWindowDays?: number;
}

export interface DepartmentConfig {
  id: string;
  name: { zh: string; en: string };
}

let cachedSite: SiteConfig | undefined;
let cachedDepts: DepartmentConfig[] | undefined;

/** data/site.yaml, parsed (paths resolve from the project root, where astro runs). */
export function site(): SiteConfig {
  cachedSite ??= parse(readFileSync(join(process.cwd(), 'data', 'site.yaml'), 'utf8')) as SiteConfig;
  return cachedSite;
}

/** data/departments.yaml, in file order. */
export function departmentConfig(): DepartmentConfig[] {
  cachedDepts ??= parse(readFileSync(join(process.cwd(), 'data', 'departments.yaml'), 'utf8')) as DepartmentConfig[];
  return cachedDepts;
}
