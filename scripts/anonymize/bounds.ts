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

/**
 * Feasible intervals of the `suppressed` cells given the published `values` and `relations`.
 * An unknown is at least 1 (zeros are published) unless `floors` says otherwise (sub-counts
 * such as closed requests may be 0). The map holds every suppressed cell, in the set's order.
 */
export function feasibleIntervals(
  values: ReadonlyMap<string, number>,
  suppressed: ReadonlySet<string>,
  relations: readonly Relation[],
  maxRounds = 200,
  floors?: ReadonlyMap<string, number>,
): Map<string, Interval> {
  const t = tighten(values, (id) => suppressed.has(id), relations, maxRounds, floors);
  const box = new Map<string, Interval>();
  for (const id of suppressed) {
    const k = t.slot.get(id);
    box.set(id, k === undefined ? { lo: floors?.get(id) ?? 1, hi: Infinity } : { lo: t.lo[k] ?? 1, hi: t.hi[k] ?? Infinity });
  }
  return box;
}

/**
 * The feasible interval of one cell, the unknowns being the cells `isUnknown` accepts; undefined
 * when the cell is not unknown. Same figures as `feasibleIntervals(…).get(id)`, without a set of
 * the unknowns or a box for each of them: the cost follows the relations given, not the
 * number of unknowns (complementary suppression tries many candidates around one cell).
 */
export function feasibleIntervalOf(
  id: string,
  values: ReadonlyMap<string, number>,
  isUnknown: (id: string) => boolean,
  relations: readonly Relation[],
  maxRounds = 200,
  floors?: ReadonlyMap<string, number>,
): Interval | undefined {
  if (!isUnknown(id)) return undefined;
  const t = tighten(values, isUnknown, relations, maxRounds, floors);
  const k = t.slot.get(id);
  return k === undefined ? { lo: floors?.get(id) ?? 1, hi: Infinity } : { lo: t.lo[k] ?? 1, hi: t.hi[k] ?? Infinity };
}

/**
 * Iterative bound tightening: each relation as Σ a·x (over unknowns) + constant (= 0 for eq,
 * ≤ 0 for le), rounds over the relations in order until nothing narrows or `maxRounds`. The
 * unknowns that appear in a relation get a slot (bounds in typed arrays).
 */
function tighten(
  values: ReadonlyMap<string, number>,
  isUnknown: (id: string) => boolean,
  relations: readonly Relation[],
  maxRounds: number,
  floors: ReadonlyMap<string, number> | undefined,
): { slot: Map<string, number>; lo: Float64Array; hi: Float64Array } {
  const slot = new Map<string, number>();
  const ids: string[] = [];
  // Rows: terms as slots with their sign, row r's terms at termSlot[start[r] .. start[r + 1]).
  const termSlot: number[] = [];
  const termSign: number[] = [];
  const start: number[] = [0];
  const consts: number[] = [];
  const eqs: boolean[] = [];
  const term = (id: string, a: number): boolean => {
    if (!isUnknown(id)) return false;
    let k = slot.get(id);
    if (k === undefined) {
      k = ids.length;
      slot.set(id, k);
      ids.push(id);
    }
    termSlot.push(k);
    termSign.push(a);
    return true;
  };
  for (const r of relations) {
    let c = 0;
    if (!term(r.total, -1)) c -= values.get(r.total) ?? 0;
    for (const id of r.parts) if (!term(id, 1)) c += values.get(id) ?? 0;
    if (termSlot.length > (start[start.length - 1] ?? 0)) {
      start.push(termSlot.length);
      consts.push(c);
      eqs.push(r.kind === 'eq');
    }
  }
  const lo = new Float64Array(ids.length);
  const hi = new Float64Array(ids.length).fill(Infinity);
  for (let k = 0; k < ids.length; k++) lo[k] = floors?.get(ids[k] ?? '') ?? 1;
  const rows = consts.length;
  for (let round = 0; round < maxRounds; round++) {
    let changed = false;
    for (let r = 0; r < rows; r++) {
      const from = start[r] ?? 0;
      const to = start[r + 1] ?? 0;
      const eq = eqs[r] ?? false;
      // The row's finite minimum and maximum and how many terms are unbounded, so that each term's
      // "rest of the row" is the row without it (linear in the row's length, not quadratic).
      let sumMin = consts[r] ?? 0;
      let sumMax = sumMin;
      let infMin = 0;
      let infMax = 0;
      for (let j = from; j < to; j++) {
        const k = termSlot[j] ?? 0;
        const pos = (termSign[j] ?? 1) > 0;
        const mn = pos ? (lo[k] ?? 0) : -(hi[k] ?? 0);
        const mx = pos ? (hi[k] ?? 0) : -(lo[k] ?? 0);
        if (Number.isFinite(mn)) sumMin += mn;
        else infMin++;
        if (Number.isFinite(mx)) sumMax += mx;
        else infMax++;
      }
      for (let j = from; j < to; j++) {
        const k = termSlot[j] ?? 0;
        const pos = (termSign[j] ?? 1) > 0;
        const blo = lo[k] ?? 0;
        const bhi = hi[k] ?? 0;
        // The rest of the row, without this term: its minimum and maximum.
        const ownMn = pos ? blo : -bhi;
        const ownMx = pos ? bhi : -blo;
        const restMin = Number.isFinite(ownMn) ? (infMin > 0 ? -Infinity : sumMin - ownMn) : infMin > 1 ? -Infinity : sumMin;
        const restMax = Number.isFinite(ownMx) ? (infMax > 0 ? Infinity : sumMax - ownMx) : infMax > 1 ? Infinity : sumMax;
        // eq: a·x = −rest ; le: a·x ≤ −rest.
        let nlo = blo;
        let nhi = bhi;
        if (pos) {
          if (Number.isFinite(restMin)) nhi = Math.min(nhi, Math.floor(-restMin));
          if (eq && Number.isFinite(restMax)) nlo = Math.max(nlo, Math.ceil(-restMax));
        } else {
          if (Number.isFinite(restMin)) nlo = Math.max(nlo, Math.ceil(restMin));
          if (eq && Number.isFinite(restMax)) nhi = Math.min(nhi, Math.floor(restMax));
        }
        if (nlo !== blo || nhi !== bhi) {
          lo[k] = nlo;
          hi[k] = nhi;
          changed = true;
          // Keep the row's sums in step with the narrowed term.
          const mn = pos ? nlo : -nhi;
          const mx = pos ? nhi : -nlo;
          if (Number.isFinite(ownMn)) sumMin -= ownMn;
          else infMin--;
          if (Number.isFinite(mn)) sumMin += mn;
          else infMin++;
          if (Number.isFinite(ownMx)) sumMax -= ownMx;
          else infMax--;
          if (Number.isFinite(mx)) sumMax += mx;
          else infMax++;
        }
      }
    }
    if (!changed) break;
  }
  return { slot, lo, hi };
}

/** True when an interval protects a small cell: the attacker cannot narrow it below minCell − 1 wide. */
export function wideEnough(iv: Interval, minCell: number): boolean {
  return iv.hi - iv.lo >= Math.max(1, minCell - 1);
}
