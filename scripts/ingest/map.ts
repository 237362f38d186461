/**
 * Raw row → canonical record. A source description is compiled once into a mapper (column
 * indexes, date parsers, value maps); each row is then mapped without further set-up work.
 * A row fails on its first problem, giving the raw column, a reason code and an excerpt that
 * never includes identifier columns (name, phone, ID number, email, address).
 */
import type { ServiceGuide } from '../../src/lib/content-schema.ts';
import type { CanonicalRequest, Channel, ClientType, Identifiers, NeedType, Status } from './canonical.ts';
import { identifierFields, type SourceConfig } from './config.ts';
import { compileDateParsers, type DateParser } from './dates.ts';

export interface Issue {
  column: string;
  reason: string;
  excerpt: string;
}
export type Outcome<T> = { ok: true; value: T } | ({ ok: false } & Issue);

export interface Department {
  id: string;
  name: { zh: string; en: string };
  aliases: string[];
}

/** A rating row as read, before it is attached to a request. */
export interface RatingRow {
  id: string | null;
  target: string;
  rating: 1 | 2 | 3 | 4 | 5;
  ratedAt: number;
  comment: string | null;
}

export interface MapperContext {
  source: SourceConfig;
  file: string;
  header: string[];
  departments: ReadonlyMap<string, string>;
  guidesByCode: ReadonlyMap<string, ServiceGuide>;
}

/** Name, alias or id → department id (exact after trimming). Throws if two departments share a name. */
export function departmentLookup(departments: readonly Department[]): Map<string, string> {
  const map = new Map<string, string>();
  for (const d of departments) {
    for (const key of [d.id, d.name.zh, d.name.en, ...d.aliases]) {
      const k = key.trim();
      if (!k) continue;
      const prior = map.get(k);
      if (prior !== undefined && prior !== d.id) throw new Error(`data/departments.yaml: "${k}" names both "${prior}" and "${d.id}"`);
      map.set(k, d.id);
    }
  }
  return map;
}

/** Service code (事项编码) → guide. Throws if two guides share a code. */
export function guideLookup(guides: readonly ServiceGuide[]): Map<string, ServiceGuide> {
  const map = new Map<string, ServiceGuide>();
  for (const g of guides) {
    const prior = map.get(g.code);
    if (prior) throw new Error(`data/services/${g.id}.md: code "${g.code}" is also used by ${prior.id}.md`);
    map.set(g.code, g);
  }
  return map;
}

const fail = (column: string, reason: string, excerpt: string): { ok: false } & Issue => ({ ok: false, column, reason, excerpt });

/** Compiled view of one source over one header: where each canonical field is read from. */
export class SourceMapper {
  readonly source: SourceConfig;
  readonly header: string[];
  /** Canonical field → raw column index. */
  readonly index = new Map<string, number>();
  /** Columns never shown in excerpts. */
  private readonly secret = new Set<number>();
  private readonly parsers = new Map<string, DateParser>();
  private readonly required: Set<string>;
  private readonly ctx: MapperContext;
  readonly warnings: string[] = [];

  constructor(ctx: MapperContext) {
    this.ctx = ctx;
    this.source = ctx.source;
    this.header = ctx.header;
    const s = ctx.source;
    const position = new Map(ctx.header.map((h, i) => [h, i]));
    const missing: string[] = [];
    for (const [column, f] of Object.entries(s.columns)) {
      const i = position.get(column);
      if (i === undefined) {
        missing.push(column);
        continue;
      }
      for (const name of Array.isArray(f) ? f : [f]) {
        this.index.set(name, i);
        if ((identifierFields as readonly string[]).includes(name)) this.secret.add(i);
        if (name.endsWith('At')) {
          const fmt = s.dateFormats[column] ?? s.dateFormats['default'] ?? [];
          this.parsers.set(name, compileDateParsers(Array.isArray(fmt) ? fmt : [fmt], s.timezone));
        }
      }
    }
    if (missing.length) {
      throw new Error(
        `${ctx.file}: column(s) ${missing.map((m) => `"${m}"`).join(', ')} named in data/sources/${s.name}.yaml are not in the header` +
          ` (hint: the header is ${ctx.header.map((h) => `"${h}"`).join(', ')})`,
      );
    }
    const known = new Set([...Object.keys(s.columns), ...s.ignore]);
    const unmapped = ctx.header.filter((h) => !known.has(h));
    if (unmapped.length) {
      this.warnings.push(`${ctx.file}: column(s) ${unmapped.join(', ')} are neither mapped nor ignored in data/sources/${s.name}.yaml; they were not read`);
    }
    this.required = new Set(s.kind === 'requests' ? ['id', 'submittedAt', 'department', 'status', ...s.required] : ['target', 'rating', 'ratedAt', ...s.required]);
  }

