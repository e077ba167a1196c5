// Runs the whole Jest suite and ends with one plain line "N passed, N failed" computed from Jest's
// JSON results, so CI logs show how many tests really ran. Extra arguments are passed to Jest.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'tmp', 'jest-results.json');
mkdirSync(dirname(out), { recursive: true });
rmSync(out, { force: true });

const jest = spawnSync(
  process.execPath,
  [
    join(root, 'node_modules/jest/bin/jest.js'),
    '--json',
    `--outputFile=${out}`,
    ...process.argv.slice(2),
  ],
  { cwd: root, stdio: 'inherit' },
);

if (existsSync(out)) {
  const results = JSON.parse(readFileSync(out, 'utf8'));
  const pending = results.numPendingTests + results.numTodoTests;
  if (pending > 0)
    console.error(`${pending} tests were skipped or todo: skipped tests are not allowed`);
}
// Same line as tools/test-summary.mjs (skipped and todo tests count as failures).
const summary = spawnSync(process.execPath, [join(root, 'tools', 'test-summary.mjs')], {
  stdio: 'inherit',
});
process.exit(jest.status === 0 && summary.status === 0 ? 0 : 1);
