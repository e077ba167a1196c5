import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { distScript } from '../repo-root';

export interface ProbeProcessOptions {
  role: 'producer' | 'consumer';
  schema: string;
  serviceName?: string;
  kafkaBrokers: string;
  databaseUrl: string;
  applyDelayMs?: number;
  eventsPerCall?: number;
  partitions?: number;
}

/** Path of the compiled probe service (built by `node tools/build.mjs`, which `npm test` runs). */
export function probeScript(): string {
  return distScript('libs', 'testing', 'src', 'probe', 'probe-service.main.js');
}

/** A probe service as a real child process (see probe-service.main.ts). */
export class ProbeProcess {
  private child: ChildProcess | null = null;
  readonly output: string[] = [];

  constructor(private readonly options: ProbeProcessOptions) {}

  get pid(): number | undefined {
    return this.child?.pid;
  }

  async start(timeoutMs = 60_000): Promise<void> {
    const o = this.options;
    const child = spawn(process.execPath, ['--enable-source-maps', probeScript()], {
      env: {
        PATH: process.env.PATH,
        PROBE_ROLE: o.role,
        PROBE_SCHEMA: o.schema,
        PROBE_SERVICE_NAME: o.serviceName ?? `probe-${o.role}`,
        KAFKA_BROKERS: o.kafkaBrokers,
        DATABASE_URL: o.databaseUrl,
        KAFKA_TOPIC_PARTITIONS: String(o.partitions ?? 3),
        PROBE_APPLY_DELAY_MS: String(o.applyDelayMs ?? 0),
        PROBE_EVENTS_PER_CALL: String(o.eventsPerCall ?? 500),
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    const ready = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`probe ${o.role} not ready in ${timeoutMs} ms:\n${this.tail()}`)),
        timeoutMs,
      );
      for (const stream of [child.stdout, child.stderr]) {
        if (!stream) continue;
        createInterface({ input: stream }).on('line', (line) => {
          this.output.push(line);
          if (this.output.length > 2_000) this.output.shift();
          if (line.includes('"msg":"probe ready"')) {
            clearTimeout(timer);
            resolve();
          }
        });
      }
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(
          new Error(`probe ${o.role} exited (${code ?? signal}) before ready:\n${this.tail()}`),
        );
      });
    });
    await ready;
  }

  /** Sends `signal` and waits for the process to end. */
  async stop(signal: NodeJS.Signals = 'SIGTERM', timeoutMs = 30_000): Promise<number | null> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null)
      return child?.exitCode ?? null;
    const exited = new Promise<number | null>((resolve) =>
      child.once('exit', (code) => resolve(code)),
    );
    child.kill(signal);
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    const code = await exited;
    clearTimeout(timer);
    this.child = null;
    return code;
  }

  tail(lines = 40): string {
    return this.output.slice(-lines).join('\n');
  }
}
