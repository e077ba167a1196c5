import { Client } from 'pg';
import type { OutgoingRecord } from '@voltlane/platform-kafka';
import { assertSchemaName } from './data-source.factory';
import { outboxChannel } from './platform-tables.sql';

export interface OutboxPublisher {
  send(records: OutgoingRecord[]): Promise<void>;
}

export interface OutboxRelayLogger {
  log(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export interface OutboxRelayOptions {
  databaseUrl: string;
  schema: string;
  batchSize?: number;
  /** Fallback poll when no NOTIFY arrives (also the standby's leadership poll). */
  pollIntervalMs?: number;
  maxBackoffMs?: number;
}

export interface OutboxBacklog {
  pending: number;
  oldestAgeSeconds: number;
}

interface OutboxRow {
  id: string;
  topic: string;
  message_key: string;
  payload: string;
  headers: Record<string, string>;
}

/**
 * Publishes outbox rows to Kafka in id order (which, per key, is commit order: see OutboxWriter),
 * deleting them only after Kafka acknowledged them. One relay per service schema is active at a
 * time: leadership is a session advisory lock on the relay's own connection, so a crashed leader
 * releases it automatically and a standby replica takes over. A crash between publish and delete
 * republishes those rows: consumers are idempotent by event id, so nothing is lost or doubled.
 */
export class OutboxRelay {
  private readonly schema: string;
  private readonly batchSize: number;
  private readonly pollIntervalMs: number;
  private readonly maxBackoffMs: number;
  private client: Client | null = null;
  private leader = false;
  private stopping = false;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  private notified = false;
  private wakeOnNotify = false;
  private published = 0;

  constructor(
    private readonly options: OutboxRelayOptions,
    private readonly publisher: OutboxPublisher,
    private readonly logger: OutboxRelayLogger,
  ) {
    this.schema = assertSchemaName(options.schema);
    this.batchSize = options.batchSize ?? 1_000;
    this.pollIntervalMs = options.pollIntervalMs ?? 1_000;
    this.maxBackoffMs = options.maxBackoffMs ?? 5_000;
  }

  get isLeader(): boolean {
    return this.leader;
  }

  get publishedCount(): number {
    return this.published;
  }

  start(): void {
    if (this.loop) return;
    this.stopping = false;
    this.loop = this.run();
  }

  /** Finishes the batch in flight, releases leadership, closes the connection. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.signal();
    await this.loop;
    this.loop = null;
  }

  /** Pending rows and the age of the oldest one (for metrics and alerts). */
  async backlog(): Promise<OutboxBacklog> {
    const client = new Client({ connectionString: this.options.databaseUrl });
    await client.connect();
    try {
      const { rows } = await client.query<{ pending: string; age: number | null }>(
        `SELECT count(*) AS pending, EXTRACT(EPOCH FROM now() - min(created_at))::float8 AS age
         FROM "${this.schema}"."outbox"`,
      );
      return { pending: Number(rows[0].pending), oldestAgeSeconds: rows[0].age ?? 0 };
    } finally {
      await client.end();
    }
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (!this.stopping) {
      try {
        const client = await this.connection();
        if (!this.leader) {
          const { rows } = await client.query<{ ok: boolean }>(
            'SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS ok',
            [`voltlane-outbox-relay:${this.schema}`],
          );
          this.leader = rows[0].ok;
          if (!this.leader) {
            await this.sleep(this.pollIntervalMs, false); // a standby has nothing to drain
            continue;
          }
          this.logger.log('outbox relay is leader', { schema: this.schema });
        }
        const published = await this.drainOnce(client);
        failures = 0;
        if (published === 0) await this.sleep(this.pollIntervalMs, true);
      } catch (err) {
        failures += 1;
        const delay = Math.min(this.maxBackoffMs, 100 * 2 ** Math.min(failures, 10));
        this.logger.warn('outbox relay iteration failed; backing off', {
          schema: this.schema,
          error: String(err),
          delayMs: delay,
        });
        if (err instanceof DatabaseConnectionLost) await this.dropConnection();
        await this.sleep(delay, false); // new rows must not cut the backoff short
      }
    }
    await this.dropConnection();
  }

  private async drainOnce(client: Client): Promise<number> {
    this.notified = false;
    const { rows } = await client
      .query<OutboxRow>(
        `SELECT "id", "topic", "message_key", "payload", "headers" FROM "${this.schema}"."outbox"
         ORDER BY "id" LIMIT $1`,
        [this.batchSize],
      )
      .catch((err: unknown) => {
        throw new DatabaseConnectionLost(err);
      });
    if (rows.length === 0) return 0;
    const ids = rows.map((r) => r.id);
    try {
      await this.publisher.send(
        rows.map((r) => ({
          topic: r.topic,
          key: r.message_key,
          value: r.payload,
          headers: r.headers,
        })),
      );
    } catch (err) {
      await client
        .query(
          `UPDATE "${this.schema}"."outbox" SET "attempts" = "attempts" + 1, "last_error" = $2
           WHERE "id" = ANY($1::bigint[])`,
          [ids, String(err).slice(0, 1_000)],
        )
        .catch(() => undefined);
      throw err;
    }
    await client
      .query(`DELETE FROM "${this.schema}"."outbox" WHERE "id" = ANY($1::bigint[])`, [ids])
      .catch((err: unknown) => {
        throw new DatabaseConnectionLost(err);
      });
    this.published += rows.length;
    return rows.length;
  }

  private async connection(): Promise<Client> {
    if (this.client) return this.client;
    const client = new Client({
      connectionString: this.options.databaseUrl,
      application_name: `outbox-relay:${this.schema}`,
    });
    client.on('error', (err) => {
      this.logger.warn('outbox relay connection error', { error: String(err) });
      if (this.client === client) {
        this.client = null;
        this.leader = false;
      }
    });
    client.on('notification', () => {
      this.notified = true;
      if (this.wakeOnNotify) this.signal();
    });
    try {
      await client.connect();
      await client.query(`LISTEN "${outboxChannel(this.schema)}"`);
    } catch (err) {
      await client.end().catch(() => undefined);
      throw err;
    }
    this.client = client;
    return client;
  }

  private async dropConnection(): Promise<void> {
    const client = this.client;
    this.client = null;
    if (client && this.leader) {
      await client
        .query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [
          `voltlane-outbox-relay:${this.schema}`,
        ])
        .catch(() => undefined);
    }
    this.leader = false;
    if (client) await client.end().catch(() => undefined);
  }

  private signal(): void {
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }

  /**
   * Waits `ms`. `stop()` always ends the wait; a NOTIFY (or one received since the last read of the
   * outbox) only when `wakeOnNotify`, i.e. for an idle leader. A standby's leadership poll and the
   * backoff after a failure are not shortened by new rows: otherwise every commit would make a
   * standby spin on the database and a failing leader retry at the rate rows are written.
   */
  private sleep(ms: number, wakeOnNotify: boolean): Promise<void> {
    if (this.stopping || (wakeOnNotify && this.notified)) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.wake = null;
        resolve();
      }, ms);
      this.wakeOnNotify = wakeOnNotify;
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}

class DatabaseConnectionLost extends Error {
  constructor(cause: unknown) {
    super(`database connection lost: ${String(cause)}`);
  }
}
