/**
 * Reads what the generator needs from the publisher's data/: departments, the working-day
 * calendar and the service guides (through the pipeline's own loadGuides).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { loadGuides } from '../content/load.ts';
import type { City, Department } from './city.ts';
import { parseIsoDay, type Calendar } from './time.ts';

/** Parses data/departments.yaml; throws naming the file and entry when one is malformed. */
export function parseDepartments(path: string, text: string): Department[] {
  const data: unknown = parse(text);
  if (!Array.isArray(data)) throw new Error(`${path}: expected a list of departments`);
  return data.map((entry: unknown, i) => {
    const d = entry as Partial<Department> | null;
    if (!d || typeof d.id !== 'string' || typeof d.name?.zh !== 'string') throw new Error(`${path}: entry ${i + 1} needs an "id" and a "name.zh"`);
    const aliases = Array.isArray(d.aliases) ? d.aliases.filter((a): a is string => typeof a === 'string') : [];
    return { id: d.id, name: { zh: d.name.zh, en: typeof d.name.en === 'string' ? d.name.en : '' }, aliases };
  });
}

interface CalendarFile {
  holidays?: ({ date?: string; from?: string; to?: string; name?: string } | null)[];
  workdays?: string[];
}

/** Merges the yearly calendar files (data/calendar/*.yaml) into one calendar. */
export function parseCalendars(files: readonly { path: string; text: string }[]): Calendar {
  const holidays = new Set<number>();
  const workdays = new Set<number>();
  const springFestivals: [number, number][] = [];
  for (const { path, text } of files) {
    const data = parse(text) as CalendarFile | null;
    try {
      for (const h of data?.holidays ?? []) {
        if (!h) continue;
        const from = parseIsoDay(String(h.date ?? h.from));
        const to = parseIsoDay(String(h.date ?? h.to));
        for (let d = from; d <= to; d++) holidays.add(d);
        if (h.name?.includes('春节')) springFestivals.push([from, to]);
      }
      for (const w of data?.workdays ?? []) workdays.add(parseIsoDay(String(w)));
    } catch (error) {
      throw new Error(`${path}: ${(error as Error).message}`, { cause: error });
    }
  }
  return { holidays, workdays, springFestivals };
}

/** Loads the city and its calendar from a data directory (normally "data"). */
export function loadCity(dataDir: string): { city: City; calendar: Calendar } {
  const deptPath = join(dataDir, 'departments.yaml');
  const departments = parseDepartments(deptPath, readFileSync(deptPath, 'utf8'));
  const calDir = join(dataDir, 'calendar');
  const calendar = parseCalendars(
    readdirSync(calDir)
      .filter((n) => n.endsWith('.yaml'))
      .sort()
      .map((n) => ({ path: join(calDir, n), text: readFileSync(join(calDir, n), 'utf8') })),
  );
  const services = loadGuides(join(dataDir, 'services')).map(({ id, code, name, department, promisedLimit, channels, serves }) => ({ id, code, name, department, promisedLimit, channels, serves }));
  const known = new Set(departments.map((d) => d.id));
  const stray = services.filter((s) => !known.has(s.department));
  if (stray.length > 0) throw new Error(`data/services: ${stray.map((s) => `${s.id} (department "${s.department}")`).join(', ')} name a department missing from ${deptPath}`);
  return { city: { departments, services }, calendar };
}
