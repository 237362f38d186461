/**
 * Shared set-up for browser tests: serves dist/ on a free loopback port and launches Debian's
 * Chromium through playwright-core (never a downloaded browser).
 */
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createStaticServer } from '../../scripts/serve.ts';

export const chromiumPath = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

export interface Harness {
  base: string;
  browser: Browser;
  close: () => Promise<void>;
}

/** Starts the server and the browser; fails with the fix when dist/ or Chromium is missing. */
export async function start(dist = 'dist'): Promise<Harness> {
  if (!existsSync(`${dist}/index.html`)) throw new Error(`${dist}/index.html is missing: run "npm run build" before the browser tests`);
  if (!existsSync(chromiumPath)) throw new Error(`${chromiumPath} is missing: install Debian's chromium (apt-get install chromium)`);
  const server = createStaticServer(dist);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-gpu', '--no-first-run', '--disable-sync'],
  });
  return {
    base: `http://127.0.0.1:${port}`,
    browser,
    close: async () => {
      await browser.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * Opens a page that records console errors, uncaught exceptions and dialogs. `bypassCSP` is only for
 * tests that inject their own tooling (axe); the site itself is always tested under its CSP.
 */
export async function openPage(
  h: Harness,
  options: { javaScriptEnabled?: boolean; bypassCSP?: boolean } = {},
): Promise<{ page: Page; errors: string[] }> {
  const context = await h.browser.newContext({ javaScriptEnabled: options.javaScriptEnabled ?? true, bypassCSP: options.bypassCSP ?? false });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(`console: ${msg.text()}`);
  });
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
  page.on('dialog', (d) => {
    errors.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  return { page, errors };
}
