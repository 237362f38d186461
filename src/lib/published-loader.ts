/**
 * A content-layer loader over a published JSON Lines document (one entry with an `id` a line), so the
 * guide and rule pages are built from the same files that are offered for download.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Loader } from 'astro/loaders';

/** Loads `public/data/<file>`; each entry is validated by the collection's schema. */
export function publishedLoader(file: string): Loader {
  return {
    name: `published:${file}`,
    load: async ({ store, parseData, logger }) => {
      const path = join(process.cwd(), 'public', 'data', file);
      if (!existsSync(path)) {
        // `astro check` may run before any build; `npm run build` always publishes first.
        logger.warn(`${path} is missing: run \`npm run data\` (the pipeline publishes it) before \`astro build\``);
        return;
      }
      const lines = readFileSync(path, 'utf8').split('\n').filter((l) => l.trim() !== '');
      const entries = lines.map((l) => JSON.parse(l) as { id: string });
      store.clear();
      for (const entry of entries) {
        const data = await parseData({ id: entry.id, data: entry as unknown as Record<string, unknown> });
        store.set({ id: entry.id, data });
      }
    },
  };
}
