/**
 * Dictionary encoding: distinct values in first-seen order, a value's code being its index.
 * Shared by the request store (ingest), the suppression cell counters (anonymize) and the
 * records accumulator (measure), which keep millions of rows as small-integer codes.
 */
export class Dictionary<V> {
  readonly values: V[] = [];
  private readonly index = new Map<V, number>();
  /** The last value coded and its code: runs of the same value skip the map. */
  private last: V | undefined;
  private lastCode = -1;

  /** The code of `v`, adding it when new. */
  code(v: V): number {
    if (this.lastCode >= 0 && v === this.last) return this.lastCode;
    let c = this.index.get(v);
    if (c === undefined) {
      c = this.values.length;
      this.index.set(v, c);
      this.values.push(v);
    }
    this.last = v;
    this.lastCode = c;
    return c;
  }

  /** The code of `v`, or -1 when it was never coded. */
  find(v: V): number {
    return this.index.get(v) ?? -1;
  }

  /** The value of code `c`. */
  value(c: number): V {
    return this.values[c] as V;
  }

  get size(): number {
    return this.values.length;
  }
}
