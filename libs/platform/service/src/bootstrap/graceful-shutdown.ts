import type { Server } from 'node:http';
import type { JsonLogger } from '@voltlane/platform-core';

export interface Closable {
  close(signal?: string): Promise<void>;
}

export interface ShutdownDeps {
  logger: Pick<JsonLogger, 'log' | 'warn' | 'error' | 'fatal'>;
  timeoutMs: number;
  exit?: (code: number) => void;
}

const DRAIN_POLL_MS = 20;

/**
 * Stops the process in a fixed order, within a hard time bound:
 * 1. mark not-ready (readiness answers 503);
 * 2. stop accepting HTTP connections and wait for in-flight requests;
 * 3. `app.close(signal)`: Nest's onModuleDestroy → beforeApplicationShutdown → onApplicationShutdown
 *    hooks (Kafka consumers, outbox relay, database pool);
 * 4. exit 0, or 1 when anything failed or the bound was exceeded (an unref'd timer).
 */
export class GracefulShutdown {
  private stopping = false;
  private exitCode = 0;
  private app?: Closable;
  private markNotReady?: () => void;
  private http?: HttpDrain;
  private readonly exit: (code: number) => void;

  constructor(private readonly deps: ShutdownDeps) {
    this.exit = deps.exit ?? ((code) => process.exit(code));
  }

  get isStopping(): boolean {
    return this.stopping;
  }

  attach(app: Closable, options: { markNotReady?: () => void; server?: Server } = {}): void {
    this.app = app;
    this.markNotReady = options.markNotReady;
    this.http = options.server ? new HttpDrain(options.server) : undefined;
  }

  /** SIGTERM/SIGINT start a clean shutdown; uncaught errors a failed one. Once per process. */
  installProcessHandlers(): void {
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      process.on(signal, () => this.onSignal(signal));
    }
    process.on('uncaughtException', (err) => this.onFatal('uncaughtException', err));
    process.on('unhandledRejection', (reason) => this.onFatal('unhandledRejection', reason));
  }

  onSignal(signal: string): void {
    if (this.stopping) {
      this.deps.logger.warn('second shutdown signal: exiting without waiting', { signal });
      this.exit(1);
      return;
    }
    void this.shutdown(signal, 0, signal);
  }

  onFatal(kind: string, reason: unknown): void {
    const err =
      reason instanceof Error ? reason : new Error(`non-error ${kind}: ${String(reason)}`);
    this.deps.logger.fatal(kind, { err });
    this.exitCode = 1;
    if (!this.stopping) {
      void this.shutdown(kind, 1);
    }
  }

  async shutdown(reason: string, exitCode: number, signal?: string): Promise<void> {
    if (this.stopping) {
      return;
    }
    this.stopping = true;
    this.exitCode = Math.max(this.exitCode, exitCode);
    // Should the event loop drain with a hook still pending, the process must not report success.
    process.exitCode = 1;
    const started = Date.now();
    const { logger, timeoutMs } = this.deps;
    logger.log('shutting down', { reason, timeoutMs });

    const timer = setTimeout(() => {
      logger.fatal('graceful shutdown exceeded its time bound: exiting', { timeoutMs });
      this.exit(1);
    }, timeoutMs);
    timer.unref();

    try {
      this.markNotReady?.();
      await this.http?.drain();
      await this.app?.close(signal);
    } catch (err) {
      this.exitCode = 1;
      logger.error('error during shutdown', { err });
    }
    clearTimeout(timer);
    logger.log('shutdown complete', { exitCode: this.exitCode, durationMs: Date.now() - started });
    this.exit(this.exitCode);
  }
}

/** Counts in-flight requests so shutdown can stop listening and wait for them to finish. */
class HttpDrain {
  private inflight = 0;

  constructor(private readonly server: Server) {
    server.on('request', (_req, res) => {
      this.inflight += 1;
      res.once('close', () => {
        this.inflight -= 1;
      });
    });
  }

  async drain(): Promise<void> {
    if (this.server.listening) {
      this.server.close(); // no new connections; idle keep-alive sockets are closed now
    }
    while (this.inflight > 0) {
      await new Promise((resolve) => setTimeout(resolve, DRAIN_POLL_MS));
    }
    this.server.closeIdleConnections();
  }
}
