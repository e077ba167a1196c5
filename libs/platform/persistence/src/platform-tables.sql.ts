import { assertSchemaName } from './data-source.factory';

export function outboxChannel(schema: string): string {
  return `${assertSchemaName(schema)}_outbox`;
}

/**
 * DDL for the platform tables every service has in its schema: the transactional outbox (with a
 * statement-level NOTIFY so the relay wakes at commit instead of polling) and the inbox of processed
 * event ids (one row per consumer group and event). Used by each service's first migration.
 */
export function platformTablesUpSql(schema: string): string[] {
  const s = assertSchemaName(schema);
  return [
    `CREATE TABLE "${s}"."outbox" (
      "id" bigserial PRIMARY KEY,
      "topic" text NOT NULL,
      "message_key" text NOT NULL,
      "payload" text NOT NULL,
      "headers" jsonb NOT NULL,
      "created_at" timestamptz NOT NULL DEFAULT clock_timestamp(),
      "attempts" integer NOT NULL DEFAULT 0,
      "last_error" text
    )`,
    `CREATE TABLE "${s}"."processed_events" (
      "consumer_group" text NOT NULL,
      "event_id" uuid NOT NULL,
      "processed_at" timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY ("consumer_group", "event_id")
    )`,
    `CREATE INDEX "processed_events_processed_at_idx" ON "${s}"."processed_events" ("processed_at")`,
    `CREATE FUNCTION "${s}"."outbox_notify"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN PERFORM pg_notify('${outboxChannel(s)}', ''); RETURN NULL; END $$`,
    `CREATE TRIGGER "outbox_notify" AFTER INSERT ON "${s}"."outbox"
      FOR EACH STATEMENT EXECUTE FUNCTION "${s}"."outbox_notify"()`,
  ];
}

export function platformTablesDownSql(schema: string): string[] {
  const s = assertSchemaName(schema);
  return [
    `DROP TRIGGER IF EXISTS "outbox_notify" ON "${s}"."outbox"`,
    `DROP FUNCTION IF EXISTS "${s}"."outbox_notify"()`,
    `DROP TABLE IF EXISTS "${s}"."processed_events"`,
    `DROP TABLE IF EXISTS "${s}"."outbox"`,
  ];
}
