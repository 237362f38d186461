import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { templatePages } from '../../scripts/lighthouse.ts';

const root = mkdtempSync(join(tmpdir(), 'glassbox-lighthouse-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Creates empty files at `paths` under `dir`. */
function files(dir: string, paths: readonly string[]): string {
  for (const p of paths) {
    mkdirSync(dirname(join(dir, p)), { recursive: true });
    writeFileSync(join(dir, p), '');
  }
  return dir;
}

describe('templatePages(dist, pagesDir)', () => {
  const pages = files(join(root, 'pages'), [
    'index.astro',
    '404.astro',
    'data/[dataset].astro',
    'departments/[id].astro',
    'departments/[id]/services/index.astro',
    'departments/[id]/services/page/[n].astro',
    'services/page/[n].astro',
    'en/index.astro',
  ]);
  const dist = files(join(root, 'dist'), [
    'index.html',
    'data/api/v1/index.json',
    'data/changes/index.html',
    'departments/civil/index.html',
    'departments/civil/services/index.html',
    'departments/housing/index.html',
    'departments/housing/services/index.html',
    'departments/housing/services/page/2/index.html',
    'services/page/2/index.html',
  ]);

  it('resolves every [param], nested ones too, by the first built page, in both languages', () => {
    const found = templatePages(dist, pages);
    expect(found.filter((p) => !p.startsWith('/en/'))).toEqual([
      '/data/changes/',
      '/departments/civil/',
      '/departments/civil/services/',
      '/departments/housing/services/page/2/',
      '/',
      '/services/page/2/',
    ]);
    expect(found.filter((p) => p.startsWith('/en/')).length).toBe(6);
  });

  it('leaves out a dynamic route with no built page instead of naming the route itself', () => {
    rmSync(join(dist, 'departments/housing/services/page'), { recursive: true });
    const found = templatePages(dist, pages);
    expect(found.some((p) => p.includes('['))).toBe(false);
    expect(found.some((p) => p.includes('/page/') && p.includes('departments'))).toBe(false);
  });
});
