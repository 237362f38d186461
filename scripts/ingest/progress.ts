/**
 * Progress of long reads: one updating line on a terminal (rows, MB, rows/s), nothing in CI
 * or when stderr is a file. The clock and the stream are passed in.
 */

/** Receives counts as a source is read. */
export interface Progress {
  /** Called with the totals so far for `label`. */
  update: (label: string, rows: number, bytes: number) => void;
  /** Ends the line (after the last update of a source). */
  done: () => void;
}

/** A progress sink that does nothing. */
export const silentProgress: Progress = { update: () => {}, done: () => {} };

/** The one-line text for a progress update. */
export function progressLine(label: string, rows: number, bytes: number, seconds: number): string {
  const rate = seconds > 0 ? Math.round(rows / seconds) : 0;
  return `ingest ${label}: ${rows.toLocaleString('en-US')} rows, ${(bytes / 1_048_576).toFixed(1)} MB, ${rate.toLocaleString('en-US')} rows/s`;
}

/** An updating line on `stream`, redrawn at most every `everyMs`. */
export function lineProgress(stream: { write: (s: string) => unknown }, now: () => number, everyMs = 250): Progress {
  const start = now();
  let last = -Infinity;
  let shown = false;
  return {
    update(label, rows, bytes) {
      const t = now();
      if (t - last < everyMs) return;
      last = t;
      shown = true;
      stream.write(`\r\x1b[K${progressLine(label, rows, bytes, (t - start) / 1000)}`);
    },
    done() {
      if (shown) stream.write('\n');
      shown = false;
      last = -Infinity;
    },
  };
}

/** Line progress when stderr is a terminal and CI is not set; otherwise silent. */
export function defaultProgress(): Progress {
  if (!process.stderr.isTTY || process.env['CI']) return silentProgress;
  return lineProgress(process.stderr, () => performance.now());
}
