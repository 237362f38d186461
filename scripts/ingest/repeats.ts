/**
 * Repeated ids, told apart exactly without hashing every row: a later row with an id seen
 * before is a "duplicate-row" when every field equals the first row's, else a "duplicate-id".
 * Rows are known by their ordinal (0-based position among all rows of a source, across its
 * files); nothing is kept per row. When a repeat comes, the first row is usually still in the
 * current or previous batch (exports repeat a row right after itself; a JSON, Open311 or xlsx
 * file is a single batch): it is compared at once. Otherwise the repeat waits with a copy of its
 * fields, and the caller reads the source again once (`wanted` / `resolve`) to compare.
 */
import type { Quarantined } from './canonical.ts';
import type { CsvRow } from './csv.ts';
import { detach } from './csv.ts';
import { hashInts32, hashString, type Hash64 } from './hash.ts';
import { IdShapes } from './id-shapes.ts';
import { free } from '../lib/free.ts';

export type RepeatReason = 'duplicate-row' | 'duplicate-id';

/** Whether two rows have the same fields (count and text). */
export function sameFields(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** A repeat whose first row was no longer at hand: its record waits for the reason. */
interface Pending {
  record: Quarantined;
  fields: readonly string[];
}

/**
 * The repeats of one source: the rows of the current and previous batch (to compare a repeat
 * with a recent first row), and the repeats that wait for a second read.
 */
export class Repeats {
  private current: readonly CsvRow[] = [];
  private currentFirst = 0;
  private previous: readonly CsvRow[] = [];
  private previousFirst = 0;
  /** First row's ordinal → the repeats waiting for it. */
  private readonly waiting = new Map<number, Pending[]>();
  private waitingCount = 0;

  /** Tells that `rows` come next, the first with ordinal `first`. */
  batch(rows: readonly CsvRow[], first: number): void {
    this.previous = this.current;
    this.previousFirst = this.currentFirst;
    this.current = rows;
    this.currentFirst = first;
  }

  /** The fields of the row with ordinal `ordinal` when it is in the current or previous batch, else null. */
  private recent(ordinal: number): readonly string[] | null {
    const c = ordinal - this.currentFirst;
    if (c >= 0 && c < this.current.length) return this.current[c]?.fields ?? null;
    const p = ordinal - this.previousFirst;
    if (p >= 0 && p < this.previous.length) return this.previous[p]?.fields ?? null;
    return null;
  }

  /**
   * The reason of a repeat of the row with ordinal `first`, when that row is at hand; else null,
   * and the caller quarantines the repeat with a provisional reason and hands it to `wait`.
   */
  reason(first: number, fields: readonly string[]): RepeatReason | null {
    const prior = this.recent(first);
    if (prior === null) return null;
    return sameFields(prior, fields) ? 'duplicate-row' : 'duplicate-id';
  }

  /** Keeps `record` (a repeat of the row with ordinal `first`) until `resolve` gives its reason. */
  wait(first: number, record: Quarantined, fields: readonly string[]): void {
    const list = this.waiting.get(first) ?? [];
    // A copy: the fields are cut from a piece of text that should not stay in memory.
    list.push({ record, fields: fields.map(detach) });
    this.waiting.set(first, list);
    this.waitingCount += 1;
  }

  /** Number of repeats still waiting for their first row. */
  get pending(): number {
    return this.waitingCount;
  }

  /** Whether the row with ordinal `ordinal` is the first row of a waiting repeat. */
  wanted(ordinal: number): boolean {
    return this.waiting.has(ordinal);
  }

  /** Gives the repeats waiting for the row with ordinal `ordinal` (whose fields are `fields`) their reason; calls `done` for each. */
  resolve(ordinal: number, fields: readonly string[], done: (record: Quarantined) => void): void {
    const list = this.waiting.get(ordinal);
    if (!list) return;
    this.waiting.delete(ordinal);
    this.waitingCount -= list.length;
    for (const p of list) {
      p.record.reason = sameFields(fields, p.fields) ? 'duplicate-row' : 'duplicate-id';
      done(p.record);
    }
  }
}

/**
 * Ordinals of the rows of a source that were not published, in input order, to find the ordinal
 * of a published row from its place among the published rows (no ordinal is kept per row).
 */
export class Gaps {
  private ordinals = new Int32Array(64);
  private count = 0;

  /** Adds the ordinal of a row not published; ordinals come in increasing order. */
  add(ordinal: number): void {
    if (this.count === this.ordinals.length) {
      const more = new Int32Array(this.ordinals.length * 2);
      more.set(this.ordinals);
      this.ordinals = more;
    }
    this.ordinals[this.count++] = ordinal;
  }

  /** The ordinal of the `j`-th published row (0-based). */
  ordinalOf(j: number): number {
    // With q the gaps in order, q[k] − k never decreases; the row's ordinal is j + (the number
    // of gaps before it) = j + (the first k with q[k] − k > j).
    let lo = 0;
    let hi = this.count;
    const q = this.ordinals;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((q[mid] ?? 0) - mid <= j) lo = mid + 1;
      else hi = mid;
    }
    return j + lo;
  }
}

