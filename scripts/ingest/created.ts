/**
 * Departments and services a source names but data/ does not list, created from the data
 * (policy `create`): stable generated ids, the raw name as both zh and en name.
 */

/** A department or service created from a raw name. */
export interface CreatedEntity {
  id: string;
  /** The raw name as it appears in the export. */
  raw: string;
  name: { zh: string; en: string };
  /** Source that first named it. */
  source: string;
  /** Services only: the department of the first row naming it. */
  department?: string;
}

/** 32-bit FNV-1a of `text`, as 8 hex digits (stable across machines). */
export function shortHash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

/** A URL-safe id for `raw`: its ASCII slug when it has one, else `prefix-<hash>`; never one of `taken`. */
export function generatedId(raw: string, prefix: string, taken: ReadonlySet<string>): string {
  const slug = raw.normalize('NFKD').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 48);
  // eslint-disable-next-line no-control-regex -- the test is "only ASCII", which is a range of control and printable codes
  const ascii = /^[\x00-\x7f]*$/.test(raw);
  let id = ascii && slug ? slug : `${prefix}-${shortHash(raw)}`;
  if (taken.has(id)) id = `${prefix}-${slug ? `${slug}-` : ''}${shortHash(raw)}`;
  return id;
}

/** Registry of created departments and services, shared by all sources of one ingest. */
export class CreatedRegistry {
  readonly departments = new Map<string, CreatedEntity>();
  readonly services = new Map<string, CreatedEntity>();
  private readonly taken: Set<string>;

  constructor(existingIds: Iterable<string>) {
    this.taken = new Set(existingIds);
  }

  /** Id of the department created for `raw` (created on first use). */
  department(raw: string, source: string): string {
    let d = this.departments.get(raw);
    if (!d) {
      const id = generatedId(raw, 'dept', this.taken);
      this.taken.add(id);
      d = { id, raw, name: { zh: raw, en: raw }, source };
      this.departments.set(raw, d);
    }
    return d.id;
  }

  /** Id of the service created for `raw` (created on first use). */
  service(raw: string, source: string, department: string | null): string {
    let s = this.services.get(raw);
    if (!s) {
      const id = generatedId(raw, 'svc', this.taken);
      this.taken.add(id);
      s = { id, raw, name: { zh: raw, en: raw }, source, ...(department ? { department } : {}) };
      this.services.set(raw, s);
    }
    return s.id;
  }
}
