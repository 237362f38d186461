/**
 * Builds the Pagefind index over the built site: `node scripts/build-search.ts [dist]`.
 * One index for both languages (Pagefind splits by each page's <html lang>). Errors name the
 * cause and the fix; the indexer is always closed.
 */
import { close, createIndex } from 'pagefind';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Pagefind's prebuilt UI files, which the site does not use. */
export const unusedBundles = [
  'pagefind-ui.js', 'pagefind-ui.css', 'pagefind-component-ui.js', 'pagefind-component-ui.css',
  'pagefind-modular-ui.js', 'pagefind-modular-ui.css', 'pagefind-highlight.js',
];

/** Indexes every HTML page in `dist` and writes dist/pagefind/. Returns the number of pages. */
export async function buildSearchIndex(dist: string, log: (m: string) => void = console.log): Promise<number> {
  try {
    const { index, errors } = await createIndex({});
    if (!index || errors.length) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
    const added = await index.addDirectory({ path: dist });
    if (added.errors.length) throw new Error(`Pagefind could not index ${dist}: ${added.errors.join('; ')}`);
    if (added.page_count === 0) {
      throw new Error(`Pagefind found no pages in ${dist}/: run "astro build" first, and check that pages mark content with data-pagefind-body`);
    }
    const written = await index.writeFiles({ outputPath: join(dist, 'pagefind') });
    if (written.errors.length) throw new Error(`Pagefind could not write the index: ${written.errors.join('; ')}`);
    // The site ships its own small results list over pagefind.js; Pagefind's prebuilt UI bundles
    // are unused (and carry their translators' email addresses), so they are not published.
    for (const file of unusedBundles) rmSync(join(dist, 'pagefind', file), { force: true });
    log(`search: indexed ${added.page_count} pages into ${dist}/pagefind/`);
    return added.page_count;
  } finally {
    await close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  buildSearchIndex(process.argv[2] ?? 'dist').catch((error: unknown) => {
    console.error(`search: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
