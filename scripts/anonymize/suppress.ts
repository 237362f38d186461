/**
 * Complementary suppression, generic over any set of count cells (id → count) and the
 * published relations between them (totals = sums of parts). Primary cells (1..minCell-1)
 * are suppressed; then, until no relation gives a small cell away, the smallest published
 * non-zero partner of an exposed cell is suppressed too. The result is checked by the same
 * bound-tightening attack the tests run (bounds.ts), so a pattern that leaks is never returned.
 */
import { CandidateTrials, feasibleIntervals, wideEnough, type Relation } from './bounds.ts';

/** Primary suppressions: cells of 1..minCell-1 (sub-counts that follow another cell excepted). */
export function primaryCells(values: ReadonlyMap<string, number>, minCell: number, followers?: ReadonlyMap<string, string>): Set<string> {
  const out = new Set<string>();
  for (const [id, v] of values) if (v > 0 && v < minCell && !followers?.has(id)) out.add(id);
  return out;
}

export interface SuppressOptions {
  /**
   * Sub-count cells (e.g. closed requests of a department over the period) → the cell whose row
   * publishes them. A follower is never suppressed on its own: it is published exactly when its
   * parent is, and hidden (an unknown ≥ 0) when its parent is suppressed.
   */
  followers?: ReadonlyMap<string, string>;
}

/** What the previous release published: an attacker holds it too. Cell ids shared by both releases must match. */
export interface PriorRelease {
  /** Values it published (cells it did not suppress). */
  published: ReadonlyMap<string, number>;
  /** Cells it suppressed. */
  hidden: ReadonlySet<string>;
  /** Its relations (cells of its own only, e.g. summaries over its period, under ids of their own). */
  relations: readonly Relation[];
  /**
   * Cells that must stay protected when both releases are combined: its small cells, or every
   * cell it hid when which ones were small is not known (a release's record does not say: scripts/release/suppression.ts).
   */
  protect: ReadonlySet<string>;
  /** Hidden cells that may be 0 (sub-counts hidden with their row); other hidden cells are at least 1. */
  mayBeZero?: ReadonlySet<string>;
}

/** Suffix of a prior cell whose value this release revised: the attacker holds two different figures. */
export const REVISED = '@earlier';

/**
 * The prior release as it combines with this one: a cell it published under an id this release
 * counts differently (late records, corrections) is another quantity, so the prior's figure and
 * relations keep it under an id of their own (id + REVISED) and this release's cell is free.
 */
export function reconcilePrior(prior: PriorRelease, values: ReadonlyMap<string, number>): PriorRelease {
  const revised = new Set<string>();
  for (const [id, v] of prior.published) if (values.has(id) && values.get(id) !== v) revised.add(id);
  if (revised.size === 0) return prior;
  const rename = (id: string): string => (revised.has(id) ? id + REVISED : id);
  return {
    ...prior,
    published: new Map([...prior.published].map(([id, v]): [string, number] => [rename(id), v])),
    relations: prior.relations.map((r) => ({ kind: r.kind, total: rename(r.total), parts: r.parts.map(rename) })),
  };
}

/** The cell of a relation best suppressed next: the smallest non-zero current part not yet known, else the total. */
function partner(
  r: Relation,
  values: ReadonlyMap<string, number>,
  unknown: ReadonlySet<string>,
  known: ReadonlyMap<string, number>,
  followers: ReadonlyMap<string, string>,
): string | null {
  let best: string | null = null;
  let bestValue = Infinity;
  const usable = (id: string): boolean => values.has(id) && !unknown.has(id) && !known.has(id) && !followers.has(id) && (values.get(id) ?? 0) > 0;
  for (const id of r.parts) {
    if (!usable(id)) continue;
    const v = values.get(id) ?? 0;
    if (v < bestValue || (v === bestValue && best !== null && id < best)) {
      best = id;
      bestValue = v;
    }
  }
  if (best === null && usable(r.total)) best = r.total;
  // Only sub-counts left: hide the row of one of them.
  if (best === null) for (const id of [r.total, ...r.parts]) if (best === null && followers.has(id) && usable(followers.get(id) as string)) best = followers.get(id) as string;
  return best;
}

export interface SuppressionResult {
  /** Every suppressed cell id. */
  suppressed: Set<string>;
  /** Cells suppressed because they are small. */
  primary: Set<string>;
  /** Cells suppressed only to protect others (complementary), including forced ones. */
  secondary: Set<string>;
}

/**
 * Suppresses primary cells and enough complementary cells that no small cell can be bounded
 * tighter than minCell − 1 from the published values, by one release alone or, given `prior`,
 * combined with the previous release (cells it hid stay hidden, and its totals join the attack).
 */
