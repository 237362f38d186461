/**
 * Apache Parquet copies of the published tables (`<dataset>.parquet`), written with
 * hyparquet-writer: typed columns from the data dictionary (text, 32-bit integers, doubles,
 * booleans, dates as DATE; months stay text, YYYY-MM), the same rows and values as the CSV;
 * what the CSV leaves empty (null, or empty text) is null.
 *
 * Rows arrive one at a time and go out a row group at a time (ROW_GROUP rows), so a table of
 * millions of records needs memory for one row group only; a table built in memory is cut into
 * the same row groups, so both paths give the same bytes. Pages are not compressed: the text
 * stays readable to the personal-data scan (verify), and Parquet's dictionary and run-length
 * encoding already shrink the repetitive columns. Same rows in, same bytes out.
 */
import { ByteWriter, ParquetWriter } from 'hyparquet-writer';
import type { Dictionary } from '../../src/lib/published.ts';

type ColumnType = Dictionary[string]['columns'][number]['type'];

/** Rows per row group: the rows held in memory while a row group is built. */
export const ROW_GROUP = 50_000;

/** What the file says wrote it (no version: the bytes must not change with one). */
const CREATED_BY = 'Glassbox';

const DAY_MS = 86_400_000;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;

export interface ParquetColumn {
  name: string;
  type: ColumnType;
}

/** The Parquet schema element of a dictionary column (every column may hold nulls). */
function element(c: ParquetColumn): { name: string; type: 'BYTE_ARRAY' | 'INT32' | 'DOUBLE' | 'BOOLEAN'; converted_type?: 'UTF8' | 'DATE'; repetition_type: 'OPTIONAL' } {
  const optional = 'OPTIONAL' as const;
  switch (c.type) {
    case 'integer':
      return { name: c.name, type: 'INT32', repetition_type: optional };
    case 'number':
      return { name: c.name, type: 'DOUBLE', repetition_type: optional };
    case 'boolean':
      return { name: c.name, type: 'BOOLEAN', repetition_type: optional };
    case 'date':
      return { name: c.name, type: 'INT32', converted_type: 'DATE', repetition_type: optional };
    default:
      return { name: c.name, type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: optional };
  }
}

/** A ByteWriter that hands its bytes on after each row group (and at the end) instead of keeping them. */
class SinkWriter extends ByteWriter {
  readonly #sink: (bytes: Buffer) => void;

  constructor(sink: (bytes: Buffer) => void) {
    super(1 << 20);
    this.#sink = sink;
  }

  flush(): void {
    if (this.index === 0) return;
    // A copy: the writer's buffer is reused for the next row group.
    this.#sink(Buffer.from(new Uint8Array(this.buffer, 0, this.index)));
    this.index = 0;
  }

  override finish(): void {
    this.flush();
  }
}

/**
 * Writes one table as Parquet: `add` each row, then `end`. Bytes go to `sink` a row group at a
 * time. A value that does not fit its column's type throws, naming the table, row and column.
 */
export class ParquetTable {
  readonly #name: string;
  readonly #columns: readonly ParquetColumn[];
  readonly #writer: ParquetWriter;
  readonly #rowGroup: number;
  #data: unknown[][];
  #rows = 0;

  /** `rowGroup`: rows per row group (tests use small ones). */
  constructor(name: string, columns: readonly ParquetColumn[], sink: (bytes: Buffer) => void, rowGroup = ROW_GROUP) {
    if (!(Number.isInteger(rowGroup) && rowGroup >= 1)) throw new Error(`rowGroup must be a positive integer, not ${rowGroup}`);
    this.#name = name;
    this.#rowGroup = rowGroup;
    this.#columns = columns;
    const schema = [{ name: 'schema', num_children: columns.length }, ...columns.map(element)];
    this.#writer = new ParquetWriter({ writer: new SinkWriter(sink), schema, codec: 'UNCOMPRESSED', createdBy: CREATED_BY });
    this.#data = columns.map(() => []);
  }

  /** Adds a row (its dictionary columns by name; missing ones are null). */
  add(row: object): void {
    const r = row as Record<string, unknown>;
    for (let j = 0; j < this.#columns.length; j++) {
      const c = this.#columns[j] as ParquetColumn;
      (this.#data[j] as unknown[]).push(this.#value(c, r[c.name]));
    }
    this.#rows += 1;
    if ((this.#data[0]?.length ?? 0) >= this.#rowGroup) this.#group();
  }

  /** Writes the last row group and the footer; returns the number of rows. */
  end(): number {
    this.#group();
    void this.#writer.finish();
    return this.#rows;
  }

  #group(): void {
    const n = this.#data[0]?.length ?? 0;
    if (n === 0) return;
    const columnData = this.#columns.map((c, j) => ({ name: c.name, data: this.#data[j] as unknown[] as string[] }));
    void this.#writer.write({ columnData, rowGroupSize: n });
    this.#data = this.#columns.map(() => []);
  }

  #value(c: ParquetColumn, v: unknown): unknown {
    // An empty text is a missing value, as in the CSV (datapackage.json: missingValues [""]).
    if (v === null || v === undefined || v === '') return null;
    switch (c.type) {
      case 'integer':
        if (typeof v === 'number' && Number.isInteger(v) && v >= INT32_MIN && v <= INT32_MAX) return v;
        break;
      case 'number':
        if (typeof v === 'number') return Number.isFinite(v) ? v : null;
        break;
      case 'boolean':
        if (typeof v === 'boolean') return v;
        break;
      case 'date': {
        const m = typeof v === 'string' ? DATE_RE.exec(v) : null;
        if (m) {
          const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
          if (new Date(t).toISOString().slice(0, 10) === v) return t / DAY_MS;
        }
        break;
      }
      default:
        return typeof v === 'string' ? v : String(v);
    }
    throw new Error(`${this.#name}.parquet: row ${this.#rows + 1}, column "${c.name}": ${JSON.stringify(v)} is not a valid ${c.type === 'integer' ? '32-bit integer' : c.type}`);
  }
}

/** The Parquet file of `rows` over `columns`, in memory (small tables, and tests of the streamed path). */
export function parquetBytes(name: string, columns: readonly ParquetColumn[], rows: Iterable<object>, rowGroup = ROW_GROUP): Buffer {
  const parts: Buffer[] = [];
  const table = new ParquetTable(name, columns, (b) => parts.push(b), rowGroup);
  for (const r of rows) table.add(r);
  table.end();
  return Buffer.concat(parts);
}
