import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { runCommand, runCommandOrThrow } from './command.runner';
import type { Logger, ProvisionedPostgres } from './infrastructure.types';
import { sleep, startManagedProcess, type ManagedProcess } from './managed-process';
import { findFreePorts, isPortFree } from './net.utils';
import { locatePostgresBinDir } from './postgres-bin.locator';
import { fileSize, readSince, rotateLog, tailLines } from './work-dir';

export const DATABASE_NAME = 'voltlane';
const SUPERUSER = 'postgres';
/** sun_path is 108 bytes including the terminating NUL. */
const MAX_SOCKET_PATH = 107;

export interface PostgresLocalOptions {
  /** This cluster's own dir: `data/` (the cluster) and `postgres.log`. Created if missing. */
  dir: string;
  persistent: boolean;
  /** Fixed port (persistent default 5432; tests: a free port). */
  port?: number;
  log: Logger;
  /** Called with the postmaster's pid as soon as it runs (for orphan sweeping). */
  onPid?: (pid: number) => void;
  startTimeoutMs?: number;
}

/** Unprivileged OS account the server runs as when we are root (initdb and postgres refuse root). */
interface OsAccount {
  name: string;
  uid: number;
  gid: number;
}

/**
 * A throw-away (or, when persistent, reused) PostgreSQL cluster from the machine's server binaries:
 * initdb once, then the postmaster runs as our direct child (so it is stopped by pid and cannot be
 * orphaned, see managed-process.ts), and `pg_ctl stop -m fast` stops it.
 */
export async function provisionLocalPostgres(
  options: PostgresLocalOptions,
): Promise<ProvisionedPostgres> {
  const { dir, persistent, log } = options;
  const provisioningStarted = Date.now();
  const binDir = locatePostgresBinDir();
  const bin = (tool: string) => join(binDir, tool);
  const account = serverAccount();
  const asServer = account ? { uid: account.uid, gid: account.gid } : {};
  const dataDir = join(dir, 'data');
  const logFile = join(dir, 'postgres.log');
  const env = serverEnv(dir);

  mkdirSync(dir, { recursive: true, mode: 0o755 });
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  if (account) {
    chownSync(dataDir, account.uid, account.gid);
    const reachable = await runCommand('test', ['-w', dataDir], { ...asServer, cwd: '/', env });
    if (reachable.code !== 0) {
      throw new Error(
        `OS user ${account.name} cannot reach ${dataDir}: every parent dir must be searchable by ` +
          'it (mode o+x). Pick a workDir outside e.g. /root, or chmod the parents.',
      );
    }
  }
  rotateLog(logFile);

  if (existsSync(join(dataDir, 'PG_VERSION'))) {
    log(`reusing PostgreSQL cluster in ${dataDir}`);
  } else {
    const started = Date.now();
    await runCommandOrThrow(
      bin('initdb'),
      [
        '-D',
        dataDir,
        '-A',
        'trust',
        '-U',
        SUPERUSER,
        '-E',
        'UTF8',
        '--locale=C',
        '--no-instructions',
        ...(persistent ? [] : ['--no-sync']),
      ],
      { ...asServer, cwd: dir, env, timeoutMs: 120_000, label: `initdb ${dataDir}` },
    );
    log(`initdb ${dataDir} in ${seconds(started)}s`);
  }

  const explicitPort = options.port ?? (persistent ? 5432 : undefined);
  const attempts = explicitPort === undefined ? 2 : 1;
  for (let attempt = 1; ; attempt++) {
    const port = await choosePort(explicitPort);
    const started = Date.now();
    const logOffset = fileSize(logFile);
    const postmaster = await startManagedProcess({
      command: bin('postgres'),
      args: ['-D', dataDir, ...serverSettings(dataDir, port, persistent)],
      cwd: dir,
      env,
      outputFile: logFile,
      // SIGINT = fast shutdown: roll back sessions, checkpoint, exit.
      parentDeathSignal: 'SIGINT',
      ...asServer,
    });
    options.onPid?.(postmaster.pid);
    try {
      await waitUntilAccepting(postmaster, port, options.startTimeoutMs ?? 60_000);
      await ensureDatabase(port);
    } catch (error) {
      await postmaster.stop('SIGQUIT', 5000);
      const portTaken = /Address already in use/.test(readSince(logFile, logOffset));
      if (portTaken && attempt < attempts) {
        log(`PostgreSQL port ${port} was taken meanwhile, retrying on a new port`);
        continue;
      }
      throw error;
    }
    log(
      `PostgreSQL (local, pid ${postmaster.pid}) ready on 127.0.0.1:${port} in ` +
        `${seconds(provisioningStarted)}s (server start ${seconds(started)}s), log ${logFile}`,
    );
    return {
      databaseUrl: `postgres://${SUPERUSER}@127.0.0.1:${port}/${DATABASE_NAME}`,
      logFile,
      stop: () => stopPostmaster(postmaster),
    };
  }

  async function waitUntilAccepting(
    postmaster: ManagedProcess,
    port: number,
    timeoutMs: number,
  ): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let last = '';
    while (Date.now() < deadline) {
      if (postmaster.hasExited()) {
        const { code, signal } = await postmaster.exited;
        throw new Error(
          `PostgreSQL exited during start-up (${signal ?? `code ${code}`})\n${diagnostics()}`,
        );
      }
      const ready = await runCommand(
        bin('pg_isready'),
        ['-h', '127.0.0.1', '-p', String(port), '-U', SUPERUSER, '-d', 'postgres', '-t', '2'],
        { env, timeoutMs: 5000 },
      );
      if (ready.code === 0) return;
      last = ready.output.trim();
      await sleep(100);
    }
    throw new Error(
      `PostgreSQL did not accept connections on 127.0.0.1:${port} within ${timeoutMs / 1000}s ` +
        `(pg_isready: ${last})\n${diagnostics()}`,
    );
  }

  async function ensureDatabase(port: number): Promise<void> {
    const connection = ['-h', '127.0.0.1', '-p', String(port), '-U', SUPERUSER];
    const exists = await runCommandOrThrow(
      bin('psql'),
      [
        '-X',
        ...connection,
        '-d',
        'postgres',
        '-v',
        'ON_ERROR_STOP=1',
        '-tAc',
        `select 1 from pg_database where datname = '${DATABASE_NAME}'`,
      ],
      { env, timeoutMs: 30_000, label: `psql (looking up database ${DATABASE_NAME})` },
    );
    if (exists.trim() === '1') return;
    await runCommandOrThrow(bin('createdb'), [...connection, DATABASE_NAME], {
      env,
      timeoutMs: 30_000,
      label: `createdb ${DATABASE_NAME}`,
    });
  }

  async function stopPostmaster(postmaster: ManagedProcess): Promise<void> {
    if (postmaster.hasExited()) return;
    const result = await runCommand(
      bin('pg_ctl'),
      ['stop', '-D', dataDir, '-m', 'fast', '-w', '-t', '30'],
      { ...asServer, cwd: dir, env, timeoutMs: 40_000 },
    );
    if (result.code !== 0)
      log(`pg_ctl stop failed, signalling pid ${postmaster.pid}: ${result.output.trim()}`);
    // Reaps our child; falls back to signals when pg_ctl could not stop it.
    await postmaster.stop('SIGINT', 15_000);
  }

  function diagnostics(): string {
    return `--- tail of ${logFile} ---\n${tailLines(logFile, 30)}`;
  }
}

