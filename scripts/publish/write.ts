/**
 * Writes a publication to disk: cleans the output folder first, and keeps private files out of
 * public trees. Files already on disk (stored-file.ts) are copied, or left where they are.
 */
import { closeSync, copyFileSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import type { FileWriter, PublishedFile } from './stored-file.ts';

/** File-system effects, passed in so tests can use a temp dir or memory. */
export interface WriteEffects {
  clean(dir: string): void;
  write(path: string, bytes: Uint8Array): void;
  /** Copies a file written earlier (default: read it and write()). */
  copy?(from: string, to: string): void;
  /** Opens a file to write in pieces, creating its folder; without it the pipeline builds large files in memory. */
  open?(path: string): FileWriter;
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
  copy(from, to) {
    mkdirSync(dirname(to), { recursive: true });
    copyFileSync(from, to);
  },
  open(path) {
    mkdirSync(dirname(path), { recursive: true });
    const fd = openSync(path, 'w');
    return {
      write(bytes) {
        for (let at = 0; at < bytes.byteLength; ) at += writeSync(fd, bytes, at);
      },
      close() {
        closeSync(fd);
      },
    };
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
export function writeFolder(dir: string, files: ReadonlyMap<string, PublishedFile>, effects: WriteEffects = fsEffects): void {
  for (const file of files.values()) {
    if (!(file instanceof Uint8Array) && isInside(resolve(file.path), resolve(dir))) throw new Error(`${file.path} was written inside ${dir}, which writeFolder cleans first: write into a cleaned folder with writeFiles`);
  }
  effects.clean(dir);
  writeFiles(dir, files, effects);
}

/** Writes every file of `files` into `dir`, in name order, without cleaning it: a file already at its place stays. */
export function writeFiles(dir: string, files: ReadonlyMap<string, PublishedFile>, effects: WriteEffects = fsEffects): void {
  for (const name of [...files.keys()].sort()) {
    const file = files.get(name) ?? new Uint8Array();
    const path = join(dir, name);
    if (file instanceof Uint8Array) effects.write(path, file);
    else if (resolve(file.path) !== resolve(path)) {
      if (effects.copy) effects.copy(file.path, path);
      else effects.write(path, readFileSync(file.path));
    }
  }
}
