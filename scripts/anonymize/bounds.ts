/**
 * The attacker's view of suppressed cells: every suppressed cell is an unknown integer ≥ 1
 * (zeros are published), every published cell a constant, and every published total a linear
 * relation. Iterative bound tightening (interval propagation) gives each unknown's feasible
 * interval; a cell pinned to a narrow interval is a disclosure.
 */

/** A published relation: `total` equals (eq) or is at least (le) the sum of `parts`. */
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
export function feasibleIntervals(
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
export function wideEnough(iv: Interval, minCell: number): boolean {
  return iv.hi - iv.lo >= Math.max(1, minCell - 1);
}
