/**
 * Per-request figures that need more than the request itself: pyramid tier (segments.yaml),
 * handling effort (measured or estimated), repeat contact (same requester and service within
 * the window), and the rectification path of a bad review (from feedback sources).
 */
import type { CanonicalRequest } from '../ingest/canonical.ts';
import type { FeedbackRecord, FeedbackTable } from '../ingest/feedback.ts';
import { workingDaysBetweenDays, type Calendar } from './calendar.ts';
import { localDay } from './local-days.ts';
import type { DerivedClock as Derived } from './derive.ts';
import { classifyTier, type Segments } from './segments.ts';

/** What became of one bad review. */
export interface Rectification {
  /** A feedback row exists for it. */
  received: boolean;
  verified: boolean;
  outcome: 'rectified' | 'explained' | null;
  /** Rectified or explained within the limit, in working days from receipt (city time zone). */
  inLimit: boolean;
  calledBack: boolean;
}

export interface Enriched extends Derived {
  tier: 1 | 2 | 3 | 4;
  effortMinutes: number;
  effortEstimated: boolean;
  /** A contact by the same requester about the same service (or hotline category) within the window before it. */
  repeat: boolean;
  /** Rated 1 or 2 (不满意, 非常不满意). */
  bad: boolean;
  /** Set for bad reviews only. */
  rectification: Rectification | null;
}

export interface EnrichContext {
  segments: Pick<Segments, 'rules' | 'effortEstimateMinutes'>;
  feedback: Iterable<FeedbackRecord>;
  calendar: Calendar;
  timezone: string;
  /** Working days allowed from receipt to rectification or explanation. */
  rectificationLimitWd: number;
  /** Natural days within which a second contact counts as a repeat. */
  repeatWindowDays: number;
}

const SEP = '\u0000';

/** Marks repeats: sorted by submission within requester × service, a contact ≤ window after the previous one. Order-independent. */
export function repeatFlags(items: readonly Derived[], windowDays: number): boolean[] {
  const groups = new Map<string, number[]>();
  items.forEach((d, i) => {
    const r = d.request;
    if (r.requesterKey === null) return;
    const key = r.requesterKey + SEP + (r.service ?? `category:${r.category}`);
    const g = groups.get(key);
    if (g) g.push(i);
    else groups.set(key, [i]);
  });
  const out = items.map(() => false);
  const windowMs = windowDays * 86_400_000;
  for (const g of groups.values()) {
    const sorted = g
      .map((i) => ({ i, at: items[i]?.request.submittedAt ?? 0, id: `${items[i]?.request.source ?? ''}${SEP}${items[i]?.request.id ?? ''}` }))
      .sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    for (let k = 1; k < sorted.length; k++) {
      const cur = sorted[k];
      const prev = sorted[k - 1];
      if (cur && prev && cur.at - prev.at <= windowMs) out[cur.i] = true;
    }
  }
  return out;
}

/** The rectification of a bad review from its first feedback row (earliest receipt), or "not received". */
export function rectificationOf(fb: FeedbackRecord | undefined, ctx: Pick<EnrichContext, 'calendar' | 'timezone' | 'rectificationLimitWd'>): Rectification {
  if (!fb) return { received: false, verified: false, outcome: null, inLimit: false, calledBack: false };
  let inLimit = false;
  if (fb.outcome !== null && fb.outcomeAt !== null) {
    // Day numbers (local-days.ts): the same working days as from localDate strings, without the strings.
    const wd = workingDaysBetweenDays(localDay(fb.receivedAt, ctx.timezone), localDay(fb.outcomeAt, ctx.timezone), ctx.calendar);
    inLimit = wd <= ctx.rectificationLimitWd;
  }
  return { received: true, verified: fb.verifiedAt !== null, outcome: fb.outcome, inLimit, calledBack: fb.calledBackAt !== null };
}

/** The first feedback row (earliest receipt) per bad review, keyed by target source and id. */
/**
 * The first feedback on a request (earliest received; of two received at once, the one read
 * first), found by the request or by its row in the measured table.
 */
export type FirstFeedback = (request: CanonicalRequest, row: number) => FeedbackRecord | undefined;

/** FirstFeedback over any feedback records, by the request's source and id. */
export function firstFeedbackOf(feedback: Iterable<FeedbackRecord>): FirstFeedback {
  const first = new Map<string, FeedbackRecord>();
  for (const f of feedback) {
    const key = f.targetSource + SEP + f.target;
    const prior = first.get(key);
    if (!prior || f.receivedAt < prior.receivedAt) first.set(key, f);
  }
  return (r) => first.get(r.source + SEP + r.id);
}

/**
 * FirstFeedback over ingest's FeedbackTable when the measured rows are the store's rows (a
 * record's target row is the request's row): the same record as firstFeedbackOf, found by row,
 * so no id is decoded and no record is made until a request asks for it (10M requests have
 * ~640k feedback records: ~180 MB as a map of strings to records).
 */
