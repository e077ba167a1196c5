// Fast build: transpile every project with SWC into dist/ (type checking is `npm run typecheck`),
// then make `@voltlane/*` imports resolvable at run time through dist/node_modules stubs that
// point at the compiled library entry points (the same mapping as tsconfig.base.json "paths").
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const sources = ['apps', 'libs', 'tools', 'bench'].filter((d) => existsSync(join(root, d)));

// dist/ is not wiped: running processes (tests, benchmarks) may be executing from it.
execFileSync(
  process.execPath,
  [
    join(root, 'node_modules/@swc/cli/bin/swc.js'),
    ...sources,
    '-d',
    'dist',
    '--copy-files',
    '--ignore',
    '**/*.spec.ts',
    '--config-file',
    '.swcrc',
    '--quiet',
  ],
  { cwd: root, stdio: 'inherit' },
);

const { compilerOptions } = JSON.parse(readFileSync(join(root, 'tsconfig.base.json'), 'utf8'));
for (const [name, [target]] of Object.entries(compilerOptions.paths)) {
  const stubDir = join(dist, 'node_modules', name);
  mkdirSync(stubDir, { recursive: true });
  const compiled = join(dist, target.replace(/\.ts$/, '.js'));
  writeFileSync(
    join(stubDir, 'index.js'),
    `module.exports = require(${JSON.stringify('./' + relative(stubDir, compiled))});\n`,
  );
}