  /** Raw column name of canonical `field` ("" if unmapped). */
  column(field: string): string {
    const i = this.index.get(field);
    return i === undefined ? '' : (this.header[i] ?? '');
  }

  /** Trimmed cell of `field`, or null when unmapped or empty. */
  cell(fields: readonly string[], field: string): string | null {
    const i = this.index.get(field);
    if (i === undefined) return null;
    const v = (fields[i] ?? '').trim();
    return v === '' ? null : v;
  }

  /** "列=值; …" for the id column and the given fields, never identifier columns. */
  excerpt(fields: readonly string[], ...names: string[]): string {
    const seen = new Set<number>();
    const parts: string[] = [];
    for (const name of ['id', 'target', ...names]) {
      const i = this.index.get(name);
      if (i === undefined || seen.has(i) || this.secret.has(i)) continue;
      seen.add(i);
      parts.push(`${this.header[i] ?? ''}=${fields[i] ?? ''}`);
    }
    return parts.join('; ');
  }

  /** Excerpt of a row whose fields cannot be trusted to line up with the header. */
  malformedExcerpt(fields: readonly string[]): string {
    const firstIsSafe = !this.secret.has(0) && fields.length > 0;
    const head = firstIsSafe ? `${this.header[0] ?? ''}=${fields[0] ?? ''}; ` : '';
    return `${head}${fields.length} fields, header has ${this.header.length}`;
  }

  private missing(fields: readonly string[], field: string): ({ ok: false } & Issue) | null {
    return this.required.has(field) ? fail(this.column(field), 'missing-field', this.excerpt(fields, field)) : null;
  }

  private date(fields: readonly string[], field: string): Outcome<number | null> {
    const raw = this.cell(fields, field);
    if (raw === null) return this.missing(fields, field) ?? { ok: true, value: null };
    const t = this.parsers.get(field)?.(raw) ?? null;
    if (t === null) return fail(this.column(field), 'unparsable-date', this.excerpt(fields, field));
    return { ok: true, value: t };
  }

  private coded<T>(fields: readonly string[], field: string, fallback: T | undefined): Outcome<T | null> {
    const raw = this.cell(fields, field);
    if (raw === null) {
      if (fallback !== undefined) return { ok: true, value: fallback };
      return this.missing(fields, field) ?? { ok: true, value: null };
    }
    const map = (this.source.values as Record<string, Record<string, T> | undefined>)[field];
    if (!map) return { ok: true, value: raw as T };
    const v = Object.hasOwn(map, raw) ? map[raw] : undefined;
    if (v === undefined) return fail(this.column(field), 'invalid-value', this.excerpt(fields, field));
    return { ok: true, value: v };
  }

  private count(fields: readonly string[], field: string, integer: boolean): Outcome<number | null> {
    const raw = this.cell(fields, field);
    if (raw === null) return this.missing(fields, field) ?? { ok: true, value: null };
    const n = Number(raw);
    if (!/^\d+(\.\d+)?$/.test(raw) || !Number.isFinite(n) || (integer && !Number.isInteger(n))) {
      return fail(this.column(field), 'invalid-number', this.excerpt(fields, field));
    }
    return { ok: true, value: n };
  }

  private text(fields: readonly string[], field: string): Outcome<string | null> {
    const v = this.cell(fields, field);
    if (v === null) return this.missing(fields, field) ?? { ok: true, value: null };
    return { ok: true, value: v };
  }