export function firstFeedbackByRow(table: FeedbackTable): FirstFeedback {
  /** Store row -> index of its first record. */
  const first = new Map<number, number>();
  for (let i = 0; i < table.length; i++) {
    const row = table.targetRow(i);
    const prior = first.get(row);
    if (prior === undefined || table.receivedAt(i) < table.receivedAt(prior)) first.set(row, i);
  }
  return (_r, row) => {
    const i = first.get(row);
    return i === undefined ? undefined : table.record(i);
  };
}

/** One derived request enriched (one object: the measure stage makes these one at a time and drops them). */
export function enrichOne(d: Derived, repeat: boolean, ctx: EnrichContext, firstFeedback: FirstFeedback, row: number): Enriched {
  const r = d.request;
  // effortOf, without its result object: the source's figure, else the need type's estimate.
  const measured = r.effortMinutes !== null;
  const estimates = ctx.segments.effortEstimateMinutes;
  const bad = r.rating !== null && r.rating <= 2;
  // Every field of Derived, named (a spread of d costs more, a million times over).
  return {
    request: r,
    month: d.month,
    submittedDate: d.submittedDate,
    closed: d.closed,
    workingDays: d.workingDays,
    dueDate: d.dueDate,
    onTime: d.onTime,
    elapsedHours: d.elapsedHours,
    promiseKept: d.promiseKept,
    statutoryKept: d.statutoryKept,
    ageWd: d.ageWd,
    overdue: d.overdue,
    tier: classifyTier(r, ctx.segments.rules),
    effortMinutes: r.effortMinutes !== null ? r.effortMinutes : (estimates[r.needType] ?? estimates['unknown'] ?? 0),
    effortEstimated: !measured,
    repeat,
    bad,
    rectification: bad ? rectificationOf(firstFeedback(r, row), ctx) : null,
  };
}

/** What repeat detection reads of each request: who (an in-memory requester key), about what, when. */
export interface RepeatSource {
  readonly length: number;
  /** Requester key, or null when the request names nobody. */
  requesterKey(i: number): string | null;
  /** The service id, or `category:<category>` for requests tied to no service. */
  serviceOrCategory(i: number): string;
  submittedAt(i: number): number;
  /** Source and id (`source` + U+0000 + `id`): breaks ties in time as repeatFlags does. */
  sourceAndId(i: number): string;
  /** Optional numeric readers of the same grouping (the store has them): repeat detection then builds no key strings. */
  numeric?: RepeatNumeric;
}

/**
 * The grouping key of RepeatSource as numbers: rows i and j have the same requesterKey and
 * serviceOrCategory exactly when hasRequester holds for both and (hi, lo, group) are equal.
 */
export interface RepeatNumeric {
  /** requesterKey(i) !== null. */
  hasRequester(i: number): boolean;
  /** The requester as two 32-bit halves: equal halves, equal requesterKey. */
  hi(i: number): number;
  lo(i: number): number;
  /** A small integer per distinct serviceOrCategory(i) string. */
  group(i: number): number;
}

/**
 * repeatFlags over a whole table without grouping every row: rows are first counted per
 * requester × service on a 32-bit hash; only rows whose hash bucket holds two or more rows
 * are grouped exactly and checked as repeatFlags does (ties in time broken by source and id).
 */
export function repeatFlagsOf(src: RepeatSource, windowDays: number): Uint8Array {
  if (src.numeric) return repeatFlagsNumeric(src, src.numeric, windowDays);
  const n = src.length;
  const out = new Uint8Array(n);
  const bits = Math.max(10, Math.ceil(Math.log2(Math.max(2, n))) + 1);
  const mask = (1 << bits) - 1;
  // Rows per hash bucket, saturating at 2 (one byte a bucket); hashes are recomputed, not kept.
  const buckets = new Uint8Array(mask + 1);
  const keyOf = (i: number): string | null => {
    const who = src.requesterKey(i);
    return who === null ? null : who + SEP + src.serviceOrCategory(i);
  };
  const bucketOf = (key: string): number => {
    let h = 0x811c9dc5;
    for (let c = 0; c < key.length; c++) h = Math.imul(h ^ key.charCodeAt(c), 0x01000193);
    return (h >>> 0) & mask;
  };
  for (let i = 0; i < n; i++) {
    const key = keyOf(i);
    if (key === null) continue;
    const b = bucketOf(key);
    if ((buckets[b] ?? 0) < 2) buckets[b] = (buckets[b] ?? 0) + 1;
  }
  const groups = new Map<string, number[]>();
  for (let i = 0; i < n; i++) {
    const key = keyOf(i);
    if (key === null || (buckets[bucketOf(key)] ?? 0) < 2) continue;
    const g = groups.get(key);
    if (g) g.push(i);
    else groups.set(key, [i]);
  }
  const windowMs = windowDays * 86_400_000;
  for (const g of groups.values()) {
    if (g.length < 2) continue;
    flagGroup(src, g, windowMs, out);
  }
  return out;
}

/**
 * Flags the repeats within one group of rows (same requester, same service): sorted by
 * submission (ties by source and id), a row within `windowMs` of the one before is a repeat.
 */
