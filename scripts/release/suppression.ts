/**
 * What a release records for the next one so that the two cannot be differenced: the counts it
 * published that an attack on both could use, the cells it hid, and the relations that hold a
 * hidden cell. Written as the `suppression` field of release.json (committed as
 * data/releases/<date>.json) and read back as the next build's PriorRelease.
 *
 * Cell ids (scripts/anonymize/cells.ts) name a month or a day (cm, dm, sm, dv, the routine and
 * priority months of kpis) or the release's period (department and service summaries, the
 * previous period, the city, kpi dimensions, client × need, histogram bins and closed counts).
 * A month or day cell counts the same requests in every release, so it keeps its id and the
 * attacker links the two releases through it. A period cell of another release counts other
 * months (its period ended a month earlier): read back, it gets the release date as a suffix
 * (`ds|finance@2026-09-30`), so it can never be taken for the next release's cell of the same
 * name. The record keeps the ids as the release named them (shorter); the suffix is added on
 * reading, and an id of neither kind fails both ways.
 *
 * Nothing here is new information: published counts and hidden cells are in the release's
 * files already, and relations follow from its tables. Which hidden cells are small (primary)
 * and which were hidden to protect them is not recorded, as it would narrow them; the next
 * release protects every hidden cell.
 */
import type { Relation } from '../anonymize/bounds.ts';
import type { PriorRelease } from '../anonymize/suppress.ts';

export interface SuppressionRecord {
  /** Published counts: every month or day cell, and the period cells of the relations below; keys sorted. */
  published: Record<string, number>;
  /** Cells the release suppressed, and sub-counts hidden with their row; sorted. */
  hidden: string[];
  /** Hidden sub-counts (closed requests of a hidden row): they may be 0, other hidden cells are at least 1; sorted. */
  mayBeZero: string[];
  /** Relations holding a hidden cell, "total = a + b" or "total >= a + b" (the total also counts cases in no part); sorted. */
  relations: string[];
}

/** The cells, relations and pattern of one release, as measure returns them (Measured.cells). */
export interface ReleaseCells {
  values: ReadonlyMap<string, number>;
  relations: readonly Relation[];
  followers: ReadonlyMap<string, string>;
  suppressed: ReadonlySet<string>;
}

/** Cells that count the same requests in every release: a month or a day. */
const SHARED = /^(?:(?:cm|dm|sm|dv)\||k\|(?:routine_month|priority_month)\|)/;
/** Cells over the release's period (or the period before it). */
const PERIOD = /^(?:(?:ds|ss|dp|cn|cb|cl)\||pc$|k\|(?:channel|client_type|need_type|tier)\|)/;

/** The id a cell of `release` has in its record: month and day cells as they are, period cells with `@release`. */
export function recordId(id: string, release: string): string {
  if (SHARED.test(id)) return id;
  if (PERIOD.test(id)) return `${id}@${release}`;
  throw new Error(
    `suppression record: cell id "${id}" is neither a month or day cell (the same in every release) nor a period cell (renamed per release); add its prefix to SHARED or PERIOD in scripts/release/suppression.ts`,
  );
}

const byId = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** One relation as a line of the record; ids holding a space could not be read back, so they fail here. */
function relationLine(r: Relation, checked: (id: string) => string): string {
  const ids = [r.total, ...r.parts].map(checked);
  const bad = ids.find((id) => /\s/.test(id) || id === '');
  if (bad !== undefined) throw new Error(`suppression record: cell id "${bad}" is empty or holds a space`);
  return `${ids[0]} ${r.kind === 'eq' ? '=' : '>='} ${ids.slice(1).join(' + ')}`.trimEnd();
}

/** The record a release leaves for the next one. Deterministic: everything sorted by id. */
export function suppressionRecord(cells: ReleaseCells): SuppressionRecord {
  // Ids as they are, each checked to be readable back (recordId throws on an unknown kind).
  const checked = (id: string): string => {
    recordId(id, '');
    return id;
  };
  const hidden = new Set(cells.suppressed);
  const mayBeZero = new Set<string>();
  for (const [id, parent] of cells.followers) {
    if (cells.suppressed.has(parent) && !hidden.has(id)) {
      hidden.add(id);
      mayBeZero.add(id);
    }
  }
  const kept = cells.relations.filter((r) => hidden.has(r.total) || r.parts.some((id) => hidden.has(id)));
  const inKept = new Set<string>();
  for (const r of kept) for (const id of [r.total, ...r.parts]) inKept.add(id);
  const published: [string, number][] = [];
  for (const [id, v] of cells.values) if (!hidden.has(id) && (SHARED.test(id) || inKept.has(id))) published.push([checked(id), v]);
  published.sort((a, b) => byId(a[0], b[0]));
  return {
    published: Object.fromEntries(published),
    hidden: [...hidden].map(checked).sort(byId),
    mayBeZero: [...mayBeZero].map(checked).sort(byId),
    relations: [...new Set(kept.map((r) => relationLine(r, checked)))].sort(byId),
  };
}

/** A relation line of a record, read back; throws naming `where` when it is not one. */
function parseRelation(line: string, where: string): Relation {
  const m = /^(\S+) (=|>=)(?: (.*))?$/.exec(line);
  if (!m) throw new Error(`${where}: relation "${line}" is not "total = a + b" or "total >= a + b"`);
  const rest = m[3] ?? '';
  return { kind: m[2] === '=' ? 'eq' : 'le', total: m[1] as string, parts: rest === '' ? [] : rest.split(' + ') };
}

const isStringArray = (x: unknown): x is string[] => Array.isArray(x) && x.every((s) => typeof s === 'string');

/** The record of `release` as the next release's PriorRelease (period cells renamed); `where` (file name) goes into every error. */
export function priorRelease(record: unknown, release: string, where: string): PriorRelease {
  const r = record as Partial<SuppressionRecord> | null;
  if (r === null || typeof r !== 'object') throw new Error(`${where}: "suppression" is not an object`);
  for (const key of ['hidden', 'mayBeZero', 'relations'] as const) {
    if (!isStringArray(r[key])) throw new Error(`${where}: "suppression.${key}" is not a list of cell ids`);
  }
  const pub = r.published;
  if (pub === null || typeof pub !== 'object' || Array.isArray(pub)) throw new Error(`${where}: "suppression.published" is not an object of counts`);
  const rename = (id: string): string => {
    try {
      return recordId(id, release);
    } catch (err) {
      throw new Error(`${where}: ${(err as Error).message}`, { cause: err });
    }
  };
  const published = new Map<string, number>();
  for (const [id, v] of Object.entries(pub)) {
    if (!Number.isInteger(v) || (v as number) < 0) throw new Error(`${where}: "suppression.published" of "${id}" is ${JSON.stringify(v)}, not a count`);
    published.set(rename(id), v as number);
  }
  const hidden = new Set((r.hidden as string[]).map(rename));
  const mayBeZero = new Set((r.mayBeZero as string[]).map(rename));
  return {
    published,
    hidden,
    relations: (r.relations as string[]).map((line) => {
      const rel = parseRelation(line, where);
      return { kind: rel.kind, total: rename(rel.total), parts: rel.parts.map(rename) };
    }),
    // Every hidden cell but the sub-counts: which ones were small is not recorded (see above).
    protect: new Set([...hidden].filter((id) => !mayBeZero.has(id))),
    mayBeZero,
  };
}
