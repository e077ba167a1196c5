import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { findExecutable, isExecutable } from './executable.locator';

const DEBIAN_ROOT = '/usr/lib/postgresql';
const REQUIRED = ['initdb', 'postgres', 'pg_ctl', 'pg_isready', 'psql', 'createdb'];

/** Picks the highest numeric version directory name (`15`, `16`, `9.6`), ignoring others. */
export function pickHighestVersion(names: string[]): string | undefined {
  const versions = names.filter((name) => /^\d+(\.\d+)?$/.test(name));
  versions.sort((a, b) => compareVersions(b, a));
  return versions[0];
}

function compareVersions(a: string, b: string): number {
  const [aMajor = 0, aMinor = 0] = a.split('.').map(Number);
  const [bMajor = 0, bMinor = 0] = b.split('.').map(Number);
  return aMajor - bMajor || aMinor - bMinor;
}

/**
 * The PostgreSQL server bin dir: `$VOLTLANE_PG_BIN_DIR`, else the newest
 * `/usr/lib/postgresql/<version>/bin` (Debian/Ubuntu layout), else the dir of `initdb` on PATH.
 */
export function locatePostgresBinDir(): string {
  const tried: string[] = [];
  const candidates: string[] = [];
  if (process.env.VOLTLANE_PG_BIN_DIR) candidates.push(process.env.VOLTLANE_PG_BIN_DIR);
  if (existsSync(DEBIAN_ROOT)) {
    const withInitdb = readdirSync(DEBIAN_ROOT).filter((name) =>
      isExecutable(join(DEBIAN_ROOT, name, 'bin', 'initdb')),
    );
    const version = pickHighestVersion(withInitdb);
    if (version) candidates.push(join(DEBIAN_ROOT, version, 'bin'));
  } else {
    tried.push(`${DEBIAN_ROOT} (missing)`);
  }
  const initdbOnPath = findExecutable('initdb');
  if (initdbOnPath) candidates.push(dirname(initdbOnPath));
  for (const dir of candidates) {
    const missing = REQUIRED.filter((tool) => !isExecutable(join(dir, tool)));
    if (missing.length === 0) return dir;
    tried.push(`${dir} (missing ${missing.join(', ')})`);
  }
  throw new Error(
    'No PostgreSQL server binaries found (install the Debian package postgresql, or set ' +
      `VOLTLANE_PG_BIN_DIR)${tried.length > 0 ? `; looked in ${tried.join('; ')}` : ''}`,
  );
}
