/** Writes a publication to disk: cleans the output folder first, and keeps private files out of public trees. */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

/** File-system effects, passed in so tests can use a temp dir or memory. */
export interface WriteEffects {
  clean(dir: string): void;
  write(path: string, bytes: Uint8Array): void;
}

export const fsEffects: WriteEffects = {
  clean(dir) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
  },
  write(path, bytes) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, bytes);
  },
};

/** True when `child` is `parent` or inside it. */
export function isInside(child: string, parent: string): boolean {
  const rel = relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !rel.startsWith(sep) && !/^[A-Za-z]:/.test(rel));
}

/**
 * Throws unless the private folder is outside the output folder and outside any
 * public/ or dist/ folder of the project root.
 */
export function checkPrivateDir(privateDir: string, outDir: string, root: string): void {
  const p = resolve(privateDir);
  const forbidden: [string, string][] = [
    [resolve(outDir), `the output folder ${outDir}`],
    [resolve(root, 'public'), 'public/'],
    [resolve(root, 'dist'), 'dist/'],
  ];
  for (const [f, label] of forbidden) {
    if (isInside(p, f)) throw new Error(`private folder ${privateDir} must not be inside ${label}: it holds raw quarantined rows and identifiers`);
  }
  if (isInside(resolve(outDir), p)) throw new Error(`output folder ${outDir} must not be inside the private folder ${privateDir}`);
}

/** Cleans `dir` and writes every file of `files` into it, in name order. */
export function writeFolder(dir: string, files: ReadonlyMap<string, Uint8Array>, effects: WriteEffects = fsEffects): void {
  effects.clean(dir);
  for (const name of [...files.keys()].sort()) effects.write(join(dir, name), files.get(name) ?? new Uint8Array());
}
