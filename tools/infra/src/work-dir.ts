import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { isPidAlive, readCommandLine, signalPid, waitForPidExit } from './managed-process';

/** Prefix of throw-away (non-persistent) infrastructure dirs. */
export const THROWAWAY_PREFIX = 'voltlane-infra-';
const OWNER_FILE = 'owner.json';

interface OwnerRecord {
  ownerPid: number;
  /** Pids of the processes started inside the dir. */
  pids: number[];
}

/**
 * Creates a throw-away dir `<parent>/voltlane-infra-XXXXXX`, mode 0755 so an unprivileged
 * PostgreSQL user can traverse it, recording our pid so a later run can sweep it if we die.
 */
export function createThrowawayDir(parent: string = tmpdir()): string {
  mkdirSync(parent, { recursive: true });
  const dir = mkdtempSync(join(parent, THROWAWAY_PREFIX));
  chmodSync(dir, 0o755);
  writeOwner(dir, { ownerPid: process.pid, pids: [] });
  return dir;
}

/** Records a child pid in a throw-away dir so a later sweep can end it if we die. */
export function recordChildPid(dir: string, pid: number): void {
  const owner = readOwner(dir);
  if (owner) writeOwner(dir, { ...owner, pids: [...owner.pids, pid] });
}

/**
 * Removes throw-away dirs whose owner process is gone (its teardown never ran: crash, SIGKILL,
 * CI timeout), first ending any of their processes that are still running (identified by pid AND
 * by a command line that mentions the dir, so a recycled pid is never signalled).
 */
export async function sweepStaleThrowawayDirs(
  parent: string = tmpdir(),
  log: (msg: string) => void = () => undefined,
): Promise<void> {
  let names: string[];
  try {
    names = readdirSync(parent).filter((name) => name.startsWith(THROWAWAY_PREFIX));
  } catch {
    return;
  }
  for (const name of names) {
    const dir = join(parent, name);
    const owner = readOwner(dir);
    if (!owner || owner.ownerPid === process.pid || isPidAlive(owner.ownerPid)) continue;
    const orphans = owner.pids.filter((pid) => readCommandLine(pid)?.includes(dir));
    for (const pid of orphans) signalPid(pid, 'SIGKILL');
    for (const pid of orphans) await waitForPidExit(pid, 5000);
    rmSync(dir, { recursive: true, force: true });
    log(
      `removed stale ${dir} of dead process ${owner.ownerPid}` +
        (orphans.length > 0 ? ` (killed orphans ${orphans.join(', ')})` : ''),
    );
  }
}

/**
 * Claims a persistent service dir (e.g. `<workDir>/kafka`) for this process. Processes a previous
 * owner left running there are stopped (gracefully, then SIGKILL); when that owner is still alive
 * the dir is in use and this throws.
 */
export async function claimPersistentDir(
  dir: string,
  gracefulSignal: NodeJS.Signals,
  log: (msg: string) => void,
): Promise<void> {
  mkdirSync(dir, { recursive: true, mode: 0o755 });
  const owner = readOwner(dir);
  if (owner) {
    const running = owner.pids.filter((pid) => readCommandLine(pid)?.includes(dir));
    if (running.length > 0) {
      if (owner.ownerPid !== process.pid && isPidAlive(owner.ownerPid)) {
        throw new Error(
          `${dir} is in use by process ${owner.ownerPid} (running pids ${running.join(', ')}); ` +
            'stop that one first or use another workDir',
        );
      }
      log(`stopping processes ${running.join(', ')} left running in ${dir} by a previous run`);
      for (const pid of running) signalPid(pid, gracefulSignal);
      for (const pid of running) {
        if (!(await waitForPidExit(pid, 15_000))) {
          signalPid(pid, 'SIGKILL');
          await waitForPidExit(pid, 5000);
        }
      }
    }
  }
  writeOwner(dir, { ownerPid: process.pid, pids: [] });
}

/** Root of the download cache shared by all clones on this machine (outside any clone). */
export function cacheRoot(): string {
  if (process.env.VOLTLANE_CACHE_DIR) return process.env.VOLTLANE_CACHE_DIR;
  const xdg = process.env.XDG_CACHE_HOME;
  return join(xdg && xdg !== '' ? xdg : join(homedir(), '.cache'), 'voltlane');
}

/** Default workDir of persistent mode (pass a stable path instead where you can). */
export function defaultPersistentDir(): string {
  const uid = typeof process.getuid === 'function' ? process.getuid() : 0;
  return join(tmpdir(), `voltlane-infra-persistent-${uid}`);
}

/** Keeps the previous run's log as `<file>.1` and starts an empty one. */
export function rotateLog(file: string): void {
  if (existsSync(file)) renameSync(file, `${file}.1`);
  writeFileSync(file, '');
}

/** Size of a file in bytes (0 when missing). */
export function fileSize(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

/** The part of a file written after byte `offset`. */
export function readSince(file: string, offset: number): string {
  try {
    return readFileSync(file).subarray(offset).toString('utf8');
  } catch {
    return '';
  }
}

export function readTail(file: string, maxBytes = 64 * 1024): string {
  try {
    const contents = readFileSync(file);
    return contents.subarray(Math.max(0, contents.length - maxBytes)).toString('utf8');
  } catch {
    return '';
  }
}

export function tailLines(file: string, count: number): string {
  const lines = readTail(file).trimEnd().split('\n');
  const tail = lines.slice(Math.max(0, lines.length - count)).join('\n');
  return tail === '' ? `(${file} is empty or missing)` : tail;
}

function readOwner(dir: string): OwnerRecord | undefined {
  try {
    const parsed = JSON.parse(readFileSync(join(dir, OWNER_FILE), 'utf8')) as Partial<OwnerRecord>;
    if (typeof parsed.ownerPid !== 'number' || !Array.isArray(parsed.pids)) return undefined;
    return { ownerPid: parsed.ownerPid, pids: parsed.pids.filter((p) => typeof p === 'number') };
  } catch {
    return undefined;
  }
}

function writeOwner(dir: string, owner: OwnerRecord): void {
  writeFileSync(join(dir, OWNER_FILE), JSON.stringify(owner));
}
