/**
 * Streams a delimited text file as rows of strings: bytes are decoded chunk by chunk (multi-byte
 * characters split across chunks are safe; a UTF-8 BOM is dropped), then split into rows with
 * exactly PapaParse's rows: quote-free rows and well-formed quoted fields are read directly,
 * anything else by PapaParse itself (quoted fields may span chunks and lines).
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
  /** About how many characters of rows go in one batch (tests use tiny batches). */
  batchChars?: number;
}

/** Header and an async stream of row batches; blank lines are skipped and not counted. */
export interface CsvFile {
  header: string[];
  batches: AsyncGenerator<CsvRow[]>;
  /** The encoding actually used (`auto` resolved). */
  encoding: string;
}

/** Bytes read at a time. */
const DEFAULT_CHUNK = 1024 * 1024;

/**
 * About how many characters of rows go in one batch. Small batches matter for speed: the rows
 * of a batch become garbage soon after the caller has mapped them, while the young generation
 * still collects them cheaply; whole 1 MB chunks of rows outlived collections and ingest ran
 * about 1.5 times slower.
 */
const BATCH_CHARS = 32 * 1024;

/**
 * A copy of `field` that does not keep the text it was cut from alive. V8 represents a substring
 * of 13 or more characters as a view of its parent, so one kept field (an id in a duplicate
 * tracker, a description in a store) keeps its whole piece of decoded text in memory. Use this
 * for strings kept for the whole run; not needed for values only read while mapping a row.
 */
export function detach(field: string): string {
  return field.length < 13 ? field : (' ' + field).slice(1);
}

function isBlank(fields: string[]): boolean {
  return fields.length === 1 && fields[0] === '';
}

/** The line endings a CSV file may use (PapaParse's choice too). */
export type Newline = '\n' | '\r\n' | '\r';

const QUOTE = 0x22;

/**
 * Reads the row at `start` of `text`, which holds a quote character, when every quoted field in
 * it is well-formed (opens at the start of the field, closes right before a delimiter or the
 * newline): pushes its fields to `fields` as PapaParse reads them and returns the index after
 * the row's newline. Returns -1 for anything else (an unterminated or malformed quoted field,
 * or a row not ended by a newline), which PapaParse then reads.
 */
function quotedRow(text: string, start: number, newline: Newline, delimiter: string, fields: string[]): number {
  const dl = delimiter.length;
  if (dl === 0) return -1;
  const len = text.length;
  let cursor = start;
  let nextDelim = text.indexOf(delimiter, cursor);
  let nextNewline = text.indexOf(newline, cursor);
  for (;;) {
    if (text.charCodeAt(cursor) === QUOTE) {
      let q = cursor;
      let doubled = false;
      for (;;) {
        q = text.indexOf('"', q + 1);
        // Unterminated, or a quote at the very end (PapaParse reads it as the end of the text).
        if (q === -1 || q === len - 1) return -1;
        if (text.charCodeAt(q + 1) !== QUOTE) break;
        q += 1;
        doubled = true;
      }
      const value = doubled ? text.slice(cursor + 1, q).replaceAll('""', '"') : text.slice(cursor + 1, q);
      if (text.startsWith(delimiter, q + 1)) {
        fields.push(value);
        cursor = q + 1 + dl;
        if (nextDelim !== -1 && nextDelim < cursor) nextDelim = text.indexOf(delimiter, cursor);
        if (nextNewline !== -1 && nextNewline < cursor) nextNewline = text.indexOf(newline, cursor);
        continue;
      }
      if (text.startsWith(newline, q + 1)) {
        fields.push(value);
        return q + 1 + newline.length;
      }
      return -1;
    }
    if (nextDelim !== -1 && (nextNewline === -1 || nextDelim < nextNewline)) {
      fields.push(text.slice(cursor, nextDelim));
      cursor = nextDelim + dl;
      nextDelim = text.indexOf(delimiter, cursor);
      continue;
    }
    if (nextNewline === -1) return -1;
    fields.push(text.slice(cursor, nextNewline));
    return nextNewline + newline.length;
  }
}

/**
 * Splits `text` (which starts at the start of a row) into rows at `newline` and fields at
 * `delimiter`, with the same rows as PapaParse gives for the whole text; calls `take` for each
 * complete row (and for the last one when `last`). Returns the incomplete last row when not
 * `last`, else "".
 */
export function splitRows(text: string, newline: Newline, delimiter: string, last: boolean, take: (fields: string[]) => void): string {
  const splitter = new RowSplitter(newline, delimiter, take);
  splitter.append(text);
  splitter.split(Infinity, last);
  return last ? '' : splitter.rest();
}

/**
 * Splits the rows of a text that arrives in pieces, a batch at a time, with the same rows as
 * PapaParse gives for the whole text. Rows without a quote character are split directly, rows
 * with well-formed quoted fields by `quotedRow`; any other row is handed to PapaParse, from its
 * start (PapaParse keeps no state between rows, so it may start at any row).
 */
export class RowSplitter {
  private readonly newline: Newline;
  private readonly delimiter: string;
  private readonly take: (fields: string[]) => void;
  /** The text not yet split starts at `pos`. */
  private text = '';
  private pos = 0;
  /** The first quote at or after `pos` (-1: none in `text`; -2: not searched yet). */
  private quote = -2;
  private papa: Papa.Parser | null = null;

