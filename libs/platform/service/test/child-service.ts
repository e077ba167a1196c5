import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';

const REGISTER = join(__dirname, 'swc-register.cjs');
const FIXTURES = join(__dirname, 'fixtures');

export interface ChildService {
  process: ChildProcess;
  /** Every stdout line parsed as JSON (a non-JSON line fails the parse: all output must be JSON). */
  lines(): Record<string, unknown>[];
  stderr(): string;
  waitForLog(msg: string, timeoutMs?: number): Promise<Record<string, unknown>>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; afterMs: number }>;
}

/**
 * Runs `test/fixtures/<fixture>` in a real Node process (TypeScript via swc-register.cjs) with only
 * the given environment, so exit codes, signals and stdout/stderr can be asserted.
 */
export function startChildService(fixture: string, env: Record<string, string>): ChildService {
  const child = spawn(process.execPath, ['-r', REGISTER, join(FIXTURES, fixture)], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const started = Date.now();
  let stdout = '';
  let stderr = '';
  const waiters: Array<() => void> = [];
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    waiters.forEach((w) => w());
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<{
    code: number | null;
    signal: NodeJS.Signals | null;
    afterMs: number;
  }>((resolve) =>
    child.on('exit', (code, signal) => {
      waiters.forEach((w) => w());
      resolve({ code, signal, afterMs: Date.now() - started });
    }),
  );
  const lines = () =>
    stdout
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => JSON.parse(l) as Record<string, unknown>);

  return {
    process: child,
    lines,
    stderr: () => stderr,
    exited,
    waitForLog: (msg, timeoutMs = 10_000) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`no "${msg}" log within ${timeoutMs} ms:\n${stdout}\n${stderr}`)),
          timeoutMs,
        );
        const check = () => {
          const found = lines().find((l) => l.msg === msg);
          if (found) {
            clearTimeout(timer);
            resolve(found);
          } else if (child.exitCode !== null) {
            clearTimeout(timer);
            reject(new Error(`exited (${child.exitCode}) before "${msg}":\n${stdout}\n${stderr}`));
          }
        };
        waiters.push(check);
        check();
      }),
  };
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (typeof address !== 'object' || !address) throw new Error('no port');
  return address.port;
}