  /** Maps a request row (whose field count matches the header). */
  request(fields: readonly string[]): Outcome<{ request: CanonicalRequest; identifiers: Identifiers }> {
    const s = this.source;
    const d = s.defaults;
    const id = this.text(fields, 'id');
    if (!id.ok) return id;
    const submittedAt = this.date(fields, 'submittedAt');
    if (!submittedAt.ok) return submittedAt;
    const acceptedAt = this.date(fields, 'acceptedAt');
    if (!acceptedAt.ok) return acceptedAt;
    const closedAt = this.date(fields, 'closedAt');
    if (!closedAt.ok) return closedAt;
    const dueAt = this.date(fields, 'dueAt');
    if (!dueAt.ok) return dueAt;

    const deptRaw = this.cell(fields, 'department');
    let department: string | null = null;
    if (deptRaw === null) {
      const m = this.missing(fields, 'department');
      if (m) return m;
    } else {
      department = this.ctx.departments.get(deptRaw) ?? null;
      if (department === null) return fail(this.column('department'), 'unknown-department', this.excerpt(fields, 'department'));
    }

    const code = this.cell(fields, 'service');
    let guide: ServiceGuide | null = null;
    if (code === null) {
      const m = this.missing(fields, 'service');
      if (m) return m;
    } else {
      guide = this.ctx.guidesByCode.get(code) ?? null;
      if (!guide) return fail(this.column('service'), 'unknown-service', this.excerpt(fields, 'service'));
      if (department !== null && department !== guide.department) {
        return fail(this.column('department'), 'department-mismatch', this.excerpt(fields, 'service', 'department'));
      }
    }

    const status = this.coded<Status>(fields, 'status', undefined);
    if (!status.ok) return status;
    const channel = this.coded<Channel>(fields, 'channel', d.channel);
    if (!channel.ok) return channel;
    const clientType = this.coded<ClientType>(fields, 'clientType', d.clientType);
    if (!clientType.ok) return clientType;
    const needType = this.coded<NeedType>(fields, 'needType', d.needType);
    if (!needType.ok) return needType;
    const category = this.coded<string>(fields, 'category', guide?.category ?? d.category);
    if (!category.ok) return category;
    const tier = this.coded<1 | 2 | 3 | 4>(fields, 'tier', d.tier);
    if (!tier.ok) return tier;
    const visits = this.count(fields, 'visits', true);
    if (!visits.ok) return visits;
    const effort = this.count(fields, 'effortMinutes', false);
    if (!effort.ok) return effort;
    const description = this.text(fields, 'description');
    if (!description.ok) return description;
    const district = this.text(fields, 'district');
    if (!district.ok) return district;

    const ids: Record<string, string | null> = {};
    for (const f of identifierFields) {
      const v = this.text(fields, f);
      if (!v.ok) return v;
      ids[f] = v.value;
    }
    if (id.value === null || submittedAt.value === null || department === null || status.value === null) {
      // Unreachable: these fields are always required; kept so the types stay honest.
      return fail('', 'missing-field', this.excerpt(fields));
    }
    return {
      ok: true,
      value: {
        request: {
          id: id.value,
          source: s.name,
          department,
          service: guide?.id ?? null,
          category: category.value ?? 'other',
          needType: needType.value ?? 'unknown',
          clientType: clientType.value ?? 'unknown',
          tier: tier.value ?? 1,
          channel: channel.value ?? 'other',
          submittedAt: submittedAt.value,
          acceptedAt: acceptedAt.value,
          closedAt: closedAt.value,
          dueAt: dueAt.value,
          status: status.value,
          rating: null,
          ratingComment: null,
          description: description.value,
          district: district.value,
          requesterKey: null,
          visits: visits.value,
          effortMinutes: effort.value,
          timezone: s.timezone,
        },
        identifiers: {
          name: ids['name'] ?? null,
          phone: ids['phone'] ?? null,
          idNumber: ids['idNumber'] ?? null,
          email: ids['email'] ?? null,
          address: ids['address'] ?? null,
        },
      },
    };
  }

  /** Maps a rating row (whose field count matches the header). */
  rating(fields: readonly string[]): Outcome<RatingRow> {
    const id = this.text(fields, 'id');
    if (!id.ok) return id;
    const target = this.text(fields, 'target');
    if (!target.ok) return target;
    const rating = this.coded<1 | 2 | 3 | 4 | 5>(fields, 'rating', undefined);
    if (!rating.ok) return rating;
    const ratedAt = this.date(fields, 'ratedAt');
    if (!ratedAt.ok) return ratedAt;
    const comment = this.text(fields, 'comment');
    if (!comment.ok) return comment;
    if (target.value === null || rating.value === null || ratedAt.value === null) return fail('', 'missing-field', this.excerpt(fields));
    return { ok: true, value: { id: id.value, target: target.value, rating: rating.value, ratedAt: ratedAt.value, comment: comment.value } };
  }
}