  constructor(newline: Newline, delimiter: string, take: (fields: string[]) => void) {
    this.newline = newline;
    this.delimiter = delimiter;
    this.take = take;
  }

  /** Adds text that follows the text so far. */
  append(more: string): void {
    const rest = this.rest();
    this.text = rest === '' ? more : rest + more;
    this.pos = 0;
    this.quote = -2;
  }

  /** Length of `rest()`. */
  restLength(): number {
    return this.text.length - this.pos;
  }

  /** The text not yet split (an incomplete last row, once `split` has returned false). */
  rest(): string {
    return this.pos === 0 ? this.text : this.text.slice(this.pos);
  }

  /**
   * Splits rows until about `chars` characters are done (every row when `last`, the end of the
   * text). Returns true when it stopped early and complete rows may remain; false when the rest
   * is at most one incomplete row (nothing at all after `last`).
   */
  split(chars: number, last: boolean): boolean {
    const { text, newline, delimiter, take } = this;
    const nl = newline.length;
    const dl = delimiter.length;
    const len = text.length;
    if (len === 0) return false;
    let start = this.pos;
    const stop = last ? Infinity : start + chars;
    let quote = this.quote === -2 ? text.indexOf('"', start) : this.quote;
    let more = false;
    for (;;) {
      if (start >= len && !last) break;
      if (start >= stop) {
        more = true;
        break;
      }
      if (quote !== -1 && quote < start) quote = text.indexOf('"', start);
      let end = text.indexOf(newline, start);
      if (quote !== -1 && (end === -1 || quote < end)) {
        const fields: string[] = [];
        const next = quotedRow(text, start, newline, delimiter, fields);
        if (next !== -1) {
          take(fields);
          start = next;
          continue;
        }
        this.papa ??= new Papa.Parser({ delimiter, newline, quoteChar: '"', preview: 1 });
        const result = this.papa.parse(start === 0 ? text : text.slice(start), 0, !last);
        const row = (result.data as string[][])[0];
        if (row === undefined) break;
        take(row);
        start += result.meta.cursor;
        // Not stopped after one row: PapaParse read to the end of the text (only when `last`).
        if (!result.meta.truncated) {
          start = len;
          break;
        }
        continue;
      }
      if (end === -1) {
        if (!last) break;
        end = len;
      }
      if (dl === 0) take(text.slice(start, end).split(delimiter));
      else {
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
      }
      start = end + nl;
      if (end === len) break;
    }
    this.pos = Math.min(start, len);
    this.quote = quote;
    return more;
  }
}

/** Opens `path` and reads its header row; the rows follow in `batches`. */
export async function openCsv(path: string, opts: CsvOptions = {}): Promise<CsvFile> {
  const declared = opts.encoding ?? 'utf-8';
  const encoding = declared === 'auto' ? detectEncoding(await readHead(path)) : declared;
  const chunks = decodeFile(path, encoding, opts.chunkSize ?? DEFAULT_CHUNK, opts.onBytes);
  // PapaParse replaces a delimiter it cannot use by a comma; so does this reader.
  const delimiter = Papa.BAD_DELIMITERS.includes(opts.delimiter ?? ',') ? ',' : (opts.delimiter ?? ',');
  // Line endings are detected from the first line, before any row is split.
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
  const newline: Newline = nl > 0 && pending[nl - 1] === '\r' ? '\r\n' : nl === -1 && pending.includes('\r') ? '\r' : '\n';

  let rowNumber = -1;
  let header: string[] | null = null;
  let queue: CsvRow[] = [];
  /** The rows split so far, handed on as one batch. */
  const takeQueue = (): CsvRow[] => {
    const batch = queue;
    queue = [];
    return batch;
  };
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
  const splitter = new RowSplitter(newline, delimiter, takeRow);
  const batchChars = opts.batchChars ?? BATCH_CHARS;
  splitter.append(pending);
  let finished = false;
  /** Splits the next batch of rows into `queue`, reading text as needed; false once the file is done. */
  const pump = async (): Promise<boolean> => {
    while (!finished) {
      if (done) {
        splitter.split(Infinity, true);
        finished = true;
        return true;
      }
      if (splitter.split(batchChars, false)) return true;
      // The rest is an incomplete row: read on, at least as much text as the rest holds, so a
      // row longer than a piece (a long quoted field, or one left open) is re-read only while
      // it doubles: linear time overall.
      const parts: string[] = [];
      let size = 0;
      while (size === 0 || size < splitter.restLength()) {
        const next = await chunks.next();
        if (next.done) {
          done = true;
          break;
        }
        parts.push(next.value);
        size += next.value.length;
      }
      if (parts.length) splitter.append(parts.length === 1 ? (parts[0] ?? '') : parts.join(''));
      // Rows split so far are handed on before more are split.
      if (queue.length) return true;
    }
    return false;
  };

  while (header === null) {
    if (!(await pump())) break;
  }
  if (header === null) throw new Error(`${path}: the file is empty (expected a header row)`);
  const finalHeader: string[] = header;
  const first = takeQueue();

  async function* batches(): AsyncGenerator<CsvRow[]> {
    try {
      if (first.length) yield first;
      while (await pump()) if (queue.length) yield takeQueue();
    } finally {
      // Closes the file when the caller stops early.
      await chunks.return(undefined);
    }
  }
  return { header: finalHeader, batches: batches(), encoding };
}
