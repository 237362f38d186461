/**
 * Streams a delimited text file as rows of strings: bytes are decoded with a streaming
 * TextDecoder (multi-byte characters split across chunks are safe; a UTF-8 BOM is dropped),
 * then parsed with PapaParse's incremental parser (quoted fields may span chunks and lines).
 */
import { createReadStream } from 'node:fs';
import Papa from 'papaparse';

export interface CsvRow {
  /** 1-based data row number (the header is row 0). */
  row: number;
  fields: string[];
}

export interface CsvOptions {
  encoding?: string;
  delimiter?: string;
  /** Bytes read per chunk (tests use tiny chunks to cross character boundaries). */
  chunkSize?: number;
}

/** Header and an async stream of row batches; blank lines are skipped and not counted. */
export interface CsvFile {
  header: string[];
  batches: AsyncGenerator<CsvRow[]>;
}

function isBlank(fields: string[]): boolean {
  return fields.length === 1 && fields[0] === '';
}

/** Decoded text chunks of `path`; throws naming the file when the bytes are not valid in `encoding`. */
async function* textChunks(path: string, encoding: string, chunkSize: number): AsyncGenerator<string> {
  const decoder = new TextDecoder(encoding, { fatal: true });
  try {
    for await (const chunk of createReadStream(path, { highWaterMark: chunkSize })) {
      const text = decoder.decode(chunk as Buffer, { stream: true });
      if (text) yield text;
    }
    const rest = decoder.decode();
    if (rest) yield rest;
  } catch (e) {
    if (e instanceof TypeError && /decode|encoded/i.test(e.message)) {
      throw new Error(`${path}: the bytes are not valid ${encoding} (hint: set "encoding" in the source description)`, { cause: e });
    }
    throw e;
  }
}

/** Opens `path` and reads its header row; the rows follow in `batches`. */
export async function openCsv(path: string, opts: CsvOptions = {}): Promise<CsvFile> {
  const chunks = textChunks(path, opts.encoding ?? 'utf-8', opts.chunkSize ?? 256 * 1024);
  const delimiter = opts.delimiter ?? ',';
  // Line endings are detected from the first line, before the parser is created.
  let pending = '';
  let done = false;
  while (!pending.includes('\n')) {
    const next = await chunks.next();
    if (next.done) {
      done = true;
      break;
    }
    pending += next.value;
  }
  const nl = pending.indexOf('\n');
  const newline = nl > 0 && pending[nl - 1] === '\r' ? '\r\n' : nl === -1 && pending.includes('\r') ? '\r' : '\n';
  const parser = new Papa.Parser({ delimiter, newline, quoteChar: '"' });

  let rowNumber = -1;
  let header: string[] | null = null;
  const queue: CsvRow[] = [];
  const take = (rows: string[][]): void => {
    for (const fields of rows) {
      if (isBlank(fields)) continue;
      if (header === null) {
        header = fields.map((f) => f.trim());
        rowNumber = 0;
        continue;
      }
      rowNumber += 1;
      queue.push({ row: rowNumber, fields });
    }
  };
  /** Parses complete rows of `text`; returns the unparsed tail (an incomplete last row). */
  const feed = (text: string, last: boolean): string => {
    const result = parser.parse(text, 0, !last);
    take(result.data as string[][]);
    return last ? '' : text.slice(result.meta.cursor);
  };

  let tail = feed(pending, done);
  while (header === null && !done) {
    const next = await chunks.next();
    if (next.done) {
      done = true;
      tail = feed(tail, true);
    } else tail = feed(tail + next.value, false);
  }
  if (header === null) throw new Error(`${path}: the file is empty (expected a header row)`);
  const finalHeader: string[] = header;
  const first = queue.splice(0);

  async function* batches(): AsyncGenerator<CsvRow[]> {
    if (first.length) yield first;
    while (!done) {
      const next = await chunks.next();
      if (next.done) {
        done = true;
        tail = feed(tail, true);
      } else tail = feed(tail + next.value, false);
      if (queue.length) yield queue.splice(0);
    }
  }
  return { header: finalHeader, batches: batches() };
}
