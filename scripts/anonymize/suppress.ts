/**
 * Complementary suppression, generic over any set of count cells (id → count) and the
 * published relations between them (totals = sums of parts). Primary cells (1..minCell-1)
 * are suppressed; then, until no relation gives a small cell away, the smallest published
 * non-zero partner of an exposed cell is suppressed too. The result is checked by the same
 * bound-tightening attack the tests run (bounds.ts), so a pattern that leaks is never returned.
 */
import { feasibleIntervals, wideEnough, type Relation } from './bounds.ts';

/** Primary suppressions: cells of 1..minCell-1. */
export function primaryCells(values: ReadonlyMap<string, number>, minCell: number): Set<string> {
  const out = new Set<string>();
  for (const [id, v] of values) if (v > 0 && v < minCell) out.add(id);
  return out;
}

/** What the previous release published: an attacker holds it too. Cell ids shared by both releases must match. */
export interface PriorRelease {
  /** Values it published (cells it did not suppress). */
  published: ReadonlyMap<string, number>;
  /** Cells it suppressed. */
  hidden: ReadonlySet<string>;
  /** Its relations (cells of its own only, e.g. summaries over its period, under ids of their own). */
  relations: readonly Relation[];
  /** Its small cells: they must stay protected when both releases are combined. */
  protect: ReadonlySet<string>;
}

/** The cell of a relation best suppressed next: the smallest non-zero current part not yet known, else the total. */
function partner(r: Relation, values: ReadonlyMap<string, number>, unknown: ReadonlySet<string>, known: ReadonlyMap<string, number>): string | null {
  let best: string | null = null;
  let bestValue = Infinity;
  const usable = (id: string): boolean => values.has(id) && !unknown.has(id) && !known.has(id) && (values.get(id) ?? 0) > 0;
  for (const id of r.parts) {
    if (!usable(id)) continue;
    const v = values.get(id) ?? 0;
    if (v < bestValue || (v === bestValue && best !== null && id < best)) {
      best = id;
      bestValue = v;
    }
  }
  if (best === null && usable(r.total)) best = r.total;
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
  prior?: PriorRelease,
): SuppressionResult {
  const primary = primaryCells(values, minCell);
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
    return u;
  };
  const attackValues = new Map<string, number>([...known, ...values]);
  const protectedCells = [...new Set([...suppressed, ...(prior?.protect ?? [])])].sort();
  const usable = (id: string, unknown: ReadonlySet<string>): boolean => values.has(id) && !unknown.has(id) && !known.has(id) && (values.get(id) ?? 0) > 0;
  /**
   * The cell to suppress for the first exposed cell that can be helped: among cells sharing a
   * relation with it, or with an unknown cell of those relations, the smallest one that makes
   * it wide enough; else the smallest neighbour.
   */
  const widen = (exposed: readonly string[], unknown: ReadonlySet<string>): string | null => {
    for (const id of exposed) {
      const near = byCell.get(id) ?? [];
      const second = near.flatMap((r) => [r.total, ...r.parts].filter((x) => unknown.has(x) && x !== id).flatMap((x) => byCell.get(x) ?? []));
      const candidates = (rels: readonly Relation[]): string[] =>
        [...new Set(rels.flatMap((r) => [r.total, ...r.parts]).filter((x) => usable(x, unknown)))].sort(
          (a, b) => (values.get(a) ?? 0) - (values.get(b) ?? 0) || (a < b ? -1 : a > b ? 1 : 0),
        );
      const c1 = candidates(near);
      const c2 = candidates(second);
      for (const c of [...c1, ...c2].slice(0, 60)) {
        const trial = new Set(unknown).add(c);
        const iv = feasibleIntervals(attackValues, trial, allRelations).get(id);
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
      const p = partner(r, values, unknown, known);
      if (p !== null) {
        suppressed.add(p);
        unknown.add(p);
        added = true;
      }
    }
    if (added) continue;
    // 2. The attack: widen any protected cell the published figures still pin down.
    const intervals = feasibleIntervals(attackValues, unknown, allRelations);
    const exposed = protectedCells.filter((id) => {
      const iv = intervals.get(id);
      return iv !== undefined && !wideEnough(iv, minCell);
    });
    if (exposed.length === 0) break;
    const choice = widen(exposed, unknown);
    const widened = choice !== null;
    if (choice !== null) suppressed.add(choice);
    if (!widened) break; // every relation around the exposed cells is already fully hidden
  }
  const secondary = new Set([...suppressed].filter((id) => !primary.has(id)));
  return { suppressed, primary, secondary };
}
