/**
 * RFC 4180 CSV writing: a field is quoted when it holds a comma, quote, CR or LF, and
 * quotes are doubled. Line endings and the byte-order mark are the caller's choice,
 * because each raw export has its own.
 */

const NEEDS_QUOTES = /[",\r\n]/;

/** One field, quoted only if RFC 4180 requires it. */
export function csvField(value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** One record without its line ending. */
export function csvRecord(fields: readonly string[]): string {
  return fields.map(csvField).join(',');
}

/** Where generated text goes: a file being written in chunks, or memory in tests. */
export interface TextSink {
  write(text: string): void;
  close(): void;
}

/** Format of one export file. */
export interface CsvFormat {
  /** Line ending after every record, including the last. */
  eol: '\r\n' | '\n';
  /** Whether the file starts with a UTF-8 byte-order mark. */
  bom: boolean;
}

/** Writes records to a sink in one export format, counting data records. */
export class CsvWriter {
  records = 0;
  private readonly sink: TextSink;
  private readonly eol: string;
  constructor(sink: TextSink, format: CsvFormat, header: readonly string[]) {
    this.sink = sink;
    this.eol = format.eol;
    sink.write((format.bom ? '\uFEFF' : '') + csvRecord(header) + format.eol);
  }
  /** Appends one data record. */
  write(fields: readonly string[]): void {
    this.sink.write(csvRecord(fields) + this.eol);
    this.records++;
  }
  close(): void {
    this.sink.close();
  }
}
