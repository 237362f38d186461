/**
 * The complementary suppression and bound tightening as they were before the typed-array
 * rewrite (2026-11-30), kept only as the oracle of tests/unit/privacy-suppression-equivalence:
 * the faster code must choose the same cells and give the same intervals.
 */
export interface Relation {
  total: string;
  parts: readonly string[];
  /** 'le' when the total also counts cases not in any part (e.g. hotline cases without a service). */
  kind: 'eq' | 'le';
}

/** Feasible interval of a cell: integers lo..hi (hi may be Infinity). */
export interface Interval {
  lo: number;
  hi: number;
}

interface Term {
  id: string;
  a: 1 | -1;
}

/**
 * Feasible intervals of the `suppressed` cells given the published `values` and `relations`.
 * An unknown is at least 1 (zeros are published) unless `floors` says otherwise (sub-counts
 * such as closed requests may be 0).
 */
export function feasibleIntervalsV1(
  values: ReadonlyMap<string, number>,
  suppressed: ReadonlySet<string>,
  relations: readonly Relation[],
  maxRounds = 200,
  floors?: ReadonlyMap<string, number>,
): Map<string, Interval> {
  const box = new Map<string, Interval>();
  for (const id of suppressed) box.set(id, { lo: floors?.get(id) ?? 1, hi: Infinity });
  // Each relation as Σ a·x (over unknowns) + constant  (= 0 for eq, ≤ 0 for le).
  const rows: { terms: Term[]; c: number; kind: 'eq' | 'le' }[] = [];
  for (const r of relations) {
    const members: Term[] = [{ id: r.total, a: -1 }, ...r.parts.map((id): Term => ({ id, a: 1 }))];
    let c = 0;
    const terms: Term[] = [];
    for (const t of members) {
      if (suppressed.has(t.id)) terms.push(t);
      else c += t.a * (values.get(t.id) ?? 0);
    }
    if (terms.length > 0) rows.push({ terms, c, kind: r.kind });
  }
  for (let round = 0; round < maxRounds; round++) {
    let changed = false;
    for (const row of rows) {
      // The row's finite minimum and maximum and how many terms are unbounded, so that each term's
      // "rest of the row" is the row without it (linear in the row's length, not quadratic).
      let sumMin = row.c;
      let sumMax = row.c;
      let infMin = 0;
      let infMax = 0;
      for (const u of row.terms) {
        const ub = box.get(u.id) as Interval;
        const mn = u.a > 0 ? ub.lo : -ub.hi;
        const mx = u.a > 0 ? ub.hi : -ub.lo;
        if (Number.isFinite(mn)) sumMin += mn;
        else infMin++;
        if (Number.isFinite(mx)) sumMax += mx;
        else infMax++;
      }
      for (const t of row.terms) {
        const b = box.get(t.id) as Interval;
        // The rest of the row, without this term: its minimum and maximum.
        const own = { mn: t.a > 0 ? b.lo : -b.hi, mx: t.a > 0 ? b.hi : -b.lo };
        const restMin = Number.isFinite(own.mn) ? (infMin > 0 ? -Infinity : sumMin - own.mn) : infMin > 1 ? -Infinity : sumMin;
        const restMax = Number.isFinite(own.mx) ? (infMax > 0 ? Infinity : sumMax - own.mx) : infMax > 1 ? Infinity : sumMax;
        // eq: a·x = −rest ; le: a·x ≤ −rest.
        let lo = b.lo;
        let hi = b.hi;
        if (t.a > 0) {
          if (Number.isFinite(restMin)) hi = Math.min(hi, Math.floor(-restMin));
          if (row.kind === 'eq' && Number.isFinite(restMax)) lo = Math.max(lo, Math.ceil(-restMax));
        } else {
          if (Number.isFinite(restMin)) lo = Math.max(lo, Math.ceil(restMin));
          if (row.kind === 'eq' && Number.isFinite(restMax)) hi = Math.min(hi, Math.floor(restMax));
        }
        if (lo !== b.lo || hi !== b.hi) {
          box.set(t.id, { lo, hi });
          changed = true;
          // Keep the row's sums in step with the narrowed term.
          const mn = t.a > 0 ? lo : -hi;
          const mx = t.a > 0 ? hi : -lo;
          if (Number.isFinite(own.mn)) sumMin -= own.mn;
          else infMin--;
          if (Number.isFinite(mn)) sumMin += mn;
          else infMin++;
          if (Number.isFinite(own.mx)) sumMax -= own.mx;
          else infMax--;
          if (Number.isFinite(mx)) sumMax += mx;
          else infMax++;
        }
      }
    }
    if (!changed) break;
  }
  return box;
}

