import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { extractTraceContext, voltlaneTracer } from '@voltlane/platform-core';
import { Client } from 'pg';
import type { DataSource, EntityManager } from 'typeorm';
import {
  DEFAULT_PUSH_BACKOFF,
  type PushBackoffPolicy,
  pushRetryDelayMs,
} from './domain/push-backoff';
import { type AttemptRecord, PushQueueRepository } from './persistence/push-queue.repository';
import { ocpiPushChannel } from './persistence/push-tables.sql';
import type {
  PushDelivered,
  PushDeliveredHook,
  PushOutcome,
  PushTransport,
  QueuedPush,
} from './push.types';

export interface PushWorkerLogger {
  log(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export interface OcpiPushWorkerOptions {
  schema: string;
  /** For LISTEN (wake-up at commit). Without it the worker only polls. */
  databaseUrl?: string;
  /** Identifies this replica's leases (default `<hostname>-<pid>-<random>`). */
  instanceId?: string;
  /** Deliveries in flight at once in this process (different objects). Default 8. */
  concurrency?: number;
  /**
   * How long a claimed item is reserved for this worker (default 60 s). Must exceed the
   * transport's timeout: an item whose lease expired is sent again by another worker.
   */
  leaseMs?: number;
  /** Poll when no NOTIFY arrives (backoffs ending, lost notifications). Default 500 ms. */
  pollIntervalMs?: number;
  backoff?: PushBackoffPolicy;
  /** Retriable failures after which an item is marked failed; 0 = retry until delivered (default). */
  maxAttempts?: number;
  /** Delivered and superseded rows are kept this long for audit (default 7 days). */
  retentionMs?: number;
  /** Failed rows are kept this long for an operator (default 30 days). */
  failedRetentionMs?: number;
  /** How often a worker purges expired rows (default 1 h; 0 = never). */
  purgeIntervalMs?: number;
}

/** What the worker reports per attempt (metrics). */
export interface PushAttemptObserver {
  attempt(item: QueuedPush, verdict: 'delivered' | 'retried' | 'failed', seconds: number): void;
}

/** Items of one object delivered in a row on one slot before it goes back to the claim. */
const MAX_CHAIN = 50;

const silentLogger: PushWorkerLogger = {
  log: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

/**
 * Delivers the push queue of one service schema; one per replica, all replicas on the same table.
 *
 * Each loop claims due heads of objects (see PushQueueRepository.claim) up to the free concurrency
 * slots, leases them for `leaseMs`, sends each through the PushTransport and records the outcome
 * only while still owning the lease. A finished delivery wakes the loop at once (the object's next
 * item is now its head); new rows wake it through LISTEN/NOTIFY; a poll catches due retries.
 * A crash mid-delivery leaves the lease to expire, then that one item is sent again (at least once).
 */
export class OcpiPushWorker {
  readonly instanceId: string;
  private readonly repository: PushQueueRepository;
  private readonly concurrency: number;
  private readonly leaseMs: number;
  private readonly pollIntervalMs: number;
  private readonly backoff: PushBackoffPolicy;
  private readonly maxAttempts: number;
  private readonly retentionMs: number;
  private readonly failedRetentionMs: number;
  private readonly purgeIntervalMs: number;
  private readonly hooks: PushDeliveredHook[] = [];
  private readonly inFlight = new Set<Promise<void>>();
  private listener: Client | null = null;
  private loop: Promise<void> | null = null;
  private stopping = false;
  private woken = false;
  private wake: (() => void) | null = null;
  private lastPurge = Date.now();
  private lastListen = 0;
  private counts = { delivered: 0, retried: 0, failed: 0 };

  constructor(
    private readonly dataSource: DataSource,
    private readonly transport: PushTransport,
    private readonly options: OcpiPushWorkerOptions,
    private readonly logger: PushWorkerLogger = silentLogger,
    private readonly observer?: PushAttemptObserver,
  ) {
    this.repository = new PushQueueRepository(options.schema);
    this.instanceId =
      options.instanceId ?? `${hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`;
    this.concurrency = Math.max(1, options.concurrency ?? 8);
    this.leaseMs = options.leaseMs ?? 60_000;
    this.pollIntervalMs = options.pollIntervalMs ?? 500;
    this.backoff = options.backoff ?? DEFAULT_PUSH_BACKOFF;
    this.maxAttempts = options.maxAttempts ?? 0;
    this.retentionMs = options.retentionMs ?? 7 * 24 * 3_600_000;
    this.failedRetentionMs = options.failedRetentionMs ?? 30 * 24 * 3_600_000;
    this.purgeIntervalMs = options.purgeIntervalMs ?? 3_600_000;
  }

  /** Registers a hook run in the transaction that marks an item delivered. */
  onDelivered(hook: PushDeliveredHook): void {
    this.hooks.push(hook);
  }

  /** Attempts finished by this worker, by verdict. */
  get stats(): Readonly<{ delivered: number; retried: number; failed: number }> {
    return { ...this.counts };
  }

  get running(): boolean {
    return this.loop !== null;
  }

  start(): void {
    if (this.loop) return;
    this.stopping = false;
    this.loop = this.run();
  }

  /**
   * Stops claiming and waits for the deliveries in flight to finish and be recorded, at most
   * `budgetMs`; whatever is still in flight then keeps its lease and is re-sent by another
   * replica after the lease expires.
   */
  async stop(budgetMs = 10_000): Promise<void> {
    if (!this.loop) return;
    this.stopping = true;
    this.signal();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), budgetMs);
    });
    const result = await Promise.race([this.loop.then(() => 'done' as const), timeout]);
    clearTimeout(timer);
    if (result === 'timeout') {
      this.logger.warn('ocpi push worker stopped with deliveries in flight', {
        inFlight: this.inFlight.size,
      });
    }
    this.loop = null;
    await this.closeListener();
  }

  private async run(): Promise<void> {
    let failures = 0;
    await this.listen();
    while (!this.stopping) {
      try {
        this.woken = false;
        const free = this.concurrency - this.inFlight.size;
        let claimed: QueuedPush[] = [];
        if (free > 0) {
          claimed = await this.repository.claim(
            this.dataSource,
            this.instanceId,
            free,
            this.leaseMs,
          );
          for (const item of claimed) this.track(this.deliverChain(item));
        }
        failures = 0;
        await this.purgeIfDue();
        await this.relistenIfDue();
        if (free > 0 && claimed.length === free) continue; // maybe more due: claim again
        await this.sleep(this.pollIntervalMs);
      } catch (err) {
        failures += 1;
        const delay = Math.min(5_000, 100 * 2 ** Math.min(failures, 6));
        this.logger.warn('ocpi push claim failed; backing off', {
          error: String(err),
          delayMs: delay,
        });
        await this.sleep(delay);
      }
    }
    await Promise.all([...this.inFlight]);
  }

  private track(delivery: Promise<void>): void {
    this.inFlight.add(delivery);
    void delivery.finally(() => {
      this.inFlight.delete(delivery);
      this.signal();
    });
  }

  /**
   * Delivers `first`, then, while the object has a next item that was leased along with the
   * delivered state, that one (up to MAX_CHAIN in a row, so other objects get the slot too).
   */
  private async deliverChain(first: QueuedPush): Promise<void> {
    let item: QueuedPush | null = first;
    for (let chained = 1; item; chained++) {
      const next: QueuedPush | null = await this.deliver(item, chained < MAX_CHAIN);
      if (next && this.stopping) {
        await this.repository
          .releaseLease(this.dataSource, next.id, this.instanceId)
          .catch(() => undefined); // otherwise its lease expires
        return;
      }
      item = next;
    }
  }

  /** One attempt; returns the object's next item when it was leased to go on with. */
  private async deliver(item: QueuedPush, leaseNext: boolean): Promise<QueuedPush | null> {
    const started = process.hrtime.bigint();
    let outcome: PushOutcome;
    // continue the trace of whatever enqueued the push (a PRODUCER span per attempt)
    const parent = item.traceHeaders ? extractTraceContext(item.traceHeaders) : context.active();
    const span = voltlaneTracer().startSpan(
      `ocpi push ${item.method} ${item.module}`,
      {
        kind: SpanKind.PRODUCER,
        attributes: {
          'ocpi.partner_id': item.partnerId,
          'ocpi.module': item.module,
          'ocpi.object_key': item.objectKey,
          'ocpi.push.attempt': item.attempts + 1,
        },
      },
      parent,
    );
    try {
      outcome = await context.with(trace.setSpan(parent, span), () => this.transport.deliver(item));
    } catch (err) {
      outcome = { ok: false, retriable: true, error: `transport threw: ${String(err)}` };
    }
    if (!outcome.ok) span.setStatus({ code: SpanStatusCode.ERROR, message: outcome.error });
    span.end();
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const attempt: AttemptRecord = {
      httpStatus: outcome.httpStatus,
      ocpiStatus: outcome.ocpiStatus,
      error: outcome.ok ? undefined : (outcome.error ?? describe(outcome)),
      location: outcome.ok ? headerOf(outcome.responseHeaders, 'location') : null,
    };
    const attempts = item.attempts + 1;
    let verdict: 'delivered' | 'retried' | 'failed';
    if (outcome.ok) verdict = 'delivered';
    else if (outcome.retriable && (this.maxAttempts === 0 || attempts < this.maxAttempts)) {
      verdict = 'retried';
    } else verdict = 'failed';
    if (verdict === 'failed' && outcome.retriable) {
      attempt.error = `gave up after ${attempts} attempts: ${attempt.error ?? ''}`;
    }
    this.counts[verdict] += 1;
    this.observer?.attempt(item, verdict, seconds);
    let next: QueuedPush | null = null;
    try {
      const result = await this.withDbRetry(() =>
        this.record(item, verdict, attempt, attempts, leaseNext),
      );
      next = result.next;
      if (!result.recorded) {
        this.logger.warn('ocpi push lease lost before the outcome was recorded', {
          pushId: item.id,
          partnerId: item.partnerId,
        });
      }
    } catch (err) {
      // the lease expires and the item is sent again (at least once)
      this.logger.error('ocpi push outcome could not be recorded', {
        pushId: item.id,
        error: String(err),
      });
    }
    if (verdict !== 'delivered') {
      const log = verdict === 'failed' ? this.logger.error : this.logger.warn;
      log.call(this.logger, `ocpi push ${verdict}`, {
        pushId: item.id,
        partnerId: item.partnerId,
        module: item.module,
        objectKey: item.objectKey,
        method: item.method,
        attempts,
        httpStatus: outcome.httpStatus,
        ocpiStatus: outcome.ocpiStatus,
        error: attempt.error,
        correlationId: item.correlationId ?? undefined,
      });
    }
    return next;
  }

  private async record(
    item: QueuedPush,
    verdict: 'delivered' | 'retried' | 'failed',
    attempt: AttemptRecord,
    attempts: number,
    leaseNext: boolean,
  ): Promise<{ recorded: boolean; next: QueuedPush | null }> {
    const id = item.id;
    const owner = this.instanceId;
    if (verdict === 'retried') {
      const delay = pushRetryDelayMs(attempts, this.backoff);
      const recorded = await this.repository.markRetry(this.dataSource, id, owner, attempt, delay);
      return { recorded, next: null };
    }
    if (verdict === 'failed') {
      const recorded = await this.repository.markFailed(this.dataSource, id, owner, attempt);
      return { recorded, next: null };
    }
    const markDelivered = (manager: EntityManager | DataSource) =>
      leaseNext
        ? this.repository.markDeliveredAndLeaseNext(manager, id, owner, attempt, this.leaseMs)
        : this.repository
            .markDelivered(manager, id, owner, attempt)
            .then((recorded) => ({ recorded, next: null }));
    if (this.hooks.length === 0) return markDelivered(this.dataSource);
    const delivered: PushDelivered = {
      item,
      httpStatus: attempt.httpStatus,
      ocpiStatus: attempt.ocpiStatus,
      location: attempt.location ?? null,
    };
    try {
      return await this.dataSource.transaction(async (manager) => {
        const result = await markDelivered(manager);
        if (result.recorded) for (const hook of this.hooks) await hook(delivered, manager);
        return result;
      });
    } catch (err) {
      this.logger.error('ocpi push delivered-hook failed; recorded as delivered without it', {
        pushId: id,
        partnerId: item.partnerId,
        location: delivered.location,
        error: String(err),
      });
      const recorded = await this.repository.markDelivered(this.dataSource, id, owner, attempt);
      return { recorded, next: null };
    }
  }

  private async withDbRetry<T>(fn: () => Promise<T>): Promise<T> {
    for (let i = 0; ; i++) {
      try {
        return await fn();
      } catch (err) {
        if (i >= 2) throw err;
        await new Promise((r) => setTimeout(r, 200 * (i + 1)));
      }
    }
  }

  private async purgeIfDue(): Promise<void> {
    if (this.purgeIntervalMs <= 0 || Date.now() - this.lastPurge < this.purgeIntervalMs) return;
    this.lastPurge = Date.now();
    const purged = await this.repository.purge(
      this.dataSource,
      this.retentionMs,
      this.failedRetentionMs,
    );
    if (purged > 0) this.logger.log('ocpi push queue purged', { rows: purged });
  }

  /** After the LISTEN connection was lost, tries again every 10 s (polling meanwhile). */
  private async relistenIfDue(): Promise<void> {
    if (!this.options.databaseUrl || this.listener || Date.now() - this.lastListen < 10_000) return;
    await this.listen();
  }

  private async listen(): Promise<void> {
    if (!this.options.databaseUrl) return;
    this.lastListen = Date.now();
    const client = new Client({
      connectionString: this.options.databaseUrl,
      application_name: `ocpi-push:${this.options.schema}`,
    });
    client.on('notification', () => this.signal());
    client.on('error', (err) => {
      this.logger.warn('ocpi push listener connection error; polling only', { error: String(err) });
      if (this.listener === client) this.listener = null;
    });
    client.on('end', () => {
      if (this.listener === client) this.listener = null;
    });
    try {
      await client.connect();
      await client.query(`LISTEN "${ocpiPushChannel(this.options.schema)}"`);
      this.listener = client;
    } catch (err) {
      this.logger.warn('ocpi push LISTEN failed; polling only', { error: String(err) });
      await client.end().catch(() => undefined);
    }
  }

  private async closeListener(): Promise<void> {
    const client = this.listener;
    this.listener = null;
    if (client) await client.end().catch(() => undefined);
  }

  private signal(): void {
    this.woken = true;
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }

  private sleep(ms: number): Promise<void> {
    if (this.stopping || this.woken) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.wake = null;
        resolve();
      }, ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}

function headerOf(headers: Record<string, string> | undefined, name: string): string | null {
  if (!headers) return null;
  for (const [k, v] of Object.entries(headers)) if (k.toLowerCase() === name) return v;
  return null;
}

function describe(outcome: PushOutcome): string {
  const parts = [];
  if (outcome.httpStatus !== undefined) parts.push(`HTTP ${outcome.httpStatus}`);
  if (outcome.ocpiStatus !== undefined) parts.push(`OCPI ${outcome.ocpiStatus}`);
  return parts.length > 0 ? parts.join(', ') : 'delivery failed';
}
