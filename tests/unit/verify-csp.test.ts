import { describe, expect, it } from 'vitest';
import { checkCsp, checkCspPage, scriptPolicyProblems } from '../../scripts/verify/csp.ts';

const policy = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'";
const page = (body: string, csp = policy): { file: string; html: string } => ({
  file: 'x/index.html',
  html: `<!doctype html><html lang="en"><head><meta charset="utf-8">\n<meta http-equiv="Content-Security-Policy" content="${csp}"><title>X</title></head><body>${body}</body></html>`,
});

describe('scriptPolicyProblems(policy)', () => {
  it("accepts the site's policy and rejects 'unsafe-inline' or a missing script policy", () => {
    expect(scriptPolicyProblems(policy)).toEqual([]);
    expect(scriptPolicyProblems("default-src 'self'; script-src 'self' 'unsafe-inline'")).toEqual(["script-src allows 'unsafe-inline': remove it"]);
    expect(scriptPolicyProblems("default-src 'self' 'unsafe-inline'")).toEqual(["script-src allows 'unsafe-inline': remove it"]);
    expect(scriptPolicyProblems("img-src 'self'")[0]).toContain('neither script-src nor default-src');
  });
});

describe('checkCspPage(page)', () => {
  it('passes bundled scripts, JSON-LD and inline styles', () => {
    expect(checkCspPage(page('<script type="module" src="/_astro/a.js"></script><script type="application/ld+json">{"@type":"Dataset"}</script><p style="color:red">x</p>'))).toEqual([]);
  });

  it('reports an inline script with file, line and column', () => {
    expect(checkCspPage(page('<script>alert(1)</script>'))).toEqual([
      expect.stringMatching(/^x\/index\.html:2:\d+ inline <script>: the CSP blocks it/),
    ]);
  });

  it('reports an onclick handler and a javascript: URL', () => {
    const problems = checkCspPage(page('<button type="button" onclick="go()">Go</button><a href=" JavaScript:void(0)">x</a>'));
    expect(problems).toHaveLength(2);
    expect(problems[0]).toContain('<button onclick=…> inline event handler');
    expect(problems[1]).toContain('<a href="javascript:…">');
  });

  it("reports a page without the policy, and a policy that allows 'unsafe-inline' scripts", () => {
    expect(checkCsp([{ file: '404.html', html: '<!doctype html><html><head><title>x</title></head></html>' }])).toEqual([
      '404.html: no Content-Security-Policy <meta>: render the page with the Base layout',
    ]);
    expect(checkCspPage(page('', "script-src 'self' 'unsafe-inline'"))[0]).toContain("Content-Security-Policy script-src allows 'unsafe-inline'");
  });

  it('reports a script placed before the policy', () => {
    const p = page('');
    p.html = p.html.replace('<meta charset="utf-8">', '<meta charset="utf-8"><script src="/a.js"></script>');
    expect(checkCspPage(p)[0]).toContain('comes before the Content-Security-Policy <meta>');
  });
});
