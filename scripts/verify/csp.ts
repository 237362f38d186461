/**
 * Content-Security-Policy gate: every page carries a CSP <meta> (before any script) whose script
 * policy forbids inline code, and no page relies on inline code that such a policy would block:
 * inline <script> (JSON-LD data blocks excepted), on*= event handler attributes, javascript: URLs.
 */
import { parseTags, lineCol, type Page } from './pages.ts';

/** Attributes whose value is a URL, where a javascript: URL would run code. */
const URL_ATTRS = new Set(['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'poster', 'srcdoc']);

/** The value without ASCII whitespace and control characters, as browsers read a URL's scheme. */
const stripControls = (v: string): string => [...v].filter((c) => c.charCodeAt(0) > 0x20).join('');

/** Parses a policy into directive → source list (first occurrence wins, as in browsers). */
export function parsePolicy(policy: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name && !out.has(name.toLowerCase())) out.set(name.toLowerCase(), values);
  }
  return out;
}

/** What in a policy lets scripts run inline or from strings (empty when the policy is strict enough). */
export function scriptPolicyProblems(policy: string): string[] {
  const p = parsePolicy(policy);
  const problems: string[] = [];
  const fallback = p.get('script-src') ?? p.get('default-src');
  if (!fallback) problems.push('has neither script-src nor default-src, so any script may run: add script-src \'self\'');
  const lists: [string, string[] | undefined][] = [
    ['script-src', fallback],
    ['script-src-elem', p.get('script-src-elem')],
    ['script-src-attr', p.get('script-src-attr')],
  ];
  for (const [name, list] of lists) {
    for (const bad of ["'unsafe-inline'", "'unsafe-eval'", '*', 'data:', 'http:', 'https:']) {
      if (list?.some((v) => v.toLowerCase() === bad)) problems.push(`${name} allows ${bad}: remove it`);
    }
  }
  return [...new Set(problems)];
}

/** Inline-code and policy problems of one page, as "file:line:col what: fix". */
export function checkCspPage(page: Page): string[] {
  const problems: string[] = [];
  const at = (offset: number): string => {
    const { line, col } = lineCol(page.html, offset);
    return `${page.file}:${line}:${col}`;
  };
  let policyAt = -1;
  let firstScript = -1;
  for (const tag of parseTags(page.html)) {
    if (tag.name === 'meta' && tag.attrs.get('http-equiv')?.toLowerCase() === 'content-security-policy') {
      if (policyAt >= 0) problems.push(`${at(tag.offset)} second Content-Security-Policy <meta>: keep only the layout's`);
      else policyAt = tag.offset;
      for (const p of scriptPolicyProblems(tag.attrs.get('content') ?? '')) problems.push(`${at(tag.offset)} Content-Security-Policy ${p}`);
    }
    if (tag.name === 'script') {
      if (firstScript < 0) firstScript = tag.offset;
      const type = (tag.attrs.get('type') ?? '').trim().toLowerCase();
      if (!tag.attrs.has('src') && type !== 'application/ld+json') {
        problems.push(`${at(tag.offset)} inline <script>: the CSP blocks it; move the code to a <script> Astro bundles into a file (no is:inline), or give it a src`);
      }
    }
    for (const [name, value] of tag.attrs) {
      if (/^on[a-z]+$/.test(name)) {
        problems.push(`${at(tag.offset)} <${tag.name} ${name}=…> inline event handler: the CSP blocks it; attach the listener with addEventListener in a bundled script`);
      }
      if (URL_ATTRS.has(name) && /^javascript:/i.test(stripControls(value))) {
        problems.push(`${at(tag.offset)} <${tag.name} ${name}="javascript:…">: the CSP blocks it; use a real URL or a button with a bundled listener`);
      }
    }
  }
  if (policyAt < 0) problems.push(`${page.file}: no Content-Security-Policy <meta>: render the page with the Base layout`);
  else if (firstScript >= 0 && firstScript < policyAt) {
    problems.push(`${at(firstScript)} <script> comes before the Content-Security-Policy <meta>, which only governs what follows it: keep the meta first in <head>`);
  }
  return problems;
}

/** The CSP gate over every page. */
export function checkCsp(pages: readonly Page[]): string[] {
  return pages.flatMap(checkCspPage);
}
