import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const made: string[] = [];

/** A new temporary folder holding `files` (relative path -> contents; folders made as needed). */
export function tempTree(prefix: string, files: Record<string, string | Buffer>): string {
  const root = mkdtempSync(join(tmpdir(), prefix));
  made.push(root);
  for (const [name, body] of Object.entries(files)) {
    const path = join(root, name);
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, body);
  }
  return root;
}

/** Removes every folder tempTree made (call it in afterAll). */
export function removeTempTrees(): void {
  for (const root of made.splice(0)) rmSync(root, { recursive: true, force: true });
}
