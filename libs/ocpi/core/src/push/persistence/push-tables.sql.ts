import { assertSchemaName, schemaChannel } from '@voltlane/platform-persistence';

/** NOTIFY channel the push queue's insert trigger signals: `<schema>_ocpi_push`. */
export function ocpiPushChannel(schema: string): string {
  return schemaChannel(schema, '_ocpi_push');
}

/**
 * DDL of the OCPI push queue in a service's schema (ocpi-cpo, ocpi-emsp call it from a migration).
 *
 * One row per outbound push. `status`: `pending` (waiting, backing off, or leased by a worker while
 * `lease_until` is in the future), `delivered`, `failed` (permanent error, retryable by an operator)
 * or `superseded` (dropped by a later full PUT of the same object). Order per
 * (partner_id, object_key) is `id` order: only the lowest pending id of an object is ever sent.
 * Delivered, failed-and-superseded rows stay for audit until the retention purge.
 */
export function ocpiPushTablesUpSql(schema: string): string[] {
  const s = assertSchemaName(schema);
  return [
    `CREATE TABLE "${s}"."ocpi_push_queue" (
      "id" bigserial PRIMARY KEY,
      "partner_id" text NOT NULL,
      "module" text NOT NULL,
      "object_key" text NOT NULL,
      "method" text NOT NULL CHECK ("method" IN ('PUT', 'PATCH', 'POST', 'DELETE')),
      "path" text,
      "url" text,
      "body" jsonb,
      "last_updated" timestamptz,
      "replaces_pending" boolean NOT NULL DEFAULT false,
      "correlation_id" text,
      "trace_headers" jsonb,
      "to_country_code" text,
      "to_party_id" text,
      "status" text NOT NULL DEFAULT 'pending'
        CHECK ("status" IN ('pending', 'delivered', 'failed', 'superseded')),
      "attempts" integer NOT NULL DEFAULT 0,
      "next_attempt_at" timestamptz NOT NULL DEFAULT clock_timestamp(),
      "lease_owner" text,
      "lease_until" timestamptz,
      "last_error" text,
      "last_error_at" timestamptz,
      "last_http_status" integer,
      "last_ocpi_status" integer,
      "response_location" text,
      "superseded_by" bigint,
      "created_at" timestamptz NOT NULL DEFAULT clock_timestamp(),
      "finished_at" timestamptz
    )`,
    // the worker's claim: pending rows oldest first, and the head check per object
    `CREATE INDEX "ocpi_push_queue_pending_idx" ON "${s}"."ocpi_push_queue"
      ("partner_id", "object_key", "id") WHERE "status" = 'pending'`,
    `CREATE INDEX "ocpi_push_queue_pending_id_idx" ON "${s}"."ocpi_push_queue" ("id")
      WHERE "status" = 'pending'`,
    // admin listing per partner/status, and the retention purge
    `CREATE INDEX "ocpi_push_queue_partner_status_idx" ON "${s}"."ocpi_push_queue"
      ("partner_id", "status", "id")`,
    `CREATE INDEX "ocpi_push_queue_finished_idx" ON "${s}"."ocpi_push_queue" ("finished_at")
      WHERE "status" <> 'pending'`,
    `CREATE FUNCTION "${s}"."ocpi_push_notify"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN PERFORM pg_notify('${ocpiPushChannel(s)}', ''); RETURN NULL; END $$`,
    `CREATE TRIGGER "ocpi_push_notify" AFTER INSERT ON "${s}"."ocpi_push_queue"
      FOR EACH STATEMENT EXECUTE FUNCTION "${s}"."ocpi_push_notify"()`,
  ];
}

/**
 * Adds the absolute-URL column (`url`, for `response_url` callbacks) to a queue table created
 * before it existed; a no-op on tables created by `ocpiPushTablesUpSql` now.
 */
export function ocpiPushUrlColumnUpSql(schema: string): string {
  const s = assertSchemaName(schema);
  return `ALTER TABLE "${s}"."ocpi_push_queue" ADD COLUMN IF NOT EXISTS "url" text`;
}

export function ocpiPushTablesDownSql(schema: string): string[] {
  const s = assertSchemaName(schema);
  return [
    `DROP TRIGGER IF EXISTS "ocpi_push_notify" ON "${s}"."ocpi_push_queue"`,
    `DROP FUNCTION IF EXISTS "${s}"."ocpi_push_notify"()`,
    `DROP TABLE IF EXISTS "${s}"."ocpi_push_queue"`,
  ];
}
