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

/** Relations as rows Σ a·x + c over slots: row r's terms at slot/sign[start[r] .. start[r + 1]). */
interface Rows {
  slot: number[];
  sign: number[];
  start: number[];
  consts: number[];
  eqs: boolean[];
}

const noRows = (): Rows => ({ slot: [], sign: [], start: [0], consts: [], eqs: [] });

/** Closes the row begun after the last one: kept only when it holds an unknown. */
function endRow(rows: Rows, c: number, eq: boolean): void {
  if (rows.slot.length > (rows.start[rows.start.length - 1] ?? 0)) {
    rows.start.push(rows.slot.length);
    rows.consts.push(c);
    rows.eqs.push(eq);
  }
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
  const rows = noRows();
  const term = (id: string, a: number): boolean => {
    if (!isUnknown(id)) return false;
    let k = slot.get(id);
    if (k === undefined) {
      k = ids.length;
      slot.set(id, k);
      ids.push(id);
    }
    rows.slot.push(k);
    rows.sign.push(a);
    return true;
  };
  for (const r of relations) {
    let c = 0;
    if (!term(r.total, -1)) c -= values.get(r.total) ?? 0;
    for (const id of r.parts) if (!term(id, 1)) c += values.get(id) ?? 0;
    endRow(rows, c, r.kind === 'eq');
  }
  const lo = new Float64Array(ids.length);
  const hi = new Float64Array(ids.length).fill(Infinity);
  for (let k = 0; k < ids.length; k++) lo[k] = floors?.get(ids[k] ?? '') ?? 1;
  propagate(rows, lo, hi, maxRounds);
  return { slot, lo, hi };
}

/**
 * Many attacks on one set of relations that differ by one more unknown cell each (complementary
 * suppression tries up to 60 candidates around an exposed cell): the relations' members, their
 * values and which are unknown are looked up once, not once per trial. Each trial gives the
 * figures `feasibleIntervalOf(id, values, (x) => x === extra || isUnknown(x), relations, …)`
 * gives (the rows hold the same terms in the same order; constants are sums of integers).
 */
export class CandidateTrials {
  readonly #isUnknown: (id: string) => boolean;
  readonly #floors: ReadonlyMap<string, number> | undefined;
  readonly #maxRounds: number;
  /** Unknown cells in order of first appearance → slot. */
  readonly #slot = new Map<string, number>();
  readonly #ids: string[] = [];
  /** Per relation: its members (total first), their signs, values and slots (−1: published). */
  readonly #members: { ids: string[]; signs: number[]; values: number[]; slots: number[]; eq: boolean }[] = [];

  constructor(values: ReadonlyMap<string, number>, isUnknown: (id: string) => boolean, relations: readonly Relation[], maxRounds = 200, floors?: ReadonlyMap<string, number>) {
    this.#isUnknown = isUnknown;
    this.#floors = floors;
    this.#maxRounds = maxRounds;
    for (const r of relations) {
      const m = { ids: [r.total, ...r.parts], signs: [-1], values: [] as number[], slots: [] as number[], eq: r.kind === 'eq' };
      for (let j = 1; j < m.ids.length; j++) m.signs.push(1);
      for (const id of m.ids) {
        m.values.push(values.get(id) ?? 0);
        let k = -1;
        if (isUnknown(id)) {
          k = this.#slot.get(id) ?? this.#ids.length;
          if (k === this.#ids.length) {
            this.#slot.set(id, k);
            this.#ids.push(id);
          }
        }
        m.slots.push(k);
      }
      this.#members.push(m);
    }
  }

  /** The feasible interval of `id` when `extra` is unknown too; undefined when `id` is not unknown. */
  intervalOf(id: string, extra: string): Interval | undefined {
    if (id !== extra && !this.#isUnknown(id)) return undefined;
    const n = this.#ids.length;
    const extraSlot = this.#slot.get(extra) ?? n;
    const rows = noRows();
    for (const m of this.#members) {
      let c = 0;
      for (let j = 0; j < m.ids.length; j++) {
        let k = m.slots[j] ?? -1;
        if (k < 0 && m.ids[j] === extra) k = extraSlot;
        if (k >= 0) {
          rows.slot.push(k);
          rows.sign.push(m.signs[j] ?? 1);
        } else c += (m.signs[j] ?? 1) * (m.values[j] ?? 0);
      }
      endRow(rows, c, m.eq);
    }
    const size = extraSlot === n ? n + 1 : n;
    const lo = new Float64Array(size);
    const hi = new Float64Array(size).fill(Infinity);
    for (let k = 0; k < n; k++) lo[k] = this.#floors?.get(this.#ids[k] ?? '') ?? 1;
    if (extraSlot === n) lo[n] = this.#floors?.get(extra) ?? 1;
    propagate(rows, lo, hi, this.#maxRounds);
    const k = id === extra ? extraSlot : this.#slot.get(id);
    return k === undefined ? { lo: this.#floors?.get(id) ?? 1, hi: Infinity } : { lo: lo[k] ?? 1, hi: hi[k] ?? Infinity };
  }
}

/** The rounds of bound tightening over `rows`, narrowing lo/hi in place. */
function propagate(rows: Rows, lo: Float64Array, hi: Float64Array, maxRounds: number): void {
  const { slot: termSlot, sign: termSign, start, consts, eqs } = rows;
  const count = consts.length;
  for (let round = 0; round < maxRounds; round++) {
    let changed = false;
    for (let r = 0; r < count; r++) {
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
}

/** True when an interval protects a small cell: the attacker cannot narrow it below minCell − 1 wide. */
export function wideEnough(iv: Interval, minCell: number): boolean {
  return iv.hi - iv.lo >= Math.max(1, minCell - 1);
}
