/** Deterministic JSON: object keys in the order given (rows are built with fixed key order). */

/** Pretty JSON with a 2-space indent and a final newline, for small files people read. */
export function prettyJson(value: unknown): string {
  return JSON.stringify(value, null, 2) + '\n';
}

/** Compact JSON with a final newline, for large files (requests). */
export function compactJson(value: unknown): string {
  return JSON.stringify(value) + '\n';
}

/** Picks `columns` from each row, in that order, so JSON and CSV carry the same columns. */
export function pickColumns<T extends object>(columns: readonly string[], rows: readonly T[]): Record<string, unknown>[] {
  return rows.map((row) => {
    const out: Record<string, unknown> = {};
    const r = row as Record<string, unknown>;
    for (const c of columns) out[c] = r[c] ?? null;
    return out;
  });
}

/** A copy of a record with its keys sorted (for maps like by_reason). */
export function sortedRecord<V>(record: Readonly<Record<string, V>>): Record<string, V> {
  const out: Record<string, V> = {};
  for (const key of Object.keys(record).sort()) out[key] = record[key] as V;
  return out;
}
