import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { generateAsyncApiDocument } from './generate-asyncapi';
import { ASYNCAPI_DOCUMENT_PATH, findRepoRoot } from './repo-root';

/**
 * `npm run asyncapi:generate` writes docs/asyncapi/asyncapi.yaml;
 * with `--check` it only compares and exits 1 when the committed file is missing or stale.
 */
function main(argv: readonly string[]): number {
  const check = argv.includes('--check');
  const target = join(findRepoRoot(), ASYNCAPI_DOCUMENT_PATH);
  const generated = generateAsyncApiDocument();

  if (check) {
    const current = existsSync(target) ? readFileSync(target, 'utf8') : undefined;
    if (current === generated) {
      process.stdout.write(`${ASYNCAPI_DOCUMENT_PATH} is up to date\n`);
      return 0;
    }
    process.stderr.write(
      `${ASYNCAPI_DOCUMENT_PATH} is ${current === undefined ? 'missing' : 'out of date'}: ` +
        'run `npm run asyncapi:generate` and commit the result\n',
    );
    return 1;
  }

  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, generated);
  process.stdout.write(`wrote ${ASYNCAPI_DOCUMENT_PATH}\n`);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
