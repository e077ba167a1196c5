import type { MigrationInterface, QueryRunner } from 'typeorm';

const S = '"ocpi_emsp"';

/**
 * ADR 0071: commands we send to CPO partners, tracked from the request through the CPO's
 * CommandResponse to its CommandResult (POSTed to our `response_url`) or our TIMEOUT; and the
 * pull-sync state per (partner, module): watermark, last run, last error.
 */
export class EmspCommandsSync1763900400000 implements MigrationInterface {
  name = 'EmspCommandsSync1763900400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE ${S}."emsp_commands" (
        "id" uuid PRIMARY KEY,
        "partner_id" text NOT NULL,
        "type" text NOT NULL,
        "state" text NOT NULL,
        "request" jsonb NOT NULL,
        "requested_by" text,
        "response" jsonb,
        "result" jsonb,
        "error" text,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "responded_at" timestamptz,
        "completed_at" timestamptz,
        "deadline_at" timestamptz NOT NULL
      )`);
    await queryRunner.query(`
      CREATE INDEX "emsp_commands_waiting_idx" ON ${S}."emsp_commands" ("deadline_at")
        WHERE "completed_at" IS NULL`);
    await queryRunner.query(`
      CREATE TABLE ${S}."pull_sync_state" (
        "partner_id" text NOT NULL,
        "module" text NOT NULL,
        "watermark" timestamptz,
        "last_started_at" timestamptz,
        "last_success_at" timestamptz,
        "last_error" text,
        "last_error_at" timestamptz,
        "received" integer NOT NULL DEFAULT 0,
        "invalid" integer NOT NULL DEFAULT 0,
        "next_run_at" timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY ("partner_id", "module")
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE IF EXISTS ${S}."pull_sync_state"`);
    await queryRunner.query(`DROP TABLE IF EXISTS ${S}."emsp_commands"`);
  }
}