function flagGroup(src: RepeatSource, g: number[], windowMs: number, out: Uint8Array): void {
  g.sort((a, b) => {
    const dt = src.submittedAt(a) - src.submittedAt(b);
    if (dt !== 0) return dt;
    const ka = src.sourceAndId(a);
    const kb = src.sourceAndId(b);
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  });
  for (let k = 1; k < g.length; k++) {
    const cur = g[k] ?? 0;
    const prev = g[k - 1] ?? 0;
    if (src.submittedAt(cur) - src.submittedAt(prev) <= windowMs) out[cur] = 1;
  }
}

/** murmur3's finalizer over three 32-bit words: the hash of a (hi, lo, group) key. */
function keyHash(hi: number, lo: number, group: number): number {
  let h = Math.imul(hi ^ 0x9e3779b9, 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13) ^ lo, 0xc2b2ae35);
  h = Math.imul(h ^ (h >>> 16) ^ group, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * repeatFlagsOf on numeric keys: a hashed pre-pass (two bits a bucket), then the rows of
 * buckets holding two or more are grouped exactly in an open-addressing table over them (each
 * group a chain of rows in row order; keys compared as 32-bit words), and each group of two or
 * more is checked as repeatFlags does. Same flags as the string path, no string per row.
 */
function repeatFlagsNumeric(src: RepeatSource, key: RepeatNumeric, windowDays: number): Uint8Array {
  const n = src.length;
  const out = new Uint8Array(n);
  // Rows per hash bucket, saturating at 2, in two bits: four buckets a byte (as many bytes as the
  // string path's one-byte buckets, four times the buckets, so fewer rows collide).
  const bits = Math.min(30, Math.max(12, Math.ceil(Math.log2(Math.max(2, n))) + 3));
  const mask = (1 << bits) - 1;
  const buckets = new Uint8Array((mask + 1) >>> 2);
  const countOf = (b: number): number => ((buckets[b >>> 2] ?? 0) >>> ((b & 3) << 1)) & 3;
  let candidates = 0;
  for (let i = 0; i < n; i++) {
    if (!key.hasRequester(i)) continue;
    const b = keyHash(key.hi(i), key.lo(i), key.group(i)) & mask;
    const c = countOf(b);
    if (c < 2) buckets[b >>> 2] = (buckets[b >>> 2] ?? 0) + (1 << ((b & 3) << 1));
    candidates += c === 0 ? 0 : c === 1 ? 2 : 1;
  }
  // Rows whose bucket holds two or more, in row order, with their keys (read once from the source).
  const rows = new Int32Array(candidates);
  const his = new Int32Array(candidates);
  const los = new Int32Array(candidates);
  const groupsOf = new Int32Array(candidates);
  let m = 0;
  for (let i = 0; i < n && m < candidates; i++) {
    if (!key.hasRequester(i)) continue;
    const hi = key.hi(i);
    const lo = key.lo(i);
    const g = key.group(i);
    if (countOf(keyHash(hi, lo, g) & mask) < 2) continue;
    rows[m] = i;
    his[m] = hi;
    los[m] = lo;
    groupsOf[m] = g;
    m++;
  }
  const size = 2 ** Math.max(4, Math.ceil(Math.log2(Math.max(2, 2 * m))));
  const slotMask = size - 1;
  /** First and last candidate (index into rows) of the group in each slot; -1 when empty. */
  const first = new Int32Array(size).fill(-1);
  const last = new Int32Array(size);
  /** The next candidate of the same group, or -1. */
  const next = new Int32Array(m).fill(-1);
  for (let c = 0; c < m; c++) {
    const hi = his[c] ?? 0;
    const lo = los[c] ?? 0;
    const g = groupsOf[c] ?? 0;
    let s = keyHash(hi, lo, g) & slotMask;
    for (;;) {
      const f = first[s] ?? -1;
      if (f < 0) {
        first[s] = c;
        last[s] = c;
        break;
      }
      if (his[f] === hi && los[f] === lo && groupsOf[f] === g) {
        next[last[s] ?? 0] = c;
        last[s] = c;
        break;
      }
      s = (s + 1) & slotMask;
    }
  }
  const windowMs = windowDays * 86_400_000;
  for (let s = 0; s < size; s++) {
    const f = first[s] ?? -1;
    if (f < 0 || (next[f] ?? -1) < 0) continue;
    const g: number[] = [];
    for (let c = f; c >= 0; c = next[c] ?? -1) g.push(rows[c] ?? 0);
    flagGroup(src, g, windowMs, out);
  }
  return out;
}

/** Enriches every derived request, keeping input order. */
export function enrichAll(derived: readonly Derived[], ctx: EnrichContext): Enriched[] {
  const firstFeedback = firstFeedbackOf(ctx.feedback);
  const repeats = repeatFlags(derived, ctx.repeatWindowDays);
  return derived.map((d, i) => enrichOne(d, repeats[i] ?? false, ctx, firstFeedback, i));
}
