import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The monorepo root: the nearest directory at or above `from` that holds `nx.json`. */
export function findRepoRoot(from: string = __dirname): string {
  let dir = from;
  for (;;) {
    if (existsSync(join(dir, 'nx.json'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no nx.json found at or above ${from}`);
    dir = parent;
  }
}

/** Where the generated document is committed, relative to the repo root. */
export const ASYNCAPI_DOCUMENT_PATH = 'docs/asyncapi/asyncapi.yaml';
