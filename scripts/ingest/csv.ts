/**
 * Streams a delimited text file as rows of strings: bytes are decoded with a streaming
 * TextDecoder (multi-byte characters split across chunks are safe; a UTF-8 BOM is dropped),
 * then parsed with PapaParse's incremental parser (quoted fields may span chunks and lines).
 */
import Papa from 'papaparse';
import { decodeFile, detectEncoding, readHead } from './encoding.ts';

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
  /** Told the number of bytes read after each chunk (progress). */
  onBytes?: (n: number) => void;
}

/** Header and an async stream of row batches; blank lines are skipped and not counted. */
export interface CsvFile {
  header: string[];
  batches: AsyncGenerator<CsvRow[]>;
  /** The encoding actually used (`auto` resolved). */
  encoding: string;
}

function isBlank(fields: string[]): boolean {
  return fields.length === 1 && fields[0] === '';
}

/**
 * Splits quote-free `text` into rows at `newline` and fields at `delimiter`, as PapaParse does
 * for input without quotes; calls `take` for each complete row (and for the last one when
 * `last`). Returns the incomplete last row when not `last`, else "".
 */
export function splitRows(text: string, newline: string, delimiter: string, last: boolean, take: (fields: string[]) => void): string {
  const nl = newline.length;
  const dl = delimiter.length;
  if (text === '') return '';
  let start = 0;
  for (;;) {
    let end = text.indexOf(newline, start);
    if (end === -1) {
      if (!last) return start === 0 ? text : text.slice(start);
      end = text.length;
    }
    if (dl === 0) {
      take(text.slice(start, end).split(delimiter));
      if (end === text.length) return '';
      start = end + nl;
      continue;
    }
    const fields: string[] = [];
    let from = start;
    for (;;) {
      const at = text.indexOf(delimiter, from);
      if (at === -1 || at >= end) break;
      fields.push(text.slice(from, at));
      from = at + dl;
    }
    fields.push(text.slice(from, end));
    take(fields);
    if (end === text.length) return '';
    start = end + nl;
  }
}

/** Opens `path` and reads its header row; the rows follow in `batches`. */
export async function openCsv(path: string, opts: CsvOptions = {}): Promise<CsvFile> {
  const declared = opts.encoding ?? 'utf-8';
  const encoding = declared === 'auto' ? detectEncoding(await readHead(path)) : declared;
  const chunks = decodeFile(path, encoding, opts.chunkSize ?? 1024 * 1024, opts.onBytes);
  // PapaParse replaces a delimiter it cannot use by a comma; so does the quote-free path.
  const delimiter = Papa.BAD_DELIMITERS.includes(opts.delimiter ?? ',') ? ',' : (opts.delimiter ?? ',');
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
  const takeRow = (fields: string[]): void => {
    if (isBlank(fields)) return;
    if (header === null) {
      header = fields.map((f) => f.trim());
      rowNumber = 0;
      return;
    }
    rowNumber += 1;
    queue.push({ row: rowNumber, fields });
  };
  /** Parses complete rows of `text`; returns the unparsed tail (an incomplete last row). */
  const feed = (text: string, last: boolean): string => {
    // Text without a quote character is split directly: the same rows as PapaParse's own "fast mode".
    if (!text.includes('"')) return splitRows(text, newline, delimiter, last, takeRow);
    const result = parser.parse(text, 0, !last);
    for (const fields of result.data as string[][]) takeRow(fields);
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
  return { header: finalHeader, batches: batches(), encoding };
}
