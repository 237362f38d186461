/**
 * Accessibility: axe-core with the WCAG 2.0/2.1/2.2 A and AA tags, on one page per template in
 * both languages (a documented sample: every template, not every guide), with JavaScript on.
 * No rule is excluded.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPage, start, type Harness } from './browser.ts';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const templates = ['', 'departments/', 'departments/market/', 'departments/market/services/', 'clients/', 'services/', 'services/page/2/', 'services/business-licence/', 'rules/', 'data/', 'methodology/', 'search/', 'quality/', 'about/', 'embed/city-on-time/', 'embed/dept-market-close/'];

let h: Harness;
let firstRule = '';
beforeAll(async () => {
  h = await start();
  const rules = readFileSync('dist/rules/index.html', 'utf8').match(/href="\/rules\/([a-z0-9-]+)\/"/);
  firstRule = rules ? `rules/${rules[1]}/` : '';
});
afterAll(async () => {
  await h?.close();
});

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

describe('accessibility (axe, wcag2a wcag2aa wcag21aa wcag22aa)', () => {
  for (const prefix of ['/', '/en/']) {
    it(`has zero violations on every template under ${prefix}`, async () => {
      const pages = [...templates, ...(firstRule ? [firstRule] : [])].map((p) => prefix + p);
      const found: string[] = [];
      // The page's CSP forbids inline scripts, so injecting axe needs the test-only bypass.
      const { page } = await openPage(h, { bypassCSP: true });
      for (const path of pages) {
        await page.goto(h.base + path, { waitUntil: 'networkidle' });
        await page.addScriptTag({ content: axeSource });
        const violations = await page.evaluate(async () => {
          const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: AxeViolation[] }> } }).axe;
          const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa'] } });
          return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => ({ target: n.target })) }));
        });
        for (const v of violations) found.push(`${path}: ${v.id} (${v.impact}) ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      }
      await page.context().close();
      expect(found).toEqual([]);
    });
  }
});
