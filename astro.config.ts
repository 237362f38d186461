import { defineConfig } from 'astro/config';
import react from '@astrojs/react';

// Static output only: every page is plain HTML built from published data.
export default defineConfig({
  site: 'https://glassbox.example.org',
  output: 'static',
  trailingSlash: 'always',
  build: { format: 'directory' },
  integrations: [react()],
  i18n: {
    defaultLocale: 'zh-CN',
    locales: ['zh-CN', 'en'],
    routing: { prefixDefaultLocale: false },
  },
});
