import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The monorepo root (holds nx.json), from sources (Jest) or from dist/. */
export function repoRoot(from = __dirname): string {
  let dir = from;
  while (!existsSync(join(dir, 'nx.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no nx.json above ${from}`);
    dir = parent;
  }
  return dir;
}

export function repoPath(...segments: string[]): string {
  return join(repoRoot(), ...segments);
}
