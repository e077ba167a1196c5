import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The monorepo root (holds nx.json), whether this runs from sources (Jest) or from dist/. */
export function findRepoRoot(from = __dirname): string {
  let dir = from;
  while (!existsSync(join(dir, 'nx.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no nx.json above ${from}`);
    dir = parent;
  }
  return dir;
}

/** A compiled entry point under dist/ (built by `node tools/build.mjs`, which `npm test` runs). */
export function distScript(...segments: string[]): string {
  const script = join(findRepoRoot(), 'dist', ...segments);
  if (!existsSync(script))
    throw new Error(`${script} is missing: run \`npm run build\` (npm test does)`);
  return script;
}
