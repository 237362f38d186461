/** Serves a built dist/ and launches Debian's Chromium for the browser benchmarks. */
import type { AddressInfo } from 'node:net';
import { chromium, type Browser } from 'playwright-core';
import { createStaticServer } from '../scripts/serve.ts';

export interface BenchBrowser {
  base: string;
  browser: Browser;
  close: () => Promise<void>;
}

/** Starts a static server on `dist` and a headless Chromium. */
export async function startBrowser(dist: string): Promise<BenchBrowser> {
  const server = createStaticServer(dist);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const browser = await chromium.launch({
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-gpu'],
  });
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    browser,
    close: async () => {
      await browser.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