/** Shapes (id-shapes.ts) that get a table of numbers of their own, at most: a table has a fixed cost. */
const MAX_SHAPED_TABLES = 256;

/**
 * The ordinal of the first row of each id, no string kept. Ids of the form prefix + digits (most
 * exports number their rows so: `PJ-00000001`) are held exactly, as the number in a table of their
 * shape (8 bytes a slot); other ids as a 64-bit hash (12 bytes a slot), where two different ids
 * share a hash with odds of about 3 in a million at 10 million ids.
 */
export class FirstRows {
  private readonly shapes = new IdShapes();
  private readonly numbers: NumberTable[] = [];
  private readonly hashed = new HashTable();

  private disposed = false;

  /** The ordinal of the first row of `id`, or −1 when `id` is new (it is then registered with `ordinal`). Empty ids are not tracked. */
  see(id: string, ordinal: number): number {
    if (this.disposed) throw new Error('FirstRows: used after dispose()');
    if (id === '') return -1;
    if (this.shapes.parse(id)) {
      let shape = this.shapes.find(id);
      if (shape < 0 && this.shapes.size < MAX_SHAPED_TABLES) {
        shape = this.shapes.code(id);
        this.numbers.push(new NumberTable());
      }
      const table = this.numbers[shape];
      if (table) return table.see(this.shapes.number, ordinal);
    }
    return this.hashed.see(id, ordinal);
  }

  /** Frees the tables now (lib/free.ts): the caller has seen its last row. */
  dispose(): void {
    this.disposed = true;
    for (const t of this.numbers) t.dispose();
    this.hashed.dispose();
  }
}

/** Open addressing over (number, ordinal + 1), 8 bytes a slot; ordinal + 1 = 0 marks an empty slot. */
class NumberTable {
  private table = new Uint32Array(2 * 16);
  private count = 0;

  see(n: number, ordinal: number): number {
    const t = this.table;
    const mask = (t.length >>> 1) - 1;
    for (let slot = hashInts32(n, 0) & mask; ; slot = (slot + 1) & mask) {
      const first = t[2 * slot + 1] ?? 0;
      if (first === 0) {
        t[2 * slot] = n;
        t[2 * slot + 1] = ordinal + 1;
        if (++this.count > mask * 0.7) this.grow();
        return -1;
      }
      if (t[2 * slot] === n) return first - 1;
    }
  }

  dispose(): void {
    free(this.table);
  }

  /** Doubles the table. */
  private grow(): void {
    const old = this.table;
    const t = (this.table = new Uint32Array(2 * old.length));
    const mask = (t.length >>> 1) - 1;
    for (let from = 0; from < old.length; from += 2) {
      const first = old[from + 1] ?? 0;
      if (first === 0) continue;
      const n = old[from] ?? 0;
      let slot = hashInts32(n, 0) & mask;
      while ((t[2 * slot + 1] ?? 0) !== 0) slot = (slot + 1) & mask;
      t[2 * slot] = n;
      t[2 * slot + 1] = first;
    }
    // Freed now, not at the next full GC (at 10M ratings the old table is 32 MiB).
    free(old);
  }
}

/** Open addressing over (64-bit hash of the id, ordinal), 12 bytes a slot. */
class HashTable {
  /** Slot k holds id hash hi, lo ((0, 0) = empty) and ordinal at 3k, 3k + 1, 3k + 2. */
  private table = new Uint32Array(3 * 1024);
  private slots = 1024;
  private count = 0;
  private readonly h: Hash64 = { hi: 0, lo: 0 };

  see(id: string, ordinal: number): number {
    hashString(id, this.h);
    const hi = this.h.hi;
    // (0, 0) marks an empty slot.
    const lo = hi === 0 && this.h.lo === 0 ? 1 : this.h.lo;
    const t = this.table;
    const mask = this.slots - 1;
    let at = 3 * (lo & mask);
    for (;;) {
      const shi = t[at] ?? 0;
      const slo = t[at + 1] ?? 0;
      if (shi === 0 && slo === 0) break;
      if (shi === hi && slo === lo) return t[at + 2] ?? 0;
      at = at + 3 === t.length ? 0 : at + 3;
    }
    t[at] = hi;
    t[at + 1] = lo;
    t[at + 2] = ordinal;
    if (++this.count > this.slots * 0.6) this.grow();
    return -1;
  }

  dispose(): void {
    free(this.table);
  }

  /** Doubles the table. */
  private grow(): void {
    const old = this.table;
    this.slots *= 2;
    this.table = new Uint32Array(3 * this.slots);
    const t = this.table;
    const mask = this.slots - 1;
    for (let from = 0; from < old.length; from += 3) {
      const hi = old[from] ?? 0;
      const lo = old[from + 1] ?? 0;
      if (hi === 0 && lo === 0) continue;
      let at = 3 * (lo & mask);
      while ((t[at] ?? 0) !== 0 || (t[at + 1] ?? 0) !== 0) at = at + 3 === t.length ? 0 : at + 3;
      t[at] = hi;
      t[at + 1] = lo;
      t[at + 2] = old[from + 2] ?? 0;
    }
    free(old);
  }
}
