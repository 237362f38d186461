/**
 * Raw row → canonical record. A source description is compiled once into a mapper (column
 * indexes, date parsers, value maps); each row is then mapped without further set-up work.
 * A row fails on its first problem, giving the raw column, a reason code and an excerpt that
 * never includes identifier columns (name, phone, ID number, email, address).
 */
import type { ServiceGuide } from '../../src/lib/content-schema.ts';
import type { CanonicalRequest, Channel, ClientType, Identifiers, NeedType, Status } from './canonical.ts';
import { identifierFields, type SourceConfig } from './config.ts';
import type { CreatedRegistry } from './created.ts';
import { compileDateParsers, type DateParser } from './dates.ts';
import type { FeedbackRecord } from './feedback.ts';

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

/** A feedback row as read, before its target is looked up (feedback.ts keeps it as a FeedbackRecord). */
export type FeedbackRow = Omit<FeedbackRecord, 'source' | 'targetSource'> & { id: string | null };

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
  /** Where departments and services created from the data are kept (policy `create`). */
  created?: CreatedRegistry;
}

/** The value an unknown code maps to under policy `unknownCode: unknown` (fields without one always quarantine). */
const unknownCodeValue: Record<string, string> = { channel: 'other', clientType: 'unknown', needType: 'unknown' };

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

/** A canonical field as compiled for one header: where it is read from and whether it is required. */
interface Col {
  field: string;
  /** Raw column index, or -1 when unmapped. */
  at: number;
  /** Raw column name ("" when unmapped). */
  column: string;
  required: boolean;
  /** Date fields: the compiled parser (null parses nothing). */
  parse: DateParser;
  /** Coded fields: the value map, or null when the source declares none. */
  values: ReadonlyMap<string, unknown> | null;
}

/** Returned by the row readers below when the row fails; the issue is in `SourceMapper.issue`. */
const FAILED: unique symbol = Symbol('failed');
type Read<T> = T | typeof FAILED;

const NUMBER_RE = /^\d+(\.\d+)?$/;

/** The canonical fields a mapper reads (requests, identifiers and ratings). */
const compiledFields = [
  'id', 'submittedAt', 'acceptedAt', 'closedAt', 'dueAt', 'department', 'service', 'status', 'channel', 'clientType', 'needType',
  'category', 'tier', 'visits', 'effortMinutes', 'description', 'district', 'name', 'phone', 'idNumber', 'email', 'address',
  'target', 'rating', 'ratedAt', 'comment', 'receivedAt', 'verifiedAt', 'outcome', 'outcomeAt', 'calledBackAt',
] as const;

/** The dated steps of a feedback row, in the order their problems are reported. */
const FEEDBACK_DATES = ['receivedAt', 'verifiedAt', 'outcomeAt', 'calledBackAt'] as const;
/** The fields a feedback row's excerpt shows after its id and target. */
export const FEEDBACK_SHOWN = [...FEEDBACK_DATES, 'outcome'];

/** Compiled view of one source over one header: where each canonical field is read from. */
export class SourceMapper {
  readonly source: SourceConfig;
  readonly header: string[];
  /** Canonical field → raw column index. */
  readonly index = new Map<string, number>();
  /** Raw column index of the id (−1 when unmapped), resolved once for the per-row duplicate check. */
  readonly idAt: number;
  /** Columns never shown in excerpts. */
  private readonly secret = new Set<number>();
  private readonly parsers = new Map<string, DateParser>();
  private readonly required: Set<string>;
  private readonly ctx: MapperContext;
  readonly warnings: string[] = [];
  /** Every canonical field compiled for this header (built once; rows only read them). */
  private readonly cols: Readonly<Record<(typeof compiledFields)[number], Col>>;
  /** The problem of the last row that failed (set just before a reader returns FAILED). */
  private issue: Issue = { column: '', reason: '', excerpt: '' };

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
    this.idAt = this.index.get('id') ?? -1;
    const known = new Set([...Object.keys(s.columns), ...s.ignore]);
    const unmapped = ctx.header.filter((h) => !known.has(h));
    if (unmapped.length) {
      this.warnings.push(`${ctx.file}: column(s) ${unmapped.join(', ')} are neither mapped nor ignored in data/sources/${s.name}.yaml; they were not read`);
    }
    this.required = new Set(s.kind === 'requests' ? ['id', 'submittedAt', 'department', 'status', ...s.required] : ['target', 'rating', 'ratedAt', ...s.required]);
    const values = s.values as Record<string, Record<string, unknown> | undefined>;
    const noDate: DateParser = () => null;
    const compile = (field: string): Col => {
      const map = Object.hasOwn(values, field) ? values[field] : undefined;
      return {
        field,
        at: this.index.get(field) ?? -1,
        column: this.column(field),
        required: this.required.has(field),
        parse: this.parsers.get(field) ?? noDate,
        values: map ? new Map(Object.entries(map)) : null,
      };
    };
    this.cols = Object.fromEntries(compiledFields.map((f) => [f, compile(f)])) as Record<(typeof compiledFields)[number], Col>;
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

