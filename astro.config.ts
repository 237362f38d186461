import { defineConfig } from 'astro/config';
import react from '@astrojs/react';
import sitemap from '@astrojs/sitemap';

// Static output only: every page is plain HTML built from published data.
export default defineConfig({
  site: 'https://glassbox.example.org',
  output: 'static',
  trailingSlash: 'always',
  build: { format: 'directory' },
  // The sitemap lists every page in both languages (no lastmod, so builds stay byte-identical).
  integrations: [react(), sitemap({ i18n: { defaultLocale: 'zh-CN', locales: { 'zh-CN': 'zh-CN', en: 'en' } } })],
  i18n: {
    defaultLocale: 'zh-CN',
    locales: ['zh-CN', 'en'],
    routing: { prefixDefaultLocale: false },
  },
  // Never inline scripts into pages, so a Content-Security-Policy can forbid inline scripts.
  vite: { build: { assetsInlineLimit: 0 } },
});
