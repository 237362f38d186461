/**
 * The published datasets (public/data/*.json), read at build time and typed by published.ts.
 * The site reads nothing else, so every figure can be recomputed from the downloads.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  files,
  type CityMonthRow,
  type DepartmentMonthRow,
  type DepartmentRow,
  type DepartmentSummaryRow,
  type Dictionary,
  type Meta,
  type QualityReport,
  type ServiceMonthRow,
  type ServiceRow,
  type ServiceSummaryRow,
} from './published.ts';

/** Folder of the published files, relative to the project root. */
export const dataDir = join(process.cwd(), 'public', 'data');

const cache = new Map<string, unknown>();

function readJson<T>(name: string): T {
  const file = name.endsWith('.json') ? name : `${name}.json`;
  const hit = cache.get(file);
  if (hit !== undefined) return hit as T;
  const path = join(dataDir, file);
  if (!existsSync(path)) {
    throw new Error(`${path} is missing: run \`npm run data\` (the pipeline publishes public/data/) before \`astro build\`.`);
  }
  const value = JSON.parse(readFileSync(path, 'utf8')) as T;
  cache.set(file, value);
  return value;
}

export const meta = (): Meta => readJson(files.meta);
export const departments = (): DepartmentRow[] => readJson(files.departments);
export const services = (): ServiceRow[] => readJson(files.services);
export const departmentMonth = (): DepartmentMonthRow[] => readJson(files.departmentMonth);
export const serviceMonth = (): ServiceMonthRow[] => readJson(files.serviceMonth);
export const departmentSummary = (): DepartmentSummaryRow[] => readJson(files.departmentSummary);
export const serviceSummary = (): ServiceSummaryRow[] => readJson(files.serviceSummary);
export const cityMonth = (): CityMonthRow[] => readJson(files.cityMonth);
export const quality = (): QualityReport => readJson(files.quality);
export const dictionary = (): Dictionary => readJson(files.dictionary);

/** The URL of a published file (served from /data/). */
export function dataUrl(file: string): string {
  return `/data/${file}`;
}
