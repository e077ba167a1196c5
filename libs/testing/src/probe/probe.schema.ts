import type { MigrationInterface, QueryRunner } from 'typeorm';
import { platformTablesDownSql, platformTablesUpSql } from '@voltlane/platform-persistence';

/**
 * The probe service is the platform's own diagnostic pair of services: a producer that writes
 * `platform.probe.recorded.v1` events through its outbox and a consumer that applies them to a
 * ledger. Integration tests and the event-backbone benchmark run them as real processes.
 */
export const PROBE_TOPIC = 'platform.probe.recorded.v1';

/** Amount that makes the consumer fail permanently (to exercise retries and the DLQ). */
export const PROBE_POISON_AMOUNT = -666;

export function probeMigrations(schema: string) {
  class ProbePlatformTables1763769600000 implements MigrationInterface {
    name = 'ProbePlatformTables1763769600000';
    async up(q: QueryRunner): Promise<void> {
      for (const sql of platformTablesUpSql(schema)) await q.query(sql);
      await q.query(`CREATE TABLE "${schema}"."probe_ledger" (
        "probe_key" text PRIMARY KEY,
        "applied_count" integer NOT NULL,
        "amount_sum" bigint NOT NULL,
        "last_sequence" integer NOT NULL,
        "out_of_order" integer NOT NULL DEFAULT 0
      )`);
      await q.query(`CREATE TABLE "${schema}"."probe_applied" (
        "event_id" uuid PRIMARY KEY,
        "probe_key" text NOT NULL,
        "sequence" integer NOT NULL,
        "latency_ms" double precision,
        "applied_at" timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    }
    async down(q: QueryRunner): Promise<void> {
      await q.query(`DROP TABLE "${schema}"."probe_applied"`);
      await q.query(`DROP TABLE "${schema}"."probe_ledger"`);
      for (const sql of platformTablesDownSql(schema)) await q.query(sql);
    }
  }
  return [ProbePlatformTables1763769600000];
}