export function complementarySuppress(
  values: ReadonlyMap<string, number>,
  relations: readonly Relation[],
  minCell: number,
  priorRelease?: PriorRelease,
  options: SuppressOptions = {},
): SuppressionResult {
  const followers = options.followers ?? new Map<string, string>();
  const floors = new Map<string, number>([...followers.keys()].map((id): [string, number] => [id, 0]));
  const prior = priorRelease ? reconcilePrior(priorRelease, values) : undefined;
  for (const id of prior?.mayBeZero ?? []) floors.set(id, 0);
  const primary = primaryCells(values, minCell, followers);
  const suppressed = new Set<string>(primary);
  const known = prior?.published ?? new Map<string, number>();
  for (const id of prior?.hidden ?? []) if ((values.get(id) ?? 0) > 0 && !known.has(id)) suppressed.add(id);
  const allRelations = [...relations, ...(prior?.relations ?? [])];
  const byCell = new Map<string, Relation[]>();
  for (const r of allRelations) {
    for (const id of [r.total, ...r.parts]) {
      const list = byCell.get(id);
      if (list) list.push(r);
      else byCell.set(id, [r]);
    }
  }
  const unknownNow = (): Set<string> => {
    const u = new Set<string>();
    for (const id of suppressed) if (!known.has(id)) u.add(id);
    for (const id of prior?.hidden ?? []) if (!known.has(id) && !(values.has(id) && !suppressed.has(id))) u.add(id);
    for (const [id, parent] of followers) if (suppressed.has(parent) && !known.has(id)) u.add(id);
    return u;
  };
  /** Parent cell → its followers (they become unknown with it). */
  const children = new Map<string, string[]>();
  for (const [id, parent] of followers) {
    const list = children.get(parent);
    if (list) list.push(id);
    else children.set(parent, [id]);
  }
  const attackValues = new Map<string, number>([...known, ...values]);
  const protectedCells = [...new Set([...suppressed, ...(prior?.protect ?? [])])].sort();
  const usable = (id: string, unknown: ReadonlySet<string>): boolean =>
    values.has(id) && !unknown.has(id) && !known.has(id) && !followers.has(id) && (values.get(id) ?? 0) > 0;
  /**
   * The cell to suppress for the first exposed cell that can be helped: among cells sharing a
   * relation with it, or with an unknown cell of those relations, the smallest one that makes
   * it wide enough; else the smallest neighbour.
   */
  const widen = (exposed: readonly string[], unknown: ReadonlySet<string>): string | null => {
    for (const id of exposed) {
      const near = byCell.get(id) ?? [];
      // The relations of the unknown cells of those relations, each once, in order of first appearance.
      const second: Relation[] = [];
      const inSecond = new Set<Relation>();
      for (const r of near) {
        for (const x of [r.total, ...r.parts]) {
          if (x === id || !unknown.has(x)) continue;
          for (const r2 of byCell.get(x) ?? []) {
            if (inSecond.has(r2)) continue;
            inSecond.add(r2);
            second.push(r2);
          }
        }
      }
      const candidates = (rels: readonly Relation[]): string[] => {
        // A follower is hidden by suppressing the row it belongs to.
        const cells = new Set<string>();
        for (const r of rels) {
          cells.add(followers.get(r.total) ?? r.total);
          for (const x of r.parts) cells.add(followers.get(x) ?? x);
        }
        return [...cells].filter((x) => usable(x, unknown)).sort((a, b) => (values.get(a) ?? 0) - (values.get(b) ?? 0) || (a < b ? -1 : a > b ? 1 : 0));
      };
      const c1 = candidates(near);
      const c2 = candidates(second);
      // Trials attack with the relations around the cell only (fast, and never narrower than the
      // full attack); the next pass's full attack catches what a local trial missed.
      const local = [...new Set([...near, ...second])];
      const trials = new CandidateTrials(attackValues, (x) => unknown.has(x), local, 200, floors);
      for (const c of [...c1, ...c2].slice(0, 60)) {
        const iv = trials.intervalOf(id, c);
        if (iv !== undefined && wideEnough(iv, minCell)) return c;
      }
      const fallback = c1[0] ?? c2[0];
      if (fallback !== undefined) return fallback;
    }
    return null;
  };
  for (let pass = 0; pass < 10_000; pass++) {
    const unknown = unknownNow();
    // 1. No equality relation may hold exactly one unknown cell.
    let added = false;
    for (const r of allRelations) {
      if (r.kind !== 'eq') continue;
      if ([r.total, ...r.parts].filter((id) => unknown.has(id)).length !== 1) continue;
      const p = partner(r, values, unknown, known, followers);
      if (p !== null) {
        suppressed.add(p);
        unknown.add(p);
        added = true;
      }
    }
    if (added) continue;
    // 2. The attack: widen any protected cell the published figures still pin down.
    const intervals = feasibleIntervals(attackValues, unknown, allRelations, 200, floors);
    const exposed = protectedCells.filter((id) => {
      const iv = intervals.get(id);
      return iv !== undefined && !wideEnough(iv, minCell);
    });
    if (exposed.length === 0) break;
    // One choice per exposed cell whose relations no choice of this pass has touched yet.
    let widened = false;
    const touched = new Set<Relation>();
    // unknownNow() kept in step with each choice (a choice is never a known cell: see usable).
    const live = unknown;
    for (const id of exposed) {
      const near = byCell.get(id) ?? [];
      if (near.some((r) => touched.has(r))) continue;
      const choice = widen([id], live);
      if (choice === null) continue;
      suppressed.add(choice);
      live.add(choice);
      for (const f of children.get(choice) ?? []) if (!known.has(f)) live.add(f);
      widened = true;
      for (const r of byCell.get(choice) ?? []) touched.add(r);
      for (const r of near) touched.add(r);
    }
    if (!widened) break; // every relation around the exposed cells is already fully hidden
  }
  const secondary = new Set([...suppressed].filter((id) => !primary.has(id)));
  return { suppressed, primary, secondary };
}

