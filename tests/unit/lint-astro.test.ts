/**
 * Lint rule for Astro templates: no `set:html` (it writes a string as raw HTML, so untrusted text
 * would become markup) and no `is:inline` scripts (the CSP forbids inline scripts). A line may opt
 * out only with a comment on the same line that explains why: `glassbox-allow: set:html — <reason>`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** One forbidden construct in a template. */
export interface Finding {
  file: string;
  line: number;
  rule: 'set:html' | 'is:inline';
  text: string;
}

const ALLOW = /glassbox-allow:\s*(set:html|is:inline)\s*[—-]+\s*\S.{8,}/;

/** Lists the forbidden constructs in one template's source, skipping lines with an explained allow comment. */
export function findUnsafe(file: string, source: string): Finding[] {
  const found: Finding[] = [];
  source.split('\n').forEach((text, i) => {
    for (const rule of ['set:html', 'is:inline'] as const) {
      if (!text.includes(rule)) continue;
      const allow = ALLOW.exec(text);
      if (allow && allow[1] === rule) continue;
      found.push({ file, line: i + 1, rule, text: text.trim() });
    }
  });
  return found;
}

/** Every .astro file under a folder, sorted. */
function astroFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.astro'))
    .map((f) => join(dir, f))
    .sort();
}

describe('findUnsafe(file, source)', () => {
  it('flags set:html and is:inline, with file and line', () => {
    const src = '---\n---\n<div set:html={guide.summary} />\n<script is:inline>alert(1)</script>\n';
    expect(findUnsafe('x.astro', src)).toEqual([
      { file: 'x.astro', line: 3, rule: 'set:html', text: '<div set:html={guide.summary} />' },
      { file: 'x.astro', line: 4, rule: 'is:inline', text: '<script is:inline>alert(1)</script>' },
    ]);
  });

  it('accepts a line whose allow comment names the rule and gives a reason', () => {
    const ok = '<Fragment set:html={svg} /> {/* glassbox-allow: set:html — svg is built by D3 from numbers only */}';
    expect(findUnsafe('x.astro', ok)).toEqual([]);
  });

  it('rejects an allow comment without a reason or for the other rule', () => {
    expect(findUnsafe('x.astro', '<div set:html={x} /> <!-- glassbox-allow: set:html -->')).toHaveLength(1);
    expect(findUnsafe('x.astro', '<div set:html={x} /> <!-- glassbox-allow: is:inline — a long enough reason -->')).toHaveLength(1);
  });
});

describe('src/**/*.astro', () => {
  it('uses neither set:html nor is:inline scripts without an explained allow comment', () => {
    const files = astroFiles('src');
    expect(files.length).toBeGreaterThan(10);
    const findings = files.flatMap((f) => findUnsafe(f, readFileSync(f, 'utf8')));
    expect(findings.map((f) => `${f.file}:${f.line} ${f.rule}: ${f.text}`)).toEqual([]);
  });
});
