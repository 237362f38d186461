/**
 * Files published straight to disk while they are made (the request-level files, hundreds of
 * megabytes at a million rows). The publication keeps their path, size and SHA-256 (and a CSV's
 * record count) instead of their bytes, so its memory does not grow with the rows; whatever reads
 * the publication's files (checksums, datapackage.json, meta.json, the release) takes either.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

/** A published file already on disk. */
export interface StoredFile {
  /** Where it was written. */
  readonly path: string;
  readonly byteLength: number;
  /** Hex SHA-256 of its bytes. */
  readonly sha256: string;
  /** For a CSV: its records less the header, as csvRecords (release/summary.ts) counts them. */
  readonly csvRecords?: number;
}

/** A published file: its bytes, or where they were written. */
export type PublishedFile = Uint8Array | StoredFile;

/** The bytes of a published file, read back from disk when stored (only for files known to be small). */
export function bytesOf(file: PublishedFile): Uint8Array {
  return file instanceof Uint8Array ? file : readFileSync(file.path);
}

/** Where a file's bytes go (WriteEffects.open in write.ts). */
export interface FileWriter {
  write(bytes: Uint8Array): void;
  close(): void;
}

/** A file written through a FileWriter, its SHA-256 and size computed on the way. */
export class HashedFile {
  readonly path: string;
  private readonly writer: FileWriter;
  private readonly hash = createHash('sha256');
  private length = 0;
  private closed = false;

  constructor(path: string, writer: FileWriter) {
    this.path = path;
    this.writer = writer;
  }

  write(bytes: Uint8Array): void {
    this.hash.update(bytes);
    this.writer.write(bytes);
    this.length += bytes.byteLength;
  }

  /** Closes the file after a failure, once, ignoring any error of its own (the first error is the one to report). */
  abandon(): void {
    if (this.closed) return;
    this.closed = true;
    try {
      this.writer.close();
    } catch {
      // already failing: the caller rethrows the original error
    }
  }

  /** Closes the file and describes it (csvRecords for a CSV). */
  close(csvRecords?: number): StoredFile {
    this.closed = true;
    this.writer.close();
    const file = { path: this.path, byteLength: this.length, sha256: this.hash.digest('hex') };
    return csvRecords === undefined ? file : { ...file, csvRecords };
  }
}
