import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { ServiceEntry } from './service.catalog';

export interface SupervisorOptions {
  entry: ServiceEntry;
  script: string;
  env: NodeJS.ProcessEnv;
  output: (line: string) => void;
  /** Called when the child exits by itself (not through stop()). */
  onUnexpectedExit: (code: number | null, signal: NodeJS.Signals | null) => void;
}

/** Runs one service as its own process, prefixes its output and stops it gracefully. */
export class ServiceSupervisor {
  private child: ChildProcess | null = null;
  private stopping = false;

  constructor(private readonly options: SupervisorOptions) {}

  get pid(): number | undefined {
    return this.child?.pid;
  }

  start(): void {
    const { entry, script, env, output } = this.options;
    const child = spawn(process.execPath, ['--enable-source-maps', script], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    const prefix = `[${entry.name}]`.padEnd(17);
    for (const stream of [child.stdout, child.stderr]) {
      if (!stream) continue;
      createInterface({ input: stream }).on('line', (line) => output(`${prefix} ${line}`));
    }
    child.on('exit', (code, signal) => {
      if (this.child === child) this.child = null;
      if (!this.stopping) this.options.onUnexpectedExit(code, signal);
    });
  }

  /** SIGTERM, then SIGKILL after `graceMs`. Resolves when the process is gone. */
  async stop(graceMs: number): Promise<void> {
    this.stopping = true;
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  }
}
