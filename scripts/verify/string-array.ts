/**
 * Reads a JSON array of strings from a file a piece at a time, yielding one string at a time:
 * private/identifier-values.json holds ~20M values at 10M requests (hundreds of MB), too much for
 * one JSON.parse. Accepts any JSON formatting (publish writes one value a line, tests write one
 * line) and throws, naming the file and offset, on anything that is not an array of strings.
 */
import { closeSync, openSync, readSync } from 'node:fs';

const WHITESPACE = new Set([0x20, 0x09, 0x0a, 0x0d]);

/** The strings of the JSON array in the file at `path`, in order; `chunkBytes` is the read size. */
export function* readStringArray(path: string, chunkBytes = 4 << 20): Generator<string> {
  const fd = openSync(path, 'r');
  try {
    // ignoreBOM keeps a byte-order mark in the text, so it is refused as JSON.parse refuses it.
    const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
    const bytes = new Uint8Array(chunkBytes);
    let text = '';
    /** Offset in the file's text of text[0], for error messages. */
    let consumed = 0;
    let at = 0;
    let eof = false;
    // States: before '[', before a value or ']', after a value (',' or ']'), after ']'.
    let state: 'open' | 'first' | 'value' | 'after' | 'closed' = 'open';
    const fail = (what: string): never => {
      throw new Error(`${path}: not a JSON array of strings (${what} at character ${consumed + at})`);
    };
    /** Appends the next piece of the file to `text`, dropping what is before `at`; false at the end of the file. */
    const more = (): boolean => {
      if (eof) return false;
      consumed += at;
      text = text.slice(at);
      at = 0;
      const n = readSync(fd, bytes, 0, bytes.length, null);
      if (n === 0) eof = true;
      text += n === 0 ? decoder.decode() : decoder.decode(bytes.subarray(0, n), { stream: true });
      return true;
    };
    for (;;) {
      while (at < text.length && WHITESPACE.has(text.charCodeAt(at))) at++;
      if (at >= text.length) {
        if (more()) continue;
        break;
      }
      const c = text.charCodeAt(at);
      if (state === 'open') {
        if (c !== 0x5b) fail('expected [');
        at++;
        state = 'first';
      } else if (state === 'after') {
        if (c === 0x2c) state = 'value';
        else if (c === 0x5d) state = 'closed';
        else fail('expected , or ]');
        at++;
      } else if (state === 'closed') {
        fail('text after ]');
      } else if (c === 0x5d && state === 'first') {
        at++;
        state = 'closed';
      } else if (c === 0x22) {
        // A string: find its closing quote, reading on while it is not in `text` yet.
        let end = -1;
        let escaped = false;
        let k = at + 1;
        for (;;) {
          for (; k < text.length; k++) {
            const d = text.charCodeAt(k);
            if (escaped) escaped = false;
            else if (d === 0x5c) escaped = true;
            else if (d === 0x22) {
              end = k;
              break;
            } else if (d < 0x20) fail('control character in a string');
          }
          if (end >= 0) break;
          const before = at;
          if (!more()) fail('unterminated string');
          k -= before;
        }
        const literal = text.slice(at, end + 1);
        yield literal.includes('\\') ? (JSON.parse(literal) as string) : literal.slice(1, -1);
        at = end + 1;
        state = 'after';
      } else fail('expected a string');
    }
    if (state !== 'closed') fail('unexpected end');
  } finally {
    closeSync(fd);
  }
}
