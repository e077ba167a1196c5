import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Remote-started sessions waiting for their StartTransaction (PENDING → ACTIVE / INVALID), command
 * results that overtook their command, and our locations: every version (CdrLocation snapshots at
 * session start) plus the current station ↔ EVSE map (docs/adr/0032).
 */
export class RemoteStartsAndLocations1764115200000 implements MigrationInterface {
  name = 'RemoteStartsAndLocations1764115200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "session_engine"."pending_sessions" (
        "session_id" uuid PRIMARY KEY,
        "command_id" uuid NOT NULL UNIQUE,
        "station_id" text NOT NULL,
        "connector_id" integer,
        "id_tag" text NOT NULL,
        "status" text NOT NULL CHECK ("status" IN ('PENDING', 'ACTIVE', 'INVALID')),
        "created_at" timestamptz NOT NULL,
        "expires_at" timestamptz NOT NULL,
        "revision" integer NOT NULL,
        "activated_session_id" uuid,
        "state" jsonb NOT NULL,
        "ocpi_session" jsonb NOT NULL,
        "last_updated" timestamptz NOT NULL
      )`);
    await queryRunner.query(
      `CREATE INDEX "pending_sessions_match_ix" ON "session_engine"."pending_sessions"
         ("station_id", "id_tag", "created_at") WHERE "status" = 'PENDING'`,
    );
    await queryRunner.query(
      `CREATE INDEX "pending_sessions_expiry_ix" ON "session_engine"."pending_sessions"
         ("expires_at") WHERE "status" = 'PENDING'`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "pending_sessions_activated_ix" ON "session_engine"."pending_sessions"
         ("activated_session_id") WHERE "activated_session_id" IS NOT NULL`,
    );
    await queryRunner.query(`
      CREATE TABLE "session_engine"."early_command_results" (
        "command_id" uuid PRIMARY KEY,
        "result" jsonb NOT NULL,
        "received_at" timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE "session_engine"."location_versions" (
        "location_id" text NOT NULL,
        "last_updated" timestamptz NOT NULL,
        "time_zone" text NOT NULL,
        "location" jsonb NOT NULL,
        "connector_mappings" jsonb NOT NULL,
        "received_at" timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY ("location_id", "last_updated")
      )`);
    await queryRunner.query(`
      CREATE TABLE "session_engine"."station_connectors" (
        "station_id" text NOT NULL,
        "ocpp_connector_id" integer NOT NULL,
        "location_id" text NOT NULL,
        "evse_uid" text NOT NULL,
        "evse_id" text,
        "connector_id" text NOT NULL,
        "updated_at" timestamptz NOT NULL,
        PRIMARY KEY ("station_id", "ocpp_connector_id")
      )`);
    await queryRunner.query(
      `CREATE INDEX "station_connectors_location_ix" ON "session_engine"."station_connectors" ("location_id")`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "session_engine"."station_connectors"`);
    await queryRunner.query(`DROP TABLE "session_engine"."location_versions"`);
    await queryRunner.query(`DROP TABLE "session_engine"."early_command_results"`);
    await queryRunner.query(`DROP TABLE "session_engine"."pending_sessions"`);
  }
}
