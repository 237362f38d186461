/**
 * The published datasets (public/data/*.json), read at build time and typed by published.ts.
 * The site reads nothing else, so every figure can be recomputed from the downloads.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  files,
  type ChangeRow,
  type CloseHistogramRow,
  type DailyVolumeRow,
  type CityMonthRow,
  type ClientNeedRow,
  type KpiRow,
  type ReplyRow,
  type ScoreRow,
  type DepartmentMonthRow,
  type DepartmentRow,
  type DepartmentSummaryRow,
  type Dictionary,
  type Meta,
  type QualityReport,
  type ReleaseNotes,
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
/** kpis.json: the public's measures per dimension. */
export const kpis = (): KpiRow[] => readJson(files.kpis);
/** client-need.json: client type × need type. */
export const clientNeed = (): ClientNeedRow[] => readJson(files.clientNeed);
/** scores.json: department scores with rank ranges. */
export const scores = (): ScoreRow[] => readJson(files.scores);
/** replies.json: department replies. */
export const replies = (): ReplyRow[] => readJson(files.replies);
/** Changes to guides and rules since the previous release (newest first). */
export const changes = (): ChangeRow[] => readJson(files.changes);

/** daily-volume.json: requests per day (city and departments). */
export const dailyVolume = (): DailyVolumeRow[] => readJson(files.dailyVolume);
/** close-histogram.json: closed requests per working-day bin (city, departments, services). */
export const closeHistogram = (): CloseHistogramRow[] => readJson(files.closeHistogram);

/** Release notes: what changed since the previous release. */
export const releaseNotes = (): ReleaseNotes => readJson(files.releaseNotes);
/** Releases, newest first. */
export const releases = (): { release: string; path: string; notes: string }[] => readJson(files.releases);

/** The URL of a published file (served from /data/). */
export function dataUrl(file: string): string {
  return `/data/${file}`;
}