/** True when an interval protects a small cell: the attacker cannot narrow it below minCell − 1 wide. */
function wideEnough(iv: Interval, minCell: number): boolean {
  return iv.hi - iv.lo >= Math.max(1, minCell - 1);
}
function primaryCells(values: ReadonlyMap<string, number>, minCell: number, followers?: ReadonlyMap<string, string>): Set<string> {
  const out = new Set<string>();
  for (const [id, v] of values) if (v > 0 && v < minCell && !followers?.has(id)) out.add(id);
  return out;
}

interface SuppressOptions {
  /**
   * Sub-count cells (e.g. closed requests of a department over the period) → the cell whose row
   * publishes them. A follower is never suppressed on its own: it is published exactly when its
   * parent is, and hidden (an unknown ≥ 0) when its parent is suppressed.
   */
  followers?: ReadonlyMap<string, string>;
}

/** What the previous release published: an attacker holds it too. Cell ids shared by both releases must match. */
interface PriorRelease {
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

interface SuppressionResult {
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
export function complementarySuppressV1(
  values: ReadonlyMap<string, number>,
  relations: readonly Relation[],
  minCell: number,
  prior?: PriorRelease,
  options: SuppressOptions = {},
): SuppressionResult {
  const followers = options.followers ?? new Map<string, string>();
  const floors = new Map<string, number>([...followers.keys()].map((id): [string, number] => [id, 0]));
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
      const second = near.flatMap((r) => [r.total, ...r.parts].filter((x) => unknown.has(x) && x !== id).flatMap((x) => byCell.get(x) ?? []));
      const candidates = (rels: readonly Relation[]): string[] =>
        // A follower is hidden by suppressing the row it belongs to.
        [...new Set(rels.flatMap((r) => [r.total, ...r.parts]).map((x) => followers.get(x) ?? x).filter((x) => usable(x, unknown)))].sort(
          (a, b) => (values.get(a) ?? 0) - (values.get(b) ?? 0) || (a < b ? -1 : a > b ? 1 : 0),
        );
      const c1 = candidates(near);
      const c2 = candidates(second);
      // Trials attack with the relations around the cell only (fast, and never narrower than the
      // full attack); the next pass's full attack catches what a local trial missed.
      const local = [...new Set([...near, ...second])];
      for (const c of [...c1, ...c2].slice(0, 60)) {
        const trial = new Set(unknown).add(c);
        const iv = feasibleIntervalsV1(attackValues, trial, local, 200, floors).get(id);
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
    const intervals = feasibleIntervalsV1(attackValues, unknown, allRelations, 200, floors);
    const exposed = protectedCells.filter((id) => {
      const iv = intervals.get(id);
      return iv !== undefined && !wideEnough(iv, minCell);
    });
    if (exposed.length === 0) break;
    // One choice per exposed cell whose relations no choice of this pass has touched yet.
    let widened = false;
    const touched = new Set<Relation>();
    for (const id of exposed) {
      const near = byCell.get(id) ?? [];
      if (near.some((r) => touched.has(r))) continue;
      const choice = widen([id], unknownNow());
      if (choice === null) continue;
      suppressed.add(choice);
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
export function exposedCellsV1(
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
  const intervals = feasibleIntervalsV1(published, unknown, relations, 10_000, floors);
  const out: { id: string; lo: number; hi: number }[] = [];
  for (const id of [...protect].sort()) {
    const iv = intervals.get(id);
    if (iv === undefined) out.push({ id, lo: values.get(id) ?? 0, hi: values.get(id) ?? 0 });
    else if (!wideEnough(iv, minCell)) out.push({ id, ...iv });
  }
  return out;
}
