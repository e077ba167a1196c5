import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Charging sessions (state as JSONB beside the queried columns) and their meter samples. */
export class ChargingSessions1763856000000 implements MigrationInterface {
  name = 'ChargingSessions1763856000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "session_engine"."charging_sessions" (
        "session_id" uuid PRIMARY KEY,
        "station_id" text NOT NULL,
        "connector_id" integer NOT NULL,
        "transaction_id" text NOT NULL,
        "status" text NOT NULL CHECK ("status" IN ('ACTIVE', 'COMPLETED')),
        "started_at" timestamptz NOT NULL,
        "ended_at" timestamptz,
        "energy_wh" bigint NOT NULL CHECK ("energy_wh" >= 0),
        "revision" integer NOT NULL,
        "closed_by" text,
        "close_due_at" timestamptz,
        "last_updated" timestamptz NOT NULL,
        "state" jsonb NOT NULL,
        "ocpi_session" jsonb NOT NULL,
        CONSTRAINT "charging_sessions_transaction_uq" UNIQUE ("station_id", "transaction_id")
      )`);
    await queryRunner.query(
      `CREATE INDEX "charging_sessions_active_connector_ix" ON "session_engine"."charging_sessions"
         ("station_id", "connector_id") WHERE "status" = 'ACTIVE'`,
    );
    await queryRunner.query(
      `CREATE INDEX "charging_sessions_close_due_ix" ON "session_engine"."charging_sessions"
         ("close_due_at") WHERE "close_due_at" IS NOT NULL AND "status" = 'ACTIVE'`,
    );
    await queryRunner.query(
      `CREATE INDEX "charging_sessions_started_ix" ON "session_engine"."charging_sessions" ("started_at" DESC, "session_id")`,
    );
    await queryRunner.query(`
      CREATE TABLE "session_engine"."meter_samples" (
        "session_id" uuid NOT NULL,
        "measured_at" timestamptz NOT NULL,
        "measurand" text NOT NULL,
        "phase" text NOT NULL DEFAULT '',
        "location" text NOT NULL DEFAULT '',
        "context" text,
        "unit" text NOT NULL,
        "value" double precision NOT NULL,
        "received_at" timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY ("session_id", "measured_at", "measurand", "phase", "location")
      )`);
    // A StopTransaction that overtook its StartTransaction (another topic): applied at the start.
    await queryRunner.query(`
      CREATE TABLE "session_engine"."early_stops" (
        "session_id" uuid PRIMARY KEY,
        "stop" jsonb NOT NULL,
        "received_at" timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "session_engine"."early_stops"`);
    await queryRunner.query(`DROP TABLE "session_engine"."meter_samples"`);
    await queryRunner.query(`DROP TABLE "session_engine"."charging_sessions"`);
  }
}
