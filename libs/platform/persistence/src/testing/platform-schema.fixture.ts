import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { Topics } from '@voltlane/contracts-events';
import type { OutgoingRecord } from '@voltlane/platform-kafka';
import type { OutboxPublisher, OutboxRelayLogger } from '../outbox.relay';
import type { OutboxMessage } from '../outbox.writer';
import { platformTablesUpSql } from '../platform-tables.sql';

/**
 * Helpers shared by this library's integration tests (real PostgreSQL from the Jest global setup).
 * Not exported from the library's index.
 */

export const PROBE_TOPIC = Topics.PlatformProbeRecorded;

export function databaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url)
    throw new Error('DATABASE_URL is not set: run integration tests through the Jest int project');
  return url;
}

export function kafkaBrokers(): string[] {
  const brokers = process.env.KAFKA_BROKERS;
  if (!brokers)
    throw new Error('KAFKA_BROKERS is not set: run integration tests through the Jest int project');
  return brokers.split(',');
}

/** A schema name that no other test file uses: `<prefix>_<random>`. */
export function uniqueSchema(prefix: string): string {
  return `${prefix}_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
}

/** Creates the schema with the platform tables (what a service's first migration does). */
export async function createPlatformSchema(pool: Pool, schema: string): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query(`CREATE SCHEMA "${schema}"`);
    for (const sql of platformTablesUpSql(schema)) await client.query(sql);
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

export async function dropSchema(pool: Pool, schema: string): Promise<void> {
  await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
}

/** A valid `platform.probe.recorded.v1` outbox message. */
export function probeMessage(
  probeKey: string,
  sequence: number,
  overrides: Partial<OutboxMessage> = {},
): OutboxMessage {
  return {
    topic: PROBE_TOPIC,
    data: { probeKey, sequence, amount: sequence + 1 },
    correlationId: `corr-${probeKey}`,
    causationId: null,
    ...overrides,
  };
}

export interface OutboxRowView {
  id: string;
  topic: string;
  message_key: string;
  payload: string;
  headers: Record<string, string>;
  attempts: number;
  last_error: string | null;
}

export async function outboxRows(pool: Pool, schema: string): Promise<OutboxRowView[]> {
  const { rows } = await pool.query<OutboxRowView>(
    `SELECT "id", "topic", "message_key", "payload", "headers", "attempts", "last_error"
     FROM "${schema}"."outbox" ORDER BY "id"`,
  );
  return rows;
}

/**
 * Publisher that keeps what it was given, and rejects while `failure` is set. A real implementation
 * of the relay's publisher contract (the relay knows nothing else about Kafka).
 */
export class RecordingPublisher implements OutboxPublisher {
  readonly records: OutgoingRecord[] = [];
  calls = 0;
  failure: Error | null = null;

  async send(records: OutgoingRecord[]): Promise<void> {
    this.calls += 1;
    await Promise.resolve();
    if (this.failure) throw this.failure;
    this.records.push(...records);
  }
}

export const silentRelayLogger: OutboxRelayLogger = {
  log: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

/** Polls `probe` until `done` accepts its value; fails with the last value seen. */
export async function waitFor<T>(
  probe: () => Promise<T> | T,
  done: (value: T) => boolean,
  options: { timeoutMs: number; intervalMs?: number; what: string },
): Promise<T> {
  const deadline = Date.now() + options.timeoutMs;
  let last: T | undefined;
  for (;;) {
    last = await probe();
    if (done(last)) return last;
    if (Date.now() > deadline) {
      throw new Error(
        `Timed out after ${options.timeoutMs} ms waiting for ${options.what}; last: ${JSON.stringify(last)}`,
      );
    }
    await sleep(options.intervalMs ?? 20);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A promise with its resolve function, to hold a transaction open until the test says so. */
export function deferred<T = void>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}
