// Completes package-lock.json with the platform-specific optional packages (e.g. @swc/core-darwin-arm64)
// that the registry mirror on our build machines does not serve. npm then leaves them out of the lock
// file, and `npm ci` refuses a lock file that lacks an optional dependency of a locked package. Each
// missing one gets an entry with its version, `optional: true` and the os/cpu/libc its name encodes, so
// `npm ci` accepts the lock and skips the package on every platform it does not fit (as it would with
// a full lock file). Run after `npm install` changes the lock file; `--check` exits 1 if anything is
// missing. See docs/adr/0007-lockfile-platform-packages.md.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const lockPath = join(root, 'package-lock.json');
const lock = JSON.parse(readFileSync(lockPath, 'utf8'));
const check = process.argv.includes('--check');

const OS = [
  'darwin',
  'linux',
  'win32',
  'android',
  'freebsd',
  'openharmony',
  'sunos',
  'aix',
  'netbsd',
  'openbsd',
];
const CPU = ['arm64', 'x64', 'arm', 'ia32', 'ppc64', 's390x', 'riscv64', 'loong64', 'wasm32'];

/** os/cpu/libc from a platform package name such as `core-linux-arm-gnueabihf` or `binding-win32-x64-msvc`. */
export function platformOf(name) {
  const parts = name.split('/').pop().split('-');
  const os = parts.find((p) => OS.includes(p));
  const cpu = parts.find((p) => CPU.includes(p));
  if (!os || !cpu) return null;
  const libc = parts.some((p) => p.startsWith('musl'))
    ? 'musl'
    : parts.some((p) => p.startsWith('gnu'))
      ? 'glibc'
      : undefined;
  return { os: [os], cpu: [cpu], ...(os === 'linux' && libc ? { libc: [libc] } : {}) };
}

const added = [];
for (const [path, entry] of Object.entries(lock.packages)) {
  for (const [dep, range] of Object.entries(entry.optionalDependencies ?? {})) {
    const nested = `${path ? `${path}/` : ''}node_modules/${dep}`;
    const hoisted = `node_modules/${dep}`;
    if (lock.packages[nested] || lock.packages[hoisted]) continue;
    const platform = platformOf(dep);
    if (!platform) continue; // not a platform binary: a real resolution problem, leave it to npm
    if (!/^\d+\.\d+\.\d+(-[\w.]+)?$/.test(range)) continue; // only exact pins are safe to write
    lock.packages[hoisted] = { version: range, optional: true, ...platform };
    added.push(`${dep}@${range}`);
  }
}

if (check) {
  if (added.length > 0) {
    console.error(
      `package-lock.json lacks ${added.length} platform packages; run node tools/lockfile/complete-optional-platform-deps.mjs`,
    );
    process.exit(1);
  }
} else if (added.length > 0) {
  writeFileSync(lockPath, `${JSON.stringify(lock, null, 2)}\n`);
  console.log(`added ${added.length} platform packages to package-lock.json`);
}
