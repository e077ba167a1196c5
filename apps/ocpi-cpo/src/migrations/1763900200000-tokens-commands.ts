import type { MigrationInterface, QueryRunner } from 'typeorm';
import { ocpiPushUrlColumnUpSql } from '@voltlane/ocpi-core';

/**
 * Received tokens, real-time authorization decisions, OCPI commands / charging-profile requests
 * sent to stations (one CommandResult per command), our own OCPP reservation ids, the sessions
 * commands can address (station + transaction), and HubClientInfo (ADR 0066). Also the push
 * queue's absolute `url` column (response_url callbacks).
 */
export class TokensCommands1763900200000 implements MigrationInterface {
  name = 'TokensCommands1763900200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(ocpiPushUrlColumnUpSql('ocpi_cpo'));
    await queryRunner.query(`
      CREATE TABLE "ocpi_cpo"."tokens" (
        "country_code" text NOT NULL CHECK ("country_code" = upper("country_code")),
        "party_id" text NOT NULL CHECK ("party_id" = upper("party_id")),
        "uid_key" text NOT NULL CHECK ("uid_key" = upper("uid_key")),
        "type" text NOT NULL,
        "uid" text NOT NULL,
        "partner_id" text NOT NULL,
        "whitelist" text NOT NULL,
        "valid" boolean NOT NULL,
        "last_updated" timestamptz NOT NULL,
        "token" jsonb NOT NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "tokens_pk" PRIMARY KEY ("country_code", "party_id", "uid_key", "type")
      )`);
    // real-time authorization looks a token up by its uid only (the OCPP idTag)
    await queryRunner.query(`CREATE INDEX "tokens_uid_ix" ON "ocpi_cpo"."tokens" ("uid_key")`);
    await queryRunner.query(`
      CREATE TABLE "ocpi_cpo"."authorization_decisions" (
        "request_id" uuid PRIMARY KEY,
        "station_id" text NOT NULL,
        "id_tag" text NOT NULL,
        "status" text NOT NULL,
        "decision_source" text NOT NULL,
        "authorization_reference" text,
        "token_country_code" text,
        "token_party_id" text,
        "partner_id" text,
        "emsp_http_status" integer,
        "emsp_ocpi_status" integer,
        "decided_at" timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE "ocpi_cpo"."remote_commands" (
        "command_id" uuid PRIMARY KEY,
        "partner_id" text NOT NULL,
        "module" text NOT NULL CHECK ("module" IN ('commands', 'chargingprofiles')),
        "kind" text NOT NULL,
        "ocpp_command" text NOT NULL,
        "station_id" text NOT NULL,
        "response_url" text NOT NULL,
        "emsp_country_code" text,
        "emsp_party_id" text,
        "session_id" text,
        "request" jsonb NOT NULL,
        "status" text NOT NULL DEFAULT 'WAITING' CHECK ("status" IN ('WAITING', 'ANSWERED')),
        "result" jsonb,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "expires_at" timestamptz NOT NULL,
        "answered_at" timestamptz
      )`);
    await queryRunner.query(
      `CREATE INDEX "remote_commands_waiting_ix" ON "ocpi_cpo"."remote_commands" ("expires_at")
        WHERE "status" = 'WAITING'`,
    );
    // OCPP reservationId is an integer of ours; never the eMSP's reservation_id
    await queryRunner.query(`CREATE SEQUENCE "ocpi_cpo"."ocpp_reservation_id_seq"`);
    await queryRunner.query(`
      CREATE TABLE "ocpi_cpo"."reservations" (
        "emsp_country_code" text NOT NULL,
        "emsp_party_id" text NOT NULL,
        "reservation_key" text NOT NULL CHECK ("reservation_key" = upper("reservation_key")),
        "reservation_id" text NOT NULL,
        "partner_id" text NOT NULL,
        "ocpp_reservation_id" integer NOT NULL UNIQUE,
        "location_id" text NOT NULL,
        "station_id" text NOT NULL,
        "ocpp_connector_id" integer NOT NULL,
        "expiry_date" timestamptz NOT NULL,
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "reservations_pk"
          PRIMARY KEY ("emsp_country_code", "emsp_party_id", "reservation_key")
      )`);
    // our own charging profile ids (OCPP chargingProfileId is an integer)
    await queryRunner.query(`CREATE SEQUENCE "ocpi_cpo"."ocpp_charging_profile_id_seq"`);
    await queryRunner.query(`
      CREATE TABLE "ocpi_cpo"."command_sessions" (
        "session_key" text PRIMARY KEY CHECK ("session_key" = upper("session_key")),
        "session_id" text NOT NULL,
        "station_id" text NOT NULL,
        "connector_id" integer NOT NULL,
        "transaction_id" text NOT NULL,
        "emsp_country_code" text,
        "emsp_party_id" text,
        "active" boolean NOT NULL,
        "revision" integer NOT NULL,
        "updated_at" timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE "ocpi_cpo"."hub_client_infos" (
        "partner_id" text NOT NULL,
        "country_code" text NOT NULL CHECK ("country_code" = upper("country_code")),
        "party_id" text NOT NULL CHECK ("party_id" = upper("party_id")),
        "role" text NOT NULL,
        "status" text NOT NULL,
        "last_updated" timestamptz NOT NULL,
        "client_info" jsonb NOT NULL,
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "hub_client_infos_pk" PRIMARY KEY ("partner_id", "country_code", "party_id")
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "ocpi_cpo"."hub_client_infos"`);
    await queryRunner.query(`DROP TABLE "ocpi_cpo"."command_sessions"`);
    await queryRunner.query(`DROP SEQUENCE "ocpi_cpo"."ocpp_charging_profile_id_seq"`);
    await queryRunner.query(`DROP TABLE "ocpi_cpo"."reservations"`);
    await queryRunner.query(`DROP SEQUENCE "ocpi_cpo"."ocpp_reservation_id_seq"`);
    await queryRunner.query(`DROP TABLE "ocpi_cpo"."remote_commands"`);
    await queryRunner.query(`DROP TABLE "ocpi_cpo"."authorization_decisions"`);
    await queryRunner.query(`DROP TABLE "ocpi_cpo"."tokens"`);
  }
}
