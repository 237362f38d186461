/**
 * The built pages, read once for the page gates (links, titles, html, csp), and a small tag
 * tokenizer that is enough for built Astro output: comments skipped, raw text of script/style/
 * title captured, foreign (SVG/MathML) content marked so an SVG <title> is not a page title.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

export interface Page {
  /** Path relative to dist, forward slashes, e.g. "services/x/index.html". */
  file: string;
  html: string;
}

export interface Tag {
  /** Lower-case element name. */
  name: string;
  /** Attribute names lower-cased, values with character references decoded. */
  attrs: Map<string, string>;
  /** Offset of "<" in the page. */
  offset: number;
  /** Inside <svg> or <math>. */
  foreign: boolean;
  /** Raw text of script/style and of an HTML title (decoded for title), up to its end tag. */
  text?: string;
}

/** Every file under `dir` (relative paths, forward slashes, sorted), skipping folders named in `skip`. */
export function listFiles(dir: string, skip: readonly string[] = []): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) {
        if (!(d === dir && skip.includes(name))) walk(path);
      } else out.push(relative(dir, path).split(sep).join('/'));
    }
  };
  walk(dir);
  return out;
}

/** Reads every HTML page of a built site (the Pagefind folder holds none of ours). */
export function readPages(dist: string): Page[] {
  return listFiles(dist, ['pagefind'])
    .filter((f) => f.endsWith('.html'))
    .map((file) => ({ file, html: readFileSync(join(dist, file), 'utf8') }));
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** Decodes numeric and the common named character references. */
export function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, ref: string) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : m;
    }
    return NAMED[ref.toLowerCase()] ?? m;
  });
}

const RAW = new Set(['script', 'style', 'textarea', 'title']);
const ATTR = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/y;

/** Start tags of a page, in order. */
export function parseTags(html: string): Tag[] {
  const tags: Tag[] = [];
  let foreignDepth = 0;
  let i = 0;
  while ((i = html.indexOf('<', i)) >= 0) {
    if (html.startsWith('<!--', i)) {
      const end = html.indexOf('-->', i + 4);
      i = end < 0 ? html.length : end + 3;
      continue;
    }
    if (html[i + 1] === '!' || html[i + 1] === '?') {
      const end = html.indexOf('>', i);
      i = end < 0 ? html.length : end + 1;
      continue;
    }
    const close = html[i + 1] === '/';
    const m = /^[a-zA-Z][^\s/>]*/.exec(html.slice(i + (close ? 2 : 1), i + 80));
    if (!m) {
      i++;
      continue;
    }
    const name = m[0].toLowerCase();
    let j = i + (close ? 2 : 1) + m[0].length;
    if (close) {
      if ((name === 'svg' || name === 'math') && foreignDepth > 0) foreignDepth--;
      const end = html.indexOf('>', j);
      i = end < 0 ? html.length : end + 1;
      continue;
    }
    const attrs = new Map<string, string>();
    let selfClosing = false;
    for (;;) {
      while (j < html.length && /\s/.test(html[j] ?? '')) j++;
      if (j >= html.length) break;
      if (html[j] === '>') {
        j++;
        break;
      }
      if (html[j] === '/') {
        selfClosing = html[j + 1] === '>';
        j++;
        continue;
      }
      ATTR.lastIndex = j;
      const a = ATTR.exec(html);
      if (!a) {
        j++;
        continue;
      }
      const key = (a[1] ?? '').toLowerCase();
      if (!attrs.has(key)) attrs.set(key, decodeEntities(a[2] ?? a[3] ?? a[4] ?? ''));
      j = ATTR.lastIndex;
    }
    const foreign = foreignDepth > 0 || name === 'svg' || name === 'math';
    const tag: Tag = { name, attrs, offset: i, foreign: foreignDepth > 0 };
    if ((name === 'svg' || name === 'math') && !selfClosing) foreignDepth++;
    if (RAW.has(name) && !foreign) {
      const endRe = new RegExp(`</${name}\\s*>`, 'ig');
      endRe.lastIndex = j;
      const end = endRe.exec(html);
      const text = html.slice(j, end ? end.index : html.length);
      tag.text = name === 'title' || name === 'textarea' ? decodeEntities(text) : text;
      j = end ? endRe.lastIndex : html.length;
    }
    tags.push(tag);
    i = j;
  }
  return tags;
}

/** 1-based line and column of `offset` in `text`. */
export function lineCol(text: string, offset: number): { line: number; col: number } {
  let line = 1;
  let last = -1;
  for (let k = text.indexOf('\n'); k >= 0 && k < offset; k = text.indexOf('\n', k + 1)) {
    line++;
    last = k;
  }
  return { line, col: offset - last };
}

/** "a, b, c and 4 more": a capped list for messages. */
export function capList(items: readonly string[], max = 5): string {
  const shown = items.slice(0, max).join(', ');
  return items.length > max ? `${shown} and ${items.length - max} more` : shown;
}
