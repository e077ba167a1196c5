import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Station registry (credentials, registration state, connection, last boot, connector statuses),
 * transactions with their id sequence (unique across gateway replicas), the stop ledger (duplicate
 * StopTransaction detection), the authorization cache fed by token.token.upserted, and command
 * claims (exactly one replica answers each ocpp.command.requested).
 */
export class OcppGatewayTables1763900000000 implements MigrationInterface {
  name = 'OcppGatewayTables1763900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "ocpp_gateway"."stations" (
        "station_id" text PRIMARY KEY,
        "password_hash" text,
        "description" text,
        "registration_status" text NOT NULL DEFAULT 'Accepted'
          CHECK ("registration_status" IN ('Accepted', 'Pending', 'Rejected')),
        "auto_registered" boolean NOT NULL DEFAULT false,
        "connection_id" uuid,
        "gateway_instance_id" text,
        "gateway_url" text,
        "ocpp_protocol" text,
        "connected_at" timestamptz,
        "disconnected_at" timestamptz,
        "last_seen_at" timestamptz,
        "last_boot" jsonb,
        "last_boot_at" timestamptz,
        "connector_statuses" jsonb NOT NULL DEFAULT '{}'::jsonb,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      `CREATE SEQUENCE "ocpp_gateway"."transaction_id_seq" AS integer START WITH 1 MAXVALUE 2147483647`,
    );
    await queryRunner.query(`
      CREATE TABLE "ocpp_gateway"."transactions" (
        "transaction_id" integer PRIMARY KEY,
        "station_id" text NOT NULL,
        "connector_id" integer NOT NULL,
        "id_tag" text NOT NULL,
        "id_tag_status" text NOT NULL,
        "meter_start_wh" integer NOT NULL,
        "started_at" timestamptz NOT NULL,
        "reservation_id" integer,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        UNIQUE ("station_id", "connector_id", "started_at", "id_tag", "meter_start_wh")
      )`);
    await queryRunner.query(
      `CREATE INDEX "transactions_id_tag_idx" ON "ocpp_gateway"."transactions" ("id_tag")`,
    );
    await queryRunner.query(`
      CREATE TABLE "ocpp_gateway"."transaction_stops" (
        "station_id" text NOT NULL,
        "transaction_id" integer NOT NULL,
        "meter_stop_wh" integer NOT NULL,
        "stopped_at" timestamptz NOT NULL,
        "recorded_at" timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY ("station_id", "transaction_id")
      )`);
    await queryRunner.query(`
      CREATE TABLE "ocpp_gateway"."auth_tokens" (
        "country_code" text NOT NULL,
        "party_id" text NOT NULL,
        "uid" text NOT NULL,
        "type" text NOT NULL,
        "contract_id" text NOT NULL,
        "valid" boolean NOT NULL,
        "whitelist" text NOT NULL,
        "last_updated" timestamptz NOT NULL,
        "token" jsonb NOT NULL,
        PRIMARY KEY ("country_code", "party_id", "uid")
      )`);
    await queryRunner.query(
      `CREATE INDEX "auth_tokens_uid_idx" ON "ocpp_gateway"."auth_tokens" ("uid")`,
    );
    await queryRunner.query(`
      CREATE TABLE "ocpp_gateway"."command_claims" (
        "command_id" uuid PRIMARY KEY,
        "gateway_instance_id" text NOT NULL,
        "claimed_at" timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "ocpp_gateway"."command_claims"`);
    await queryRunner.query(`DROP TABLE "ocpp_gateway"."auth_tokens"`);
    await queryRunner.query(`DROP TABLE "ocpp_gateway"."transaction_stops"`);
    await queryRunner.query(`DROP TABLE "ocpp_gateway"."transactions"`);
    await queryRunner.query(`DROP SEQUENCE "ocpp_gateway"."transaction_id_seq"`);
    await queryRunner.query(`DROP TABLE "ocpp_gateway"."stations"`);
  }
}
