import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { distScript } from '../repo-root';

/**
 * One compiled Node entry point (a service's main.js, migrate.js, the launcher) as a real child
 * process, with its output captured for assertions and failure messages.
 */
export class NodeProcess {
  private child: ChildProcess | null = null;
  readonly lines: string[] = [];
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }> | null = null;
  private listeners: ((line: string) => void)[] = [];

  constructor(
    private readonly script: string[],
    private readonly env: NodeJS.ProcessEnv,
  ) {}

  static service(name: string, env: NodeJS.ProcessEnv): NodeProcess {
    return new NodeProcess(['apps', name, 'src', 'main.js'], env);
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  start(): this {
    const child = spawn(process.execPath, [distScript(...this.script)], {
      env: { PATH: process.env.PATH, ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    this.exit = new Promise((resolve) =>
      child.once('exit', (code, signal) => resolve({ code, signal })),
    );
    for (const stream of [child.stdout, child.stderr]) {
      if (!stream) continue;
      createInterface({ input: stream }).on('line', (line) => {
        this.lines.push(line);
        if (this.lines.length > 5_000) this.lines.shift();
        for (const l of this.listeners) l(line);
      });
    }
    return this;
  }

  /** Resolves with the first output line matching `pattern`. */
  waitForLine(pattern: RegExp, timeoutMs: number): Promise<string> {
    const seen = this.lines.find((l) => pattern.test(l));
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.listeners = this.listeners.filter((l) => l !== listener);
        reject(new Error(`no line matching ${pattern} within ${timeoutMs} ms:\n${this.tail()}`));
      }, timeoutMs);
      const listener = (line: string) => {
        if (!pattern.test(line)) return;
        clearTimeout(timer);
        this.listeners = this.listeners.filter((l) => l !== listener);
        resolve(line);
      };
      this.listeners.push(listener);
    });
  }

  async stop(signal: NodeJS.Signals = 'SIGTERM', killAfterMs = 30_000) {
    const child = this.child;
    if (!child || !this.exit) return null;
    if (child.exitCode === null && child.signalCode === null) {
      child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
      const result = await this.exit;
      clearTimeout(timer);
      return result;
    }
    return this.exit;
  }

  tail(lines = 60): string {
    return this.lines.slice(-lines).join('\n');
  }
}

/** Status code of GET http://127.0.0.1:<port><path>, or 0 when nothing answers. */
export async function httpStatus(port: number, path: string): Promise<number> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}${path}`, {
      signal: AbortSignal.timeout(3_000),
    });
    await res.arrayBuffer();
    return res.status;
  } catch {
    return 0;
  }
}
