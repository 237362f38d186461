/**
 * Compares guides and rules with the previous release: guides added or withdrawn, materials
 * added or dropped, limits cut or raised, fees and visits changed, rules added or whose status
 * changed. Pure; rows are sorted so the output is deterministic.
 */
import type { Rule, ServiceGuide, TimeLimit } from '../../src/lib/content-schema.ts';
import type { ChangeRow } from '../../src/lib/published.ts';

/** Orders changes newest first, then by kind, id and change, so the output is deterministic. */
export const byKey = (a: ChangeRow, b: ChangeRow): number =>
  (a.date < b.date ? 1 : a.date > b.date ? -1 : 0) || a.kind.localeCompare(b.kind) || a.id.localeCompare(b.id) || a.change.localeCompare(b.change) || a.before.localeCompare(b.before) || a.after.localeCompare(b.after);

const limitText = (l: TimeLimit): string => `${l.days} ${l.unit}`;
const feeText = (g: ServiceGuide): string => (g.fees.free ? 'free' : g.fees.items.map((f) => `${f.name.zh} ${f.amountYuan}`).join('; ') || (g.feesText ?? 'charged'));

/** Changes of one guide between two versions, dated `date`. */
export function diffGuide(prev: ServiceGuide, cur: ServiceGuide, date: string): ChangeRow[] {
  const out: ChangeRow[] = [];
  const row = (change: ChangeRow['change'], field: string, before: string, after: string) => out.push({ date, kind: 'service', id: cur.id, change, field, before, after });
  const prevMats = new Set(prev.materials.map((m) => m.name.zh));
  const curMats = new Set(cur.materials.map((m) => m.name.zh));
  for (const m of prevMats) if (!curMats.has(m)) row('material-dropped', 'materials', m, '');
  for (const m of curMats) if (!prevMats.has(m)) row('material-added', 'materials', '', m);
  for (const f of ['promisedLimit', 'statutoryLimit'] as const) {
    const a = prev[f];
    const b = cur[f];
    if (a.days !== b.days || a.unit !== b.unit) row(b.unit === a.unit && b.days < a.days ? 'limit-cut' : 'limit-changed', f, limitText(a), limitText(b));
  }
  if (feeText(prev) !== feeText(cur)) row('fee-changed', 'fees', feeText(prev), feeText(cur));
  if (prev.visits !== cur.visits) row('visits-changed', 'visits', String(prev.visits), String(cur.visits));
  if (prev.name.zh !== cur.name.zh) row('renamed', 'name', prev.name.zh, cur.name.zh);
  return out;
}

/** The date of a change: the effective date of the version that brought it when it falls after the previous release, else the release date. */
export function changeDate(effective: string, since: string, asOf: string): string {
  return effective > since && effective <= asOf ? effective : asOf;
}

/** All guide changes between the previous release (dated `since`) and the current one (dated `asOf`). */
export function diffGuides(prev: readonly ServiceGuide[], cur: readonly ServiceGuide[], since: string, asOf: string): ChangeRow[] {
  const before = new Map(prev.map((g) => [g.id, g]));
  const now = new Map(cur.map((g) => [g.id, g]));
  const out: ChangeRow[] = [];
  for (const g of cur) {
    const p = before.get(g.id);
    // A change is dated by the guide version that brought it, or by the release when the version did not move.
    const date = p && g.effective === p.effective ? asOf : changeDate(g.effective, since, asOf);
    if (!p) out.push({ date, kind: 'service', id: g.id, change: 'added', field: '', before: '', after: g.version });
    else out.push(...diffGuide(p, g, date));
  }
  for (const p of prev) if (!now.has(p.id)) out.push({ date: asOf, kind: 'service', id: p.id, change: 'removed', field: '', before: p.version, after: '' });
  return out.sort(byKey);
}

/** Rule changes since the previous release: new rules, status changes (in force -> amended / repealed), withdrawn rules. */
export function diffRules(prev: readonly Rule[], cur: readonly Rule[], since: string, asOf: string): ChangeRow[] {
  const before = new Map(prev.map((r) => [r.id, r]));
  const out: ChangeRow[] = [];
  for (const r of cur) {
    const p = before.get(r.id);
    if (!p) out.push({ date: changeDate(r.effective, since, asOf), kind: 'rule', id: r.id, change: 'added', field: '', before: '', after: r.status });
    else if (p.status !== r.status) out.push({ date: changeDate(r.repealed ?? '', since, asOf), kind: 'rule', id: r.id, change: 'status-changed', field: 'status', before: p.status, after: r.status });
  }
  const now = new Set(cur.map((r) => r.id));
  for (const p of prev) if (!now.has(p.id)) out.push({ date: asOf, kind: 'rule', id: p.id, change: 'removed', field: '', before: p.status, after: '' });
  return out.sort(byKey);
}
