import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { findExecutable } from './executable.locator';

/**
 * Long-running child processes (the Kafka JVM, the PostgreSQL postmaster) that must not outlive us.
 *
 * - On Linux each one is started through `setpriv --pdeathsig <signal>` (util-linux), so the kernel
 *   signals it when our process dies for any reason, SIGKILL included. It then also runs in its own
 *   process group (detached), so a Ctrl-C on the terminal reaches only us and we stop things in order.
 * - Without setpriv it stays in our process group (a terminal Ctrl-C reaches it too).
 * - Either way a synchronous `exit` hook signals every process still registered.
 */

export interface ManagedProcessOptions {
  command: string;
  args: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** stdout and stderr go to this file (appended), never through a pipe to us. */
  outputFile: string;
  /** Signal the child gets when we die or exit without stopping it: its graceful-shutdown signal. */
  parentDeathSignal: NodeJS.Signals;
  uid?: number;
  gid?: number;
}

export interface ManagedProcess {
  readonly pid: number;
  readonly child: ChildProcess;
  /** Resolves with the exit code / signal once the process has exited. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  hasExited(): boolean;
  /** Signals the process and waits; escalates to SIGKILL after `graceMs`. */
  stop(signal: NodeJS.Signals, graceMs: number): Promise<void>;
}

const exitHooks = new Map<number, NodeJS.Signals>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const [pid, signal] of exitHooks) {
      try {
        process.kill(pid, signal);
      } catch {
        // already gone
      }
    }
  });
}

let setprivPath: string | null | undefined;

/** util-linux `setpriv` (for --pdeathsig) on Linux, else null. */
export function findSetpriv(): string | null {
  if (setprivPath === undefined) {
    setprivPath =
      process.platform === 'linux'
        ? (findExecutable('setpriv', ['/usr/bin', '/bin']) ?? null)
        : null;
  }
  return setprivPath;
}

export async function startManagedProcess(options: ManagedProcessOptions): Promise<ManagedProcess> {
  const setpriv = findSetpriv();
  const [command, args] = setpriv
    ? [setpriv, ['--pdeathsig', options.parentDeathSignal, '--', options.command, ...options.args]]
    : [options.command, options.args];
  const out = openSync(options.outputFile, 'a');
  let child: ChildProcess;
  try {
    child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env,
      stdio: ['ignore', out, out],
      detached: setpriv !== null,
      uid: options.uid,
      gid: options.gid,
    });
  } finally {
    closeSync(out);
  }
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  await new Promise<void>((resolve, reject) => {
    child.once('spawn', resolve);
    child.once('error', (error) =>
      reject(new Error(`Could not start ${options.command}: ${error.message}`)),
    );
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error(`Could not start ${options.command}: no pid`);
  let done = false;
  void exited.then(() => {
    done = true;
    exitHooks.delete(pid);
  });
  installExitHook();
  exitHooks.set(pid, options.parentDeathSignal);
  // Our event loop must not wait for the child: if we exit without stop(), the hooks above end it.
  child.unref();

  return {
    pid,
    child,
    exited,
    hasExited: () => done,
    async stop(signal, graceMs) {
      if (done) return;
      signalPid(pid, signal);
      if (await settlesWithin(exited, graceMs)) return;
      signalPid(pid, 'SIGKILL');
      await settlesWithin(exited, 10_000);
    },
  };
}

export function signalPid(pid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(pid, signal);
    return true;
  } catch {
    return false;
  }
}

export function isPidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The command line of a live process (Linux /proc), or undefined. */
export function readCommandLine(pid: number): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
  } catch {
    return undefined;
  }
}

/** Waits until `pid` is gone (for processes that are not our children). */
export async function waitForPidExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (isPidAlive(pid)) {
    if (Date.now() > deadline) return false;
    await sleep(100);
  }
  return true;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([promise.then(() => true as const), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
