/**
 * The request-level files written to disk while they are made, in one pass over the records:
 * `<dataset>.csv`, its `.csv.gz`, `<dataset>.jsonl.gz`, `<dataset>.parquet` (a row group at a
 * time, parquet.ts) and (optionally) the Open311 export
 * open311/v2/requests.json.gz. Text is encoded in pieces of about a mebibyte (text-file.ts); each
 * piece goes to its file (hashed on the way) and to the gzip streams, which compress on zlib's
 * thread pool while the next records are formatted. Memory holds a few pieces per file whatever
 * the number of records, and no file size limit remains. The bytes are those of the in-memory path:
 * largeTableFiles (large.ts, given the typed columns) and gzipDeterministic(open311RequestsJson(...)).
 */
import { setImmediate as turn } from 'node:timers/promises';
import { join } from 'node:path';
import type { RequestRecord } from '../../src/lib/published.ts';
import { OPEN311_HEAD, OPEN311_REQUESTS, OPEN311_TAIL, open311Liner } from '../release/open311.ts';
import { csvHeader, csvLiner, type Cell } from './csv.ts';
import { FLUSH_AT } from './growing-bytes.ts';
import { GzipStream } from './gzip.ts';
import { jsonLiner } from './large.ts';
import { ParquetTable } from './parquet.ts';
import { HashedFile, type FileWriter, type StoredFile } from './stored-file.ts';
import { Pieces } from './text-file.ts';

/** Pieces handed to the gzip streams and not yet taken in by zlib, before formatting waits. */
const MAX_WAITING = 12;

export interface RequestFilesOptions {
  /** Folder the file names are relative to. */
  dir: string;
  /** Opens a file for writing (creating its folder): WriteEffects.open. */
  open: (path: string) => FileWriter;
  /** Dataset name (`requests`) and its published columns, with their types for the Parquet file. */
  dataset: string;
  columns: readonly string[];
  typedColumns: ConstructorParameters<typeof ParquetTable>[1];
  /** The published records, read once, in order. */
  records: Iterable<RequestRecord>;
  /** Service id -> name for the Open311 export (see release/index.ts); no export when absent. */
  open311Names?: ReadonlyMap<string, string>;
  /** Bytes a piece holds before it goes out (tests use tiny ones). */
  flushAt?: number;
}

/** Writes the request-level files under `dir`; resolves to them by name (relative to `dir`). */
export async function writeRequestFiles(opts: RequestFilesOptions): Promise<Map<string, StoredFile>> {
  const flushAt = opts.flushAt ?? FLUSH_AT;
  if (!(flushAt >= 1)) throw new Error(`flushAt must be at least 1, not ${flushAt}`);
  const names = {
    csv: `${opts.dataset}.csv`,
    csvGz: `${opts.dataset}.csv.gz`,
    jsonlGz: `${opts.dataset}.jsonl.gz`,
    parquet: `${opts.dataset}.parquet`,
    open311: OPEN311_REQUESTS,
  };
  const file = (name: string) => {
    const path = join(opts.dir, name);
    return new HashedFile(path, opts.open(path));
  };
  // Pieces zlib has not taken in yet, oldest first: formatting waits on them past MAX_WAITING.
  const waiting: Promise<void>[] = [];
  const gzipped = (name: string) => {
    const target = file(name);
    const stream = new GzipStream((bytes) => target.write(bytes));
    const write = (bytes: Buffer): void => {
      const taken = stream.write(bytes);
      taken.catch(() => {}); // reported where it is awaited, below
      waiting.push(taken);
    };
    return { target, stream, write };
  };

  const csvFile = file(names.csv);
  const parquetFile = file(names.parquet);
  const csvGz = gzipped(names.csvGz);
  const jsonlGz = gzipped(names.jsonlGz);
  const open311Gz = opts.open311Names ? gzipped(names.open311) : null;
  try {
    return await writeAll();
  } catch (err) {
    // Leave no stream running or file open behind (the caller reports the error; the folder is cleaned on the next run).
    for (const gz of [csvGz, jsonlGz, open311Gz]) gz?.stream.destroy();
    for (const f of [csvFile, parquetFile, csvGz.target, jsonlGz.target, open311Gz?.target]) f?.abandon();
    throw err;
  }

  async function writeAll(): Promise<Map<string, StoredFile>> {
    const csv = new Pieces(flushAt, [(b) => csvFile.write(b), csvGz.write]);
    const jsonl = new Pieces(flushAt, [jsonlGz.write]);
    const open311 = open311Gz ? new Pieces(flushAt, [open311Gz.write]) : null;

    const csvLine = csvLiner(opts.columns);
    const jsonLine = jsonLiner(opts.columns);
    const open311Line = opts.open311Names ? open311Liner(opts.open311Names) : null;
    const parquet = new ParquetTable(opts.dataset, opts.typedColumns, (b) => parquetFile.write(b));
    let rows = 0;
    csv.append(csvHeader(opts.columns));
    open311?.append(OPEN311_HEAD);
    for (const r of opts.records) {
      let sent = csv.append(csvLine(r as unknown as Readonly<Record<string, Cell>>));
      sent = jsonl.append(jsonLine(r)) || sent;
      if (open311 && open311Line) sent = open311.append(open311Line(r)) || sent;
      parquet.add(r);
      rows += 1;
      if (sent) {
        while (waiting.length > MAX_WAITING) await waiting.shift();
        // Let finished zlib work hand back its output and take the next piece.
        await turn();
      }
    }
    open311?.append(OPEN311_TAIL);
    csv.flush();
    jsonl.flush();
    open311?.flush();
    parquet.end();
    for (const taken of waiting.splice(0)) await taken;

    const out = new Map<string, StoredFile>();
    out.set(names.csv, csvFile.close(rows));
    out.set(names.parquet, parquetFile.close());
    for (const [name, gz] of [[names.csvGz, csvGz], [names.jsonlGz, jsonlGz], [names.open311, open311Gz]] as const) {
      if (!gz) continue;
      await gz.stream.end();
      out.set(name, gz.target.close());
    }
    return out;
  }
}
