import { defineConfig } from 'vitest/config';

// Browser tests drive Debian's Chromium through playwright-core against the built dist/.
export default defineConfig({
  test: {
    include: ['tests/browser/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