/**
 * The attack on one release as published: every suppressed cell (and every follower of one) an
 * unknown, every other cell a constant. Returns the protected cells whose feasible interval is
 * narrower than minCell − 1, with their interval; empty when the pattern is safe.
 */
export function exposedCells(
  values: ReadonlyMap<string, number>,
  relations: readonly Relation[],
  suppressed: ReadonlySet<string>,
  protect: Iterable<string>,
  minCell: number,
  followers: ReadonlyMap<string, string> = new Map(),
): { id: string; lo: number; hi: number }[] {
  const unknown = new Set(suppressed);
  for (const [id, parent] of followers) if (suppressed.has(parent)) unknown.add(id);
  const published = new Map([...values].filter(([id]) => !unknown.has(id)));
  const floors = new Map<string, number>([...followers.keys()].map((id): [string, number] => [id, 0]));
  const intervals = feasibleIntervals(published, unknown, relations, 10_000, floors);
  const out: { id: string; lo: number; hi: number }[] = [];
  for (const id of [...protect].sort()) {
    const iv = intervals.get(id);
    if (iv === undefined) out.push({ id, lo: values.get(id) ?? 0, hi: values.get(id) ?? 0 });
    else if (!wideEnough(iv, minCell)) out.push({ id, ...iv });
  }
  return out;
}

/**
 * The attack on this release and the prior one together, as both were published: a cell is
 * unknown only if neither release published it, every published figure of either is a constant
 * and the relations of both hold. Returns the protected cells (this release's small cells and
 * the prior's hidden ones, sub-counts aside) pinned narrower than minCell − 1, or published.
 */
export function exposedAcrossReleases(
  values: ReadonlyMap<string, number>,
  relations: readonly Relation[],
  suppressed: ReadonlySet<string>,
  primary: ReadonlySet<string>,
  minCell: number,
  followers: ReadonlyMap<string, string>,
  priorRelease: PriorRelease,
): { id: string; lo: number; hi: number }[] {
  const prior = reconcilePrior(priorRelease, values);
  const hiddenNow = new Set(suppressed);
  for (const [id, parent] of followers) if (suppressed.has(parent)) hiddenNow.add(id);
  const known = new Map<string, number>(prior.published);
  for (const [id, v] of values) if (!hiddenNow.has(id)) known.set(id, v);
  const unknown = new Set<string>();
  for (const id of [...hiddenNow, ...prior.hidden]) if (!known.has(id)) unknown.add(id);
  const floors = new Map<string, number>([...followers.keys(), ...(prior.mayBeZero ?? [])].map((id): [string, number] => [id, 0]));
  const intervals = feasibleIntervals(known, unknown, [...relations, ...prior.relations], 10_000, floors);
  const out: { id: string; lo: number; hi: number }[] = [];
  for (const id of [...new Set([...primary, ...prior.protect])].sort()) {
    const iv = intervals.get(id);
    if (iv !== undefined && !wideEnough(iv, minCell)) out.push({ id, ...iv });
    // A small cell of this release the prior published (under the same count) is known outright.
    else if (iv === undefined && primary.has(id)) out.push({ id, lo: known.get(id) ?? 0, hi: known.get(id) ?? 0 });
  }
  return out;
}
