import { createHash } from 'node:crypto';
import { assertSchemaName } from './data-source.factory';

/** PostgreSQL identifiers, channel names included, are at most NAMEDATALEN - 1 = 63 bytes. */
const MAX_CHANNEL_LENGTH = 63;
const CHANNEL_SUFFIX = '_outbox';

/**
 * The NOTIFY channel of a schema's outbox: `<schema>_outbox`. For schema names longer than 56
 * characters that would exceed 63 characters (`pg_notify` then fails, and with it every outbox
 * INSERT), so the name is shortened deterministically: a prefix of the schema plus a hash of it.
 */
export function outboxChannel(schema: string): string {
  return schemaChannel(schema, CHANNEL_SUFFIX);
}

/**
 * A NOTIFY channel of a schema: `<schema><suffix>` (suffix like `_outbox`), shortened the same
 * deterministic way as the outbox channel when it would exceed 63 characters. For other tables
 * that wake a worker at commit (e.g. the OCPI push queue).
 */
export function schemaChannel(schema: string, suffix: string): string {
  const s = assertSchemaName(schema);
  if (!/^_[a-z0-9_]{1,20}$/.test(suffix)) throw new Error(`Invalid channel suffix: ${suffix}`);
  const channel = `${s}${suffix}`;
  if (channel.length <= MAX_CHANNEL_LENGTH) return channel;
  const hash = createHash('sha256').update(s).digest('hex').slice(0, 8);
  const prefix = s.slice(0, MAX_CHANNEL_LENGTH - suffix.length - hash.length - 1);
  return `${prefix}_${hash}${suffix}`;
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
