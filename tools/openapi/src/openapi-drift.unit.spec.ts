import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateOpenApiJson } from './generate-openapi';
import { OPENAPI_DIR, repoRoot } from './repo-root';
import { discoverServiceApps } from './service-apps';

const apps = discoverServiceApps();

describe(OPENAPI_DIR, () => {
  it('has one document per service in apps/ and no other', () => {
    const committed = existsSync(join(repoRoot(), OPENAPI_DIR))
      ? readdirSync(join(repoRoot(), OPENAPI_DIR)).filter((f) => f.endsWith('.json'))
      : [];
    expect(committed.sort()).toEqual(apps.map((a) => `${a.name}.json`).sort());
  });

  it.each(apps.map((a) => [a.name, a] as const))(
    '%s.json matches the document generated from the code',
    async (name, app) => {
      const file = join(repoRoot(), OPENAPI_DIR, `${name}.json`);
      const committed = existsSync(file) ? readFileSync(file, 'utf8') : '';
      const generated = await generateOpenApiJson(app);
      if (committed !== generated) {
        throw new Error(
          `${OPENAPI_DIR}/${name}.json is ${committed ? 'out of date' : 'missing'}. ` +
            'Run `npx nx run openapi:generate` and commit the result.',
        );
      }
    },
  );
});