  /** Trimmed cell of `c`, or null when unmapped or empty. */
  private read(fields: readonly string[], c: Col): string | null {
    if (c.at < 0) return null;
    const v = (fields[c.at] ?? '').trim();
    return v === '' ? null : v;
  }

  /** Records the row's issue (`column` of the field at fault, excerpt of the id and `names`); returns FAILED. */
  private fail(fields: readonly string[], column: string, reason: string, ...names: string[]): typeof FAILED {
    this.issue = { column, reason, excerpt: this.excerpt(fields, ...names) };
    return FAILED;
  }

  /** The last issue as a failed outcome. */
  private failed(): { ok: false } & Issue {
    return { ok: false, ...this.issue };
  }

  /** `fail`, as a failed outcome. */
  private reject(fields: readonly string[], column: string, reason: string, ...names: string[]): { ok: false } & Issue {
    this.fail(fields, column, reason, ...names);
    return this.failed();
  }

  /** An empty `c`: a missing-field failure when required, else null. */
  private missing(fields: readonly string[], c: Col): Read<null> {
    return c.required ? this.fail(fields, c.column, 'missing-field', c.field) : null;
  }

  private date(fields: readonly string[], c: Col): Read<number | null> {
    const raw = this.read(fields, c);
    if (raw === null) return this.missing(fields, c);
    const t = c.parse(raw);
    if (t === null) return this.fail(fields, c.column, 'unparsable-date', c.field);
    return t;
  }

  private coded<T>(fields: readonly string[], c: Col, fallback: T | undefined): Read<T | null> {
    const raw = this.read(fields, c);
    if (raw === null) {
      if (fallback !== undefined) return fallback;
      return this.missing(fields, c);
    }
    if (!c.values) return raw as T;
    const v = c.values.get(raw);
    if (v === undefined) {
      const unknown = this.source.policy.unknownCode === 'unknown' ? unknownCodeValue[c.field] : undefined;
      if (unknown !== undefined) return unknown as T;
      return this.fail(fields, c.column, 'invalid-value', c.field);
    }
    return v as T;
  }

  private count(fields: readonly string[], c: Col, integer: boolean): Read<number | null> {
    const raw = this.read(fields, c);
    if (raw === null) return this.missing(fields, c);
    const n = Number(raw);
    if (!NUMBER_RE.test(raw) || !Number.isFinite(n) || (integer && !Number.isInteger(n))) {
      return this.fail(fields, c.column, 'invalid-number', c.field);
    }
    return n;
  }

  private text(fields: readonly string[], c: Col): Read<string | null> {
    const v = this.read(fields, c);
    if (v === null) return this.missing(fields, c);
    return v;
  }

  /** Maps a request row (whose field count matches the header). */
  request(fields: readonly string[]): Outcome<{ request: CanonicalRequest; identifiers: Identifiers }> {
    const s = this.source;
    const d = s.defaults;
    const c = this.cols;
    const id = this.text(fields, c.id);
    if (id === FAILED) return this.failed();
    const submittedAt = this.date(fields, c.submittedAt);
    if (submittedAt === FAILED) return this.failed();
    const acceptedAt = this.date(fields, c.acceptedAt);
    if (acceptedAt === FAILED) return this.failed();
    const closedAt = this.date(fields, c.closedAt);
    if (closedAt === FAILED) return this.failed();
    const dueAt = this.date(fields, c.dueAt);
    if (dueAt === FAILED) return this.failed();

    const deptCol = c.department;
    const deptRaw = this.read(fields, deptCol) ?? d.department ?? null;
    let department: string | null = null;
    if (deptRaw === null) {
      if (this.missing(fields, deptCol) === FAILED) return this.failed();
    } else {
      department = this.ctx.departments.get(deptRaw) ?? null;
      if (department === null) {
        if (s.policy.unknownDepartment !== 'create' || !this.ctx.created) return this.reject(fields, deptCol.column, 'unknown-department', 'department');
        department = this.ctx.created.department(deptRaw, s.name);
      }
    }

    const serviceCol = c.service;
    const code = this.read(fields, serviceCol);
    let guide: ServiceGuide | null = null;
    /** A service created from the data: no guide, so it is carried as the case's category. */
    let createdService: string | null = null;
    if (code === null) {
      if (this.missing(fields, serviceCol) === FAILED) return this.failed();
    } else {
      guide = this.ctx.guidesByCode.get(code) ?? null;
      if (!guide) {
        if (s.policy.unknownService !== 'create' || !this.ctx.created) return this.reject(fields, serviceCol.column, 'unknown-service', 'service');
        createdService = this.ctx.created.service(code, s.name, department);
      } else if (department !== null && department !== guide.department) {
        return this.reject(fields, deptCol.column, 'department-mismatch', 'service', 'department');
      }
    }

    const status = this.coded<Status>(fields, c.status, undefined);
    if (status === FAILED) return this.failed();
    const channel = this.coded<Channel>(fields, c.channel, d.channel);
    if (channel === FAILED) return this.failed();
    const clientType = this.coded<ClientType>(fields, c.clientType, d.clientType);
    if (clientType === FAILED) return this.failed();
    const needType = this.coded<NeedType>(fields, c.needType, d.needType);
    if (needType === FAILED) return this.failed();
    const category = this.coded<string>(fields, c.category, guide?.category ?? createdService ?? d.category);
    if (category === FAILED) return this.failed();
    const tier = this.coded<1 | 2 | 3 | 4>(fields, c.tier, d.tier);
    if (tier === FAILED) return this.failed();
    const visits = this.count(fields, c.visits, true);
    if (visits === FAILED) return this.failed();
    const effort = this.count(fields, c.effortMinutes, false);
    if (effort === FAILED) return this.failed();
    const description = this.text(fields, c.description);
    if (description === FAILED) return this.failed();
    const district = this.text(fields, c.district);
    if (district === FAILED) return this.failed();

    // Identifier fields, in the order of `identifierFields`.
    const name = this.text(fields, c.name);
    if (name === FAILED) return this.failed();
    const phone = this.text(fields, c.phone);
    if (phone === FAILED) return this.failed();
    const idNumber = this.text(fields, c.idNumber);
    if (idNumber === FAILED) return this.failed();
    const email = this.text(fields, c.email);
    if (email === FAILED) return this.failed();
    const address = this.text(fields, c.address);
    if (address === FAILED) return this.failed();
    if (id === null || submittedAt === null || department === null || status === null) {
      // Unreachable: these fields are always required; kept so the types stay honest.
      return this.reject(fields, '', 'missing-field');
    }
    return {
      ok: true,
      value: {
        request: {
          id,
          source: s.name,
          department,
          service: guide?.id ?? null,
          category: category ?? 'other',
          needType: needType ?? 'unknown',
          clientType: clientType ?? 'unknown',
          tier: tier ?? 1,
          channel: channel ?? 'other',
          submittedAt,
          acceptedAt,
          closedAt,
          dueAt,
          status,
          rating: null,
          ratingComment: null,
          description,
          district,
          requesterKey: null,
          visits,
          effortMinutes: effort,
          timezone: s.timezone,
        },
        identifiers: { name, phone, idNumber, email, address },
      },
    };
  }

