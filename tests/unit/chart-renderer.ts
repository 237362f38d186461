/**
 * Test harness shared by the chart render tests: a Vite server with Astro's plugins and Astro's
 * container API, rendering a chart component from src/components/charts/ to HTML.
 */
import { getViteConfig } from 'astro/config';
import { createServer } from 'vite';
import { fileURLToPath } from 'node:url';
import type * as AstroContainerModule from 'astro/container';

export interface ChartRenderer {
  /** Renders `src/components/charts/<name>.astro` with `props`; source-location attributes removed. */
  render: (name: string, props: Record<string, unknown>) => Promise<string>;
  /** Renders any project component by its path from the root ("/src/components/Pagination.astro"). */
  renderFile: (path: string, props: Record<string, unknown>) => Promise<string>;
  /** Loads a project module through the same server (for chart maths used by a test). */
  load: (path: string) => Promise<unknown>;
  close: () => Promise<void>;
}

/** Starts the renderer; call close() in afterAll. */
export async function startChartRenderer(): Promise<ChartRenderer> {
  const root = fileURLToPath(new URL('../../', import.meta.url));
  const config = await getViteConfig(
    { server: { middlewareMode: true, hmr: false, ws: false }, appType: 'custom', logLevel: 'silent' },
    { root, logLevel: 'silent' },
  )({ command: 'serve', mode: 'test' });
  const server = await createServer({ ...config, configFile: false });
  const { experimental_AstroContainer } = (await server.ssrLoadModule('astro/container')) as typeof AstroContainerModule;
  const container = await experimental_AstroContainer.create();
  const renderFile = async (path: string, props: Record<string, unknown>): Promise<string> => {
    const mod = (await server.ssrLoadModule(path)) as { default: Parameters<typeof container.renderToString>[0] };
    const html = await container.renderToString(mod.default, { props });
    return html.replace(/ data-astro-source-(file|loc)="[^"]*"/g, '');
  };
  return {
    render: (name, props) => renderFile(`/src/components/charts/${name}.astro`, props),
    renderFile,
    load: (path) => server.ssrLoadModule(path),
    close: () => server.close(),
  };
}
