/**
 * Text written to disk a piece at a time: appended a line at a time, encoded into pieces of about
 * a mebibyte handed to sinks (a file, gzip streams), so no string or buffer as large as the file
 * is ever built. The bytes equal Buffer.from(all appended text joined, 'utf8') as long as no
 * surrogate pair is split between two appends (append whole lines).
 */
import { FLUSH_AT } from './growing-bytes.ts';
import { HashedFile, type FileWriter, type StoredFile } from './stored-file.ts';

/** Room past a piece's size, so that most lines are encoded in place (longer ones go out on their own). */
const SLACK = 1 << 16;

/**
 * Text appended a line at a time, encoded straight into a buffer (no long string is built) and
 * handed to its sinks in pieces of about `flushAt` bytes. A sink owns each piece it is given.
 */
export class Pieces {
  private readonly flushAt: number;
  private readonly sinks: readonly ((bytes: Buffer) => void)[];
  private buffer: Buffer;
  private at = 0;

  constructor(flushAt: number, sinks: readonly ((bytes: Buffer) => void)[]) {
    if (!(flushAt >= 1)) throw new Error(`flushAt must be at least 1, not ${flushAt}`);
    this.flushAt = flushAt;
    this.sinks = sinks;
    this.buffer = Buffer.allocUnsafe(flushAt + SLACK);
  }

  /** Appends whole lines; true when a piece went out. */
  append(text: string): boolean {
    // A UTF-16 code unit takes at most 3 bytes of UTF-8.
    const most = 3 * text.length;
    let sent = false;
    if (this.at + most > this.buffer.length) sent = this.flush();
    if (most > this.buffer.length) {
      this.send(Buffer.from(text, 'utf8'));
      return true;
    }
    this.at += this.buffer.write(text, this.at, 'utf8');
    return this.at >= this.flushAt ? this.flush() : sent;
  }

  /** Sends what is pending (call once more at the end); true when a piece went out. */
  flush(): boolean {
    if (this.at === 0) return false;
    const piece = this.buffer.subarray(0, this.at);
    this.buffer = Buffer.allocUnsafe(this.flushAt + SLACK);
    this.at = 0;
    this.send(piece);
    return true;
  }

  private send(piece: Buffer): void {
    for (const sink of this.sinks) sink(piece);
  }
}

/** Writes the texts, in order, to `path` through `open`; returns the file as stored. */
export function writeTextFile(path: string, open: (path: string) => FileWriter, texts: Iterable<string>, flushAt: number = FLUSH_AT): StoredFile {
  const file = new HashedFile(path, open(path));
  const pieces = new Pieces(flushAt, [(b) => file.write(b)]);
  for (const t of texts) pieces.append(t);
  pieces.flush();
  return file.close();
}