  /** Maps a rating row (whose field count matches the header). */
  rating(fields: readonly string[]): Outcome<RatingRow> {
    const c = this.cols;
    const id = this.text(fields, c.id);
    if (id === FAILED) return this.failed();
    const target = this.text(fields, c.target);
    if (target === FAILED) return this.failed();
    const rating = this.coded<1 | 2 | 3 | 4 | 5>(fields, c.rating, undefined);
    if (rating === FAILED) return this.failed();
    const ratedAt = this.date(fields, c.ratedAt);
    if (ratedAt === FAILED) return this.failed();
    const comment = this.text(fields, c.comment);
    if (comment === FAILED) return this.failed();
    if (target === null || rating === null || ratedAt === null) return this.reject(fields, '', 'missing-field');
    return { ok: true, value: { id, target, rating, ratedAt, comment } };
  }

  /**
   * Maps a feedback row (whose field count matches the header). Its first problem, in this
   * order: a date that does not parse or is at or after `cutoff`, the end of the as-of day, as
   * for requests and ratings (dates in step order), no target,
   * no receivedAt, an outcome not in the source's values, an outcomeAt without an outcome, a
   * step dated before the row was received.
   */
  feedback(fields: readonly string[], cutoff: number): Outcome<FeedbackRow> {
    const c = this.cols;
    const dates: (number | null)[] = [];
    let bad: Col | null = null;
    let reason = '';
    for (const name of FEEDBACK_DATES) {
      const col = c[name];
      const raw = this.read(fields, col);
      const t = raw === null ? null : col.parse(raw);
      if (raw !== null && bad === null && (t === null || t >= cutoff)) {
        bad = col;
        reason = t === null ? 'unparsable-date' : 'future-date';
      }
      dates.push(t);
    }
    const [receivedAt = null, verifiedAt = null, outcomeAt = null, calledBackAt = null] = dates;
    const target = this.read(fields, c.target);
    const outcomeText = this.read(fields, c.outcome);
    const outcome = outcomeText === null ? null : (c.outcome.values?.get(outcomeText) as FeedbackRow['outcome'] | undefined);
    if (bad === null) {
      if (target === null) [bad, reason] = [c.target, 'missing-field'];
      else if (receivedAt === null) [bad, reason] = [c.receivedAt, 'missing-field'];
      else if (outcome === undefined) [bad, reason] = [c.outcome, 'invalid-value'];
      else if (outcomeAt !== null && outcome === null) [bad, reason] = [c.outcome, 'missing-field'];
      else if (dates.some((t) => t !== null && t < receivedAt)) [bad, reason] = [c.receivedAt, 'closed-before-opened'];
    }
    if (bad !== null || target === null || receivedAt === null || outcome === undefined) {
      return this.reject(fields, bad?.column ?? '', bad === null ? 'missing-field' : reason, ...FEEDBACK_SHOWN);
    }
    return { ok: true, value: { id: this.read(fields, c.id), target, receivedAt, verifiedAt, outcome, outcomeAt, calledBackAt } };
  }
}
