import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateOpenApiJson } from './generate-openapi';
import { OPENAPI_DIR, repoRoot } from './repo-root';
import { discoverServiceApps } from './service-apps';

/**
 * Writes docs/openapi/<service>.json for every service in apps/ (run from dist/ after
 * `node tools/build.mjs`); with `--check` only compares and exits 1 on any drift.
 */
async function main(argv: readonly string[]): Promise<number> {
  const check = argv.includes('--check');
  const dir = join(repoRoot(), OPENAPI_DIR);
  const apps = discoverServiceApps();
  const wanted = new Set(apps.map((a) => `${a.name}.json`));
  let drift = 0;
  mkdirSync(dir, { recursive: true });
  for (const app of apps) {
    const file = join(dir, `${app.name}.json`);
    const generated = await generateOpenApiJson(app);
    const current = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
    if (current === generated) continue;
    drift++;
    if (check)
      process.stderr.write(
        `${OPENAPI_DIR}/${app.name}.json is ${current === undefined ? 'missing' : 'out of date'}\n`,
      );
    else writeFileSync(file, generated);
  }
  for (const stale of readdirSync(dir).filter((f) => f.endsWith('.json') && !wanted.has(f))) {
    drift++;
    if (check) process.stderr.write(`${OPENAPI_DIR}/${stale} belongs to no service in apps/\n`);
    else rmSync(join(dir, stale));
  }
  if (check && drift > 0) {
    process.stderr.write('run `npx nx run openapi:generate` and commit the result\n');
    return 1;
  }
  process.stdout.write(
    check
      ? `${OPENAPI_DIR} is up to date (${apps.length} services)\n`
      : `${OPENAPI_DIR}: ${drift} file(s) written or removed\n`,
  );
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(
      `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 1;
  },
);
