import type { MigrationInterface, QueryRunner } from 'typeorm';
import { ocpiPushTablesDownSql, ocpiPushTablesUpSql } from '@voltlane/ocpi-core';

const S = '"ocpi_emsp"';

/**
 * ADR 0070: what CPO partners push to our eMSP (locations, tariffs, sessions, CDRs — each row owned
 * by the partner that pushed it), our eMSP tokens with their real-time authorizations, and the
 * OCPI push queue (tokens go out through it, ADR 0062). Object keys are upper-case ids (CiString).
 */
export class EmspReceiversTokens1763900300000 implements MigrationInterface {
  name = 'EmspReceiversTokens1763900300000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const sql of ocpiPushTablesUpSql('ocpi_emsp')) await queryRunner.query(sql);
    for (const table of ['received_locations', 'received_tariffs', 'received_sessions']) {
      await queryRunner.query(`
        CREATE TABLE ${S}."${table}" (
          "partner_id" text NOT NULL,
          "country_code" text NOT NULL CHECK ("country_code" = upper("country_code")),
          "party_id" text NOT NULL CHECK ("party_id" = upper("party_id")),
          "object_key" text NOT NULL CHECK ("object_key" = upper("object_key")),
          "object_id" text NOT NULL,
          "last_updated" timestamptz NOT NULL,
          "object" jsonb,
          "deleted_at" timestamptz,
          "received_at" timestamptz NOT NULL DEFAULT now(),
          PRIMARY KEY ("partner_id", "country_code", "party_id", "object_key")
        )`);
    }
    await queryRunner.query(`
      CREATE TABLE ${S}."received_cdrs" (
        "partner_id" text NOT NULL,
        "cdr_key" text NOT NULL CHECK ("cdr_key" = upper("cdr_key")),
        "cdr_id" text NOT NULL,
        "country_code" text NOT NULL,
        "party_id" text NOT NULL,
        "cdr" jsonb NOT NULL,
        "received_at" timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY ("partner_id", "cdr_key")
      )`);
    await queryRunner.query(`
      CREATE TABLE ${S}."emsp_tokens" (
        "uid_key" text NOT NULL CHECK ("uid_key" = upper("uid_key")),
        "type" text NOT NULL CHECK ("type" IN ('AD_HOC_USER', 'APP_USER', 'OTHER', 'RFID')),
        "uid" text NOT NULL,
        "contract_id" text NOT NULL,
        "issuer" text NOT NULL,
        "valid" boolean NOT NULL,
        "whitelist" text NOT NULL,
        "visual_number" text,
        "group_id" text,
        "language" text,
        "default_profile_type" text,
        "energy_contract" jsonb,
        "driver_id" text,
        "last_updated" timestamptz NOT NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY ("uid_key", "type")
      )`);
    // OCPI Sender GET list: stable order (last_updated, uid, type)
    await queryRunner.query(
      `CREATE INDEX "emsp_tokens_list_ix" ON ${S}."emsp_tokens" ("last_updated", "uid_key", "type")`,
    );
    await queryRunner.query(
      `CREATE INDEX "emsp_tokens_driver_ix" ON ${S}."emsp_tokens" ("driver_id") WHERE "driver_id" IS NOT NULL`,
    );
    // which CPO partner was already sent which token (initial load of later registrations)
    await queryRunner.query(`
      CREATE TABLE ${S}."token_partner_sync" (
        "partner_id" text NOT NULL,
        "uid_key" text NOT NULL,
        "type" text NOT NULL,
        "synced_at" timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY ("partner_id", "uid_key", "type")
      )`);
    await queryRunner.query(`
      CREATE TABLE ${S}."token_authorizations" (
        "id" bigserial PRIMARY KEY,
        "authorization_reference" text UNIQUE,
        "partner_id" text NOT NULL,
        "token_uid" text NOT NULL,
        "token_type" text NOT NULL,
        "allowed" text NOT NULL,
        "location" jsonb,
        "created_at" timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'token_authorizations',
      'token_partner_sync',
      'emsp_tokens',
      'received_cdrs',
      'received_sessions',
      'received_tariffs',
      'received_locations',
    ]) {
      await queryRunner.query(`DROP TABLE ${S}."${table}"`);
    }
    for (const sql of ocpiPushTablesDownSql('ocpi_emsp')) await queryRunner.query(sql);
  }
}
