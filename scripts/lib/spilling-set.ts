/**
 * A set of strings held within a memory budget: values go into a StringSet; when it holds more
 * than `budget` bytes, its values are written, sorted, as a run file in `dir` and the set starts
 * afresh. `sorted()` merges the runs and what is still in memory into one stream of distinct values
 * in code-unit order (the order of Array.prototype.sort), exactly what StringSet.sorted() of all
 * the values gives — so memory stays near the budget however many values come (the identifier
 * values of 10M requests are ~20M strings: ~600 MB in one StringSet, plus its sort).
 *
 * Runs hold each value as a 4-byte length in UTF-16 code units and the code units (UTF-16LE), so
 * every string — lone surrogates too — reads back as it was. The run files are deleted once
 * `sorted()` has been read to its end, or by `dispose()`. The caller chooses `dir`: the values may
 * be personal data, so it belongs in the private output folder, never a shared temporary one.
 */
import { closeSync, mkdirSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { StringSet } from '../ingest/string-set.ts';

/** Bytes written or read at a time. */
const PIECE = 1 << 20;
/** Check the set's size every this many adds (memoryBytes is cheap, not free). */
const CHECK_EVERY = 4096;

/** Writes `values` to a new run file at `path`. */
function writeRun(path: string, values: Iterable<string>): void {
  const fd = openSync(path, 'w');
  try {
    let buf = Buffer.allocUnsafe(PIECE);
    let at = 0;
    for (const v of values) {
      const need = 4 + 2 * v.length;
      if (at + need > buf.length) {
        writeSync(fd, buf, 0, at);
        at = 0;
        if (need > buf.length) buf = Buffer.allocUnsafe(need);
      }
      buf.writeUInt32LE(v.length, at);
      at += 4;
      at += buf.write(v, at, 'utf16le');
    }
    if (at > 0) writeSync(fd, buf, 0, at);
  } finally {
    closeSync(fd);
  }
}

/** Reads a run file back, a value at a time. */
function* readRun(path: string): Generator<string> {
  const fd = openSync(path, 'r');
  try {
    let buf = Buffer.allocUnsafe(PIECE);
    let start = 0;
    let end = 0;
    let eof = false;
    for (;;) {
      if (end - start < 4 || end - start < 4 + 2 * buf.readUInt32LE(start)) {
        if (eof) {
          if (end > start) throw new Error(`${path}: the run file ends inside a value (it was changed while in use?)`);
          return;
        }
        // Move the partial value to the front, grow if one value needs more room, read on.
        const need = end - start >= 4 ? 4 + 2 * buf.readUInt32LE(start) : 4;
        const next = need > buf.length ? Buffer.allocUnsafe(need) : buf;
        buf.copy(next, 0, start, end);
        buf = next;
        end -= start;
        start = 0;
        const n = readSync(fd, buf, end, buf.length - end, null);
        if (n === 0) eof = true;
        end += n;
        continue;
      }
      const units = buf.readUInt32LE(start);
      yield buf.toString('utf16le', start + 4, start + 4 + 2 * units);
      start += 4 + 2 * units;
    }
  } finally {
    closeSync(fd);
  }
}

export class SpillingStringSet {
  private set = new StringSet();
  private readonly dir: string;
  private readonly budget: number;
  private readonly runs: string[] = [];
  private adds = 0;

  /** `dir` is made on the first spill and removed after `sorted()` or `dispose()`. */
  constructor(dir: string, budget: number) {
    this.dir = dir;
    this.budget = budget;
  }

  /** Adds `s` (a value already in a run may come again: the merge drops repeats). */
  add(s: string): this {
    this.set.add(s);
    if (++this.adds % CHECK_EVERY === 0 && this.set.memoryBytes() > this.budget) this.spill();
    return this;
  }

  /** Run files written so far. */
  get spills(): number {
    return this.runs.length;
  }

  /** Writes the values in memory as a sorted run and starts an empty set. */
  private spill(): void {
    if (this.runs.length === 0) mkdirSync(this.dir, { recursive: true });
    const path = join(this.dir, `run-${this.runs.length}`);
    writeRun(path, this.set.sorted());
    this.runs.push(path);
    this.set = new StringSet();
  }

  /**
   * Every distinct value in code-unit order, read once: the runs and the set in memory merged
   * (each is sorted and distinct, so a value equal to the last one given is a repeat across them).
   */
  sorted(): Iterable<string> {
    if (this.runs.length === 0) return this.set.sorted();
    const sources: Iterator<string>[] = [...this.runs.map((p) => readRun(p)), this.set.sorted()[Symbol.iterator]()];
    const dispose = () => this.dispose();
    return {
      *[Symbol.iterator]() {
        try {
          const heads: (string | null)[] = sources.map((s) => {
            const r = s.next();
            return r.done ? null : r.value;
          });
          let last: string | null = null;
          for (;;) {
            // A handful of runs: a linear pick of the least head is cheaper than a heap.
            let k = -1;
            for (let i = 0; i < heads.length; i++) {
              const h = heads[i] ?? null;
              if (h !== null && (k < 0 || h < (heads[k] as string))) k = i;
            }
            if (k < 0) return;
            const v = heads[k] as string;
            const r = (sources[k] as Iterator<string>).next();
            heads[k] = r.done ? null : r.value;
            if (v !== last) yield v;
            last = v;
          }
        } finally {
          for (const s of sources) s.return?.();
          dispose();
        }
      },
    };
  }

  /** Removes the run files (and their folder) and forgets the values. */
  dispose(): void {
    if (this.runs.length > 0) rmSync(this.dir, { recursive: true, force: true });
    this.runs.length = 0;
    this.set = new StringSet();
  }
}
