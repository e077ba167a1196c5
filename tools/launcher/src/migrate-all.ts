import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { resolveInfrastructure } from '@voltlane/infra';
import { findRepoRoot } from './repo-root';
import { SERVICE_CATALOG, serviceEnvironment } from './service.catalog';

/** `npm run migrate`: applies every service's migrations against the same infrastructure as `npm start`. */
async function main(): Promise<void> {
  const root = findRepoRoot();
  const infra = await resolveInfrastructure({
    persistent: true,
    workDir: join(root, '.voltlane', 'infra'),
    log: (m) => process.stdout.write(`${m}\n`),
  });
  let failed = false;
  try {
    for (const entry of SERVICE_CATALOG) {
      const result = spawnSync(
        process.execPath,
        [join(root, 'dist', 'apps', entry.name, 'src', 'migrate.js')],
        {
          env: serviceEnvironment(entry, infra, process.env),
          stdio: 'inherit',
        },
      );
      if (result.status !== 0) failed = true;
    }
  } finally {
    await infra.stop();
  }
  process.exit(failed ? 1 : 0);
}

void main();
