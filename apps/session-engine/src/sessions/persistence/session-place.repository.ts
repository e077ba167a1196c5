import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ConnectorMapping } from '../domain/session-place';
import type { LocationVersion, SessionPlaceStore } from './remote-start.store';

const S = '"session_engine"';
const iso = (ms: number) => new Date(ms).toISOString();

interface MappingRow {
  station_id: string;
  ocpp_connector_id: number;
  location_id: string;
  evse_uid: string;
  evse_id: string | null;
  connector_id: string;
}

/** Location versions and the station ↔ EVSE map, from `location.location.upserted`. */
@Injectable()
export class SessionPlaceRepository {
  bind(manager: EntityManager): SessionPlaceStore {
    return new TransactionalSessionPlaceStore(manager);
  }
}

class TransactionalSessionPlaceStore implements SessionPlaceStore {
  constructor(private readonly manager: EntityManager) {}

  async lockStations(stationIds: readonly string[]): Promise<void> {
    if (stationIds.length === 0) return;
    await this.manager.query(
      `SELECT pg_advisory_xact_lock(hashtextextended(k, 0)) FROM (
         SELECT DISTINCT 'voltlane-station-place:' || x AS k FROM unnest($1::text[]) AS x ORDER BY 1
       ) AS locks`,
      [[...new Set(stationIds)]],
    );
  }

  async recordLocation(v: LocationVersion): Promise<boolean> {
    // Writers of one location serialise here, so "is this the newest version" cannot race.
    await this.manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [
      `voltlane-location:${v.locationId}`,
    ]);
    const inserted: unknown[] = await this.manager.query(
      `INSERT INTO ${S}."location_versions" ("location_id", "last_updated", "time_zone",
         "location", "connector_mappings")
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING RETURNING "location_id"`,
      [
        v.locationId,
        iso(v.lastUpdated),
        v.timeZone,
        JSON.stringify(v.location),
        JSON.stringify(v.mappings),
      ],
    );
    if (inserted.length === 0) return false;
    const newer: unknown[] = await this.manager.query(
      `SELECT 1 FROM ${S}."location_versions" WHERE "location_id" = $1 AND "last_updated" > $2 LIMIT 1`,
      [v.locationId, iso(v.lastUpdated)],
    );
    if (newer.length > 0) return true; // an older version arriving late: kept for snapshots only
    await this.manager.query(`DELETE FROM ${S}."station_connectors" WHERE "location_id" = $1`, [
      v.locationId,
    ]);
    if (v.mappings.length > 0) {
      await this.manager.query(
        `INSERT INTO ${S}."station_connectors" ("station_id", "ocpp_connector_id", "location_id",
           "evse_uid", "evse_id", "connector_id", "updated_at")
         SELECT m.station_id, m.ocpp_connector_id, $1, m.evse_uid, m.evse_id, m.connector_id, now()
         FROM jsonb_to_recordset($2::jsonb) AS m(station_id text, ocpp_connector_id int,
           evse_uid text, evse_id text, connector_id text)
         ON CONFLICT ("station_id", "ocpp_connector_id") DO UPDATE SET
           "location_id" = EXCLUDED."location_id", "evse_uid" = EXCLUDED."evse_uid",
           "evse_id" = EXCLUDED."evse_id", "connector_id" = EXCLUDED."connector_id",
           "updated_at" = now()`,
        [
          v.locationId,
          JSON.stringify(
            v.mappings.map((m) => ({
              station_id: m.stationId,
              ocpp_connector_id: m.ocppConnectorId,
              evse_uid: m.evseUid,
              evse_id: m.evseId ?? null,
              connector_id: m.connectorId,
            })),
          ),
        ],
      );
    }
    return true;
  }

  async mappingOf(
    stationId: string,
    connectorId: number | undefined,
  ): Promise<ConnectorMapping | undefined> {
    const rows: MappingRow[] = await this.manager.query(
      `SELECT * FROM ${S}."station_connectors"
       WHERE "station_id" = $1 AND ($2::int IS NULL OR "ocpp_connector_id" = $2)
       ORDER BY "ocpp_connector_id" LIMIT 1`,
      [stationId, connectorId ?? null],
    );
    const r = rows[0];
    if (!r) return undefined;
    const mapping: ConnectorMapping = {
      stationId: r.station_id,
      ocppConnectorId: r.ocpp_connector_id,
      locationId: r.location_id,
      evseUid: r.evse_uid,
      connectorId: r.connector_id,
    };
    if (r.evse_id !== null) mapping.evseId = r.evse_id;
    return mapping;
  }

  async locationAt(locationId: string, at: number): Promise<Record<string, unknown> | undefined> {
    const rows: { location: Record<string, unknown> }[] = await this.manager.query(
      `SELECT "location" FROM ${S}."location_versions" WHERE "location_id" = $1
       ORDER BY ("last_updated" <= $2) DESC,
         CASE WHEN "last_updated" <= $2 THEN "last_updated" END DESC, "last_updated"
       LIMIT 1`,
      [locationId, iso(at)],
    );
    return rows[0]?.location;
  }
}