/** Command-line settings of the postmaster. Test clusters trade durability for speed. */
export function serverSettings(dataDir: string, port: number, persistent: boolean): string[] {
  const socketPath = join(dataDir, `.s.PGSQL.${port}`);
  const settings: Record<string, string | number> = {
    port,
    listen_addresses: '127.0.0.1',
    // Unix socket next to the data (private to this cluster); off when the path is too long.
    unix_socket_directories: socketPath.length <= MAX_SOCKET_PATH ? dataDir : '',
    max_connections: 300,
  };
  if (!persistent) {
    Object.assign(settings, { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off' });
  }
  return Object.entries(settings).flatMap(([name, value]) => ['-c', `${name}=${value}`]);
}

function serverAccount(): OsAccount | undefined {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return undefined;
  const name = process.env.VOLTLANE_PG_OS_USER ?? 'postgres';
  const lookup = (flag: string) => {
    try {
      return Number(execFileSync('id', [flag, name], { encoding: 'utf8' }).trim());
    } catch {
      throw new Error(
        `running as root, and PostgreSQL refuses root: OS user ${name} is needed but does not ` +
          'exist (create it, or set VOLTLANE_PG_OS_USER to another unprivileged user)',
      );
    }
  };
  return { name, uid: lookup('-u'), gid: lookup('-g') };
}

/** Our environment without libpq variables (PGHOST, PGPASSWORD, ...) that would redirect the tools. */
function serverEnv(home: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith('PG')) env[key] = value;
  }
  // The server account cannot read root's home; give it (and psql's history/rc lookups) ours.
  env.HOME = home;
  env.LC_ALL = 'C';
  return env;
}

function seconds(since: number): string {
  return ((Date.now() - since) / 1000).toFixed(1);
}

async function choosePort(explicitPort: number | undefined): Promise<number> {
  if (explicitPort === undefined) return (await findFreePorts(1))[0]!;
  if (!(await isPortFree(explicitPort))) {
    throw new Error(
      `port 127.0.0.1:${explicitPort} is in use; pass another postgresPort or stop what holds it`,
    );
  }
  return explicitPort;
}
