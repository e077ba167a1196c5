import type { MigrationInterface, QueryRunner } from 'typeorm';
import { ocpiPushTablesDownSql, ocpiPushTablesUpSql } from '@voltlane/ocpi-core';

/**
 * The OCPI push queue of ocpi-cpo (ADR 0062; every CPO module pushes through it), and:
 * locations (with the EVSE ↔ OCPP station/connector map and the live OCPP status), station
 * connection state, our tariffs as pushed to eMSPs, and which partner already got which object
 * (ADR 0064).
 */
export class LocationsTariffsPushQueue1763900000000 implements MigrationInterface {
  name = 'LocationsTariffsPushQueue1763900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const sql of ocpiPushTablesUpSql('ocpi_cpo')) await queryRunner.query(sql);
    await queryRunner.query(`
      CREATE TABLE "ocpi_cpo"."locations" (
        "location_key" text PRIMARY KEY CHECK ("location_key" = upper("location_key")),
        "location_id" text NOT NULL,
        "country_code" text NOT NULL,
        "party_id" text NOT NULL,
        "publish" boolean NOT NULL,
        "visible" boolean NOT NULL,
        "listed" boolean NOT NULL,
        "last_updated" timestamptz NOT NULL,
        "location" jsonb NOT NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now()
      )`);
    // OCPI Sender GET list: stable order (last_updated, id) over listed locations only
    await queryRunner.query(
      `CREATE INDEX "locations_listed_ix" ON "ocpi_cpo"."locations" ("last_updated", "location_key")
        WHERE "listed"`,
    );
    await queryRunner.query(`
      CREATE TABLE "ocpi_cpo"."location_evses" (
        "evse_key" text PRIMARY KEY CHECK ("evse_key" = upper("evse_key")),
        "evse_uid" text NOT NULL,
        "location_key" text NOT NULL REFERENCES "ocpi_cpo"."locations" ("location_key"),
        "station_id" text NOT NULL,
        "ocpp_connector_id" integer NOT NULL,
        "ocpi_connector_id" text NOT NULL,
        "removed" boolean NOT NULL DEFAULT false,
        "ocpp_status" text,
        "ocpp_status_at" timestamptz
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "location_evses_station_connector_ux" ON "ocpi_cpo"."location_evses"
        ("station_id", "ocpp_connector_id") WHERE NOT "removed"`,
    );
    await queryRunner.query(
      `CREATE INDEX "location_evses_location_ix" ON "ocpi_cpo"."location_evses" ("location_key")`,
    );
    await queryRunner.query(`
      CREATE TABLE "ocpi_cpo"."station_connections" (
        "station_id" text PRIMARY KEY,
        "connection_id" uuid NOT NULL,
        "connected" boolean NOT NULL,
        "changed_at" timestamptz NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE "ocpi_cpo"."tariffs" (
        "country_code" text NOT NULL CHECK ("country_code" = upper("country_code")),
        "party_id" text NOT NULL CHECK ("party_id" = upper("party_id")),
        "tariff_key" text NOT NULL CHECK ("tariff_key" = upper("tariff_key")),
        "tariff_id" text NOT NULL,
        "last_updated" timestamptz NOT NULL,
        "tariff" jsonb,
        "deleted_at" timestamptz,
        CONSTRAINT "tariffs_pk" PRIMARY KEY ("country_code", "party_id", "tariff_key")
      )`);
    await queryRunner.query(
      `CREATE INDEX "tariffs_listed_ix" ON "ocpi_cpo"."tariffs" ("last_updated", "tariff_key")
        WHERE "deleted_at" IS NULL`,
    );
    await queryRunner.query(`
      CREATE TABLE "ocpi_cpo"."partner_object_sync" (
        "partner_id" text NOT NULL,
        "module" text NOT NULL,
        "object_key" text NOT NULL,
        "synced_at" timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY ("partner_id", "module", "object_key")
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "ocpi_cpo"."partner_object_sync"`);
    await queryRunner.query(`DROP TABLE "ocpi_cpo"."tariffs"`);
    await queryRunner.query(`DROP TABLE "ocpi_cpo"."station_connections"`);
    await queryRunner.query(`DROP TABLE "ocpi_cpo"."location_evses"`);
    await queryRunner.query(`DROP TABLE "ocpi_cpo"."locations"`);
    for (const sql of ocpiPushTablesDownSql('ocpi_cpo')) await queryRunner.query(sql);
  }
}
