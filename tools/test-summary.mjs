// Prints "N passed, N failed" from the last Jest run's JSON results (tmp/jest-results.json).
// A missing results file (the build or type check failed before Jest ran) counts as one failure.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const file = join(dirname(fileURLToPath(import.meta.url)), '..', 'tmp', 'jest-results.json');
if (!existsSync(file)) {
  console.log('0 passed, 1 failed');
  process.exit(1);
}
const r = JSON.parse(readFileSync(file, 'utf8'));
const failed = r.numFailedTests + r.numRuntimeErrorTestSuites + r.numPendingTests + r.numTodoTests;
console.log(`${r.numPassedTests} passed, ${failed} failed`);
process.exit(failed === 0 && r.success ? 0 : 1);
