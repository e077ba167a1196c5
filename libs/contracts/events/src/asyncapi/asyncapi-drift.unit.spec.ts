import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateAsyncApiDocument } from './generate-asyncapi';
import { ASYNCAPI_DOCUMENT_PATH, findRepoRoot } from './repo-root';

describe(ASYNCAPI_DOCUMENT_PATH, () => {
  it('matches the document generated from the event contracts', () => {
    const file = join(findRepoRoot(), ASYNCAPI_DOCUMENT_PATH);
    const committed = existsSync(file) ? readFileSync(file, 'utf8') : '';
    const generated = generateAsyncApiDocument();
    if (committed !== generated) {
      throw new Error(
        `${ASYNCAPI_DOCUMENT_PATH} is ${committed ? 'out of date' : 'missing'}. ` +
          'Run `npm run asyncapi:generate` and commit the result.',
      );
    }
  });
});
