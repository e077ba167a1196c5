import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import {
  isListed,
  isVisible,
  keyOf,
  type EvseMappingRecord,
  type LocationJson,
} from '../domain/location-master-data';
import { EvseUidTakenError, StationConnectorTakenError } from '../domain/location.errors';

const S = '"ocpi_cpo"';

/** A stored location with its EVSE rows (OCPP mapping, live OCPP status). */
export interface StoredLocation {
  locationKey: string;
  location: LocationJson;
  evses: StoredEvse[];
}

export interface StoredEvse extends EvseMappingRecord {
  ocppStatus: string | null;
  ocppStatusAt: Date | null;
}

/** Where an OCPP station connector is in OCPI (an active EVSE). */
export interface StationConnectorPlace {
  locationKey: string;
  locationId: string;
  evseUid: string;
  ocpiConnectorId: string;
  ocppStatusAt: Date | null;
}

interface EvseRow {
  evse_uid: string;
  station_id: string;
  ocpp_connector_id: number;
  ocpi_connector_id: string;
  removed: boolean;
  ocpp_status: string | null;
  ocpp_status_at: Date | null;
}

const toEvse = (r: EvseRow): StoredEvse => ({
  evseUid: r.evse_uid,
  stationId: r.station_id,
  ocppConnectorId: r.ocpp_connector_id,
  ocpiConnectorId: r.ocpi_connector_id,
  removed: r.removed,
  ocppStatus: r.ocpp_status,
  ocppStatusAt: r.ocpp_status_at,
});

const rowsOf = <T>(result: unknown): T[] =>
  (Array.isArray(result) && Array.isArray(result[0]) ? result[0] : result) as T[];

/** The only TypeORM user of locations, location_evses and station_connections. */
@Injectable()
export class LocationRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The location and its EVSE rows, the location row locked for the transaction. */
  async findForUpdate(manager: EntityManager, locationId: string): Promise<StoredLocation | null> {
    const rows = (await manager.query(
      `SELECT location_key, location FROM ${S}."locations" WHERE location_key = $1 FOR UPDATE`,
      [keyOf(locationId)],
    )) as { location_key: string; location: LocationJson }[];
    if (!rows[0]) return null;
    return {
      locationKey: rows[0].location_key,
      location: rows[0].location,
      evses: await this.evsesOf(manager, rows[0].location_key),
    };
  }

  async find(locationId: string): Promise<StoredLocation | null> {
    const rows = (await this.dataSource.query(
      `SELECT location_key, location FROM ${S}."locations" WHERE location_key = $1`,
      [keyOf(locationId)],
    )) as { location_key: string; location: LocationJson }[];
    if (!rows[0]) return null;
    return {
      locationKey: rows[0].location_key,
      location: rows[0].location,
      evses: await this.evsesOf(this.dataSource.manager, rows[0].location_key),
    };
  }

  /** A location partners may see (published or with publish_allowed_to), else null. */
  async findVisible(locationId: string): Promise<LocationJson | null> {
    const rows = (await this.dataSource.query(
      `SELECT location FROM ${S}."locations" WHERE location_key = $1 AND visible`,
      [keyOf(locationId)],
    )) as { location: LocationJson }[];
    return rows[0]?.location ?? null;
  }

  private async evsesOf(manager: EntityManager, locationKey: string): Promise<StoredEvse[]> {
    const rows = (await manager.query(
      `SELECT evse_uid, station_id, ocpp_connector_id, ocpi_connector_id, removed, ocpp_status,
              ocpp_status_at
         FROM ${S}."location_evses" WHERE location_key = $1 ORDER BY evse_key`,
      [locationKey],
    )) as EvseRow[];
    return rows.map(toEvse);
  }

  /**
   * Live OCPP status per EVSE (upper-case uid) for the EVSEs that would be mapped to the same
   * station connector, and the connection state of their stations.
   */
  async liveStates(
    manager: EntityManager,
    mappings: Map<string, { stationId: string; connectorId: number }>,
  ): Promise<Map<string, { ocppStatus: string | null; connected: boolean | undefined }>> {
    const keys = [...mappings.keys()];
    if (keys.length === 0) return new Map();
    const rows = (await manager.query(
      `SELECT e.evse_key, e.station_id, e.ocpp_connector_id, e.ocpp_status, c.connected
         FROM ${S}."location_evses" e
         LEFT JOIN ${S}."station_connections" c ON c.station_id = e.station_id
        WHERE e.evse_key = ANY($1)`,
      [keys],
    )) as {
      evse_key: string;
      station_id: string;
      ocpp_connector_id: number;
      ocpp_status: string | null;
      connected: boolean | null;
    }[];
    const out = new Map<string, { ocppStatus: string | null; connected: boolean | undefined }>();
    for (const r of rows) {
      const m = mappings.get(r.evse_key);
      if (!m || m.stationId !== r.station_id || m.connectorId !== r.ocpp_connector_id) continue;
      out.set(r.evse_key, { ocppStatus: r.ocpp_status, connected: r.connected ?? undefined });
    }
    return out;
  }

  /**
   * Writes the location and its EVSE rows. EVSE uids are unique across all our locations and an
   * OCPP connector serves one active EVSE: violations → 409.
   */
  async save(
    manager: EntityManager,
    location: LocationJson,
    evses: EvseMappingRecord[],
  ): Promise<void> {
    const locationKey = keyOf(location.id);
    const evseKeys = evses.map((e) => keyOf(e.evseUid));
    if (evseKeys.length > 0) {
      const taken = (await manager.query(
        `SELECT evse_uid, location_key FROM ${S}."location_evses"
          WHERE evse_key = ANY($1) AND location_key <> $2`,
        [evseKeys, locationKey],
      )) as { evse_uid: string; location_key: string }[];
      if (taken.length > 0) {
        throw new EvseUidTakenError(
          `EVSE uid ${taken.map((t) => `${t.evse_uid} (location ${t.location_key})`).join(', ')} is already used`,
        );
      }
      const active = evses.filter((e) => !e.removed);
      if (active.length > 0) {
        const busy = (await manager.query(
          `SELECT e.evse_uid, e.station_id, e.ocpp_connector_id FROM ${S}."location_evses" e
             JOIN unnest($1::text[], $2::int[]) AS m(station_id, connector_id)
               ON e.station_id = m.station_id AND e.ocpp_connector_id = m.connector_id
            WHERE NOT e.removed AND e.evse_key <> ALL($3)`,
          [active.map((e) => e.stationId), active.map((e) => e.ocppConnectorId), evseKeys],
        )) as { evse_uid: string; station_id: string; ocpp_connector_id: number }[];
        if (busy.length > 0) {
          throw new StationConnectorTakenError(
            busy
              .map(
                (b) =>
                  `station ${b.station_id} connector ${b.ocpp_connector_id} already serves EVSE ${b.evse_uid}`,
              )
              .join('; '),
          );
        }
      }
    }
    await manager.query(
      `INSERT INTO ${S}."locations"
         (location_key, location_id, country_code, party_id, publish, visible, listed,
          last_updated, location)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (location_key) DO UPDATE SET
         location_id = EXCLUDED.location_id, country_code = EXCLUDED.country_code,
         party_id = EXCLUDED.party_id, publish = EXCLUDED.publish, visible = EXCLUDED.visible,
         listed = EXCLUDED.listed, last_updated = EXCLUDED.last_updated,
         location = EXCLUDED.location, updated_at = now()`,
      [
        locationKey,
        location.id,
        location.country_code,
        location.party_id,
        location.publish,
        isVisible(location),
        isListed(location),
        location.last_updated,
        JSON.stringify(location),
      ],
    );
    if (evses.length === 0) return;
    // retire first, so a connector moving between EVSEs never collides on the unique index
    const ordered = [...evses].sort((a, b) => Number(b.removed) - Number(a.removed));
    for (const e of ordered) {
      try {
        await manager.query(
          `INSERT INTO ${S}."location_evses"
             (evse_key, evse_uid, location_key, station_id, ocpp_connector_id, ocpi_connector_id,
              removed)
           VALUES ($1, $2, $3, $4, $5, $6, $7)
           ON CONFLICT (evse_key) DO UPDATE SET
             evse_uid = EXCLUDED.evse_uid, removed = EXCLUDED.removed,
             ocpi_connector_id = EXCLUDED.ocpi_connector_id,
             station_id = EXCLUDED.station_id, ocpp_connector_id = EXCLUDED.ocpp_connector_id,
             ocpp_status = CASE
               WHEN (${S}."location_evses".station_id, ${S}."location_evses".ocpp_connector_id)
                    = (EXCLUDED.station_id, EXCLUDED.ocpp_connector_id)
               THEN ${S}."location_evses".ocpp_status END,
             ocpp_status_at = CASE
               WHEN (${S}."location_evses".station_id, ${S}."location_evses".ocpp_connector_id)
                    = (EXCLUDED.station_id, EXCLUDED.ocpp_connector_id)
               THEN ${S}."location_evses".ocpp_status_at END`,
          [
            keyOf(e.evseUid),
            e.evseUid,
            locationKey,
            e.stationId,
            e.ocppConnectorId,
            e.ocpiConnectorId,
            e.removed,
          ],
        );
      } catch (error) {
        if ((error as { code?: string }).code === '23505') {
          throw new StationConnectorTakenError(
            `station ${e.stationId} connector ${e.ocppConnectorId} already serves another EVSE`,
          );
        }
        throw error;
      }
    }
  }

  /** Updates only the stored object (status changes from OCPP), keeping the row's flags right. */
  async saveObject(manager: EntityManager, location: LocationJson): Promise<void> {
    await manager.query(
      `UPDATE ${S}."locations" SET location = $2, last_updated = $3, listed = $4,
              updated_at = now()
        WHERE location_key = $1`,
      [keyOf(location.id), JSON.stringify(location), location.last_updated, isListed(location)],
    );
  }

  /** The active EVSE an OCPP station connector serves, if any. */
  async placeOf(
    manager: EntityManager,
    stationId: string,
    ocppConnectorId: number,
  ): Promise<StationConnectorPlace | null> {
    const rows = (await manager.query(
      `SELECT e.location_key, l.location_id, e.evse_uid, e.ocpi_connector_id, e.ocpp_status_at
         FROM ${S}."location_evses" e JOIN ${S}."locations" l USING (location_key)
        WHERE e.station_id = $1 AND e.ocpp_connector_id = $2 AND NOT e.removed`,
      [stationId, ocppConnectorId],
    )) as {
      location_key: string;
      location_id: string;
      evse_uid: string;
      ocpi_connector_id: string;
      ocpp_status_at: Date | null;
    }[];
    const r = rows[0];
    return r
      ? {
          locationKey: r.location_key,
          locationId: r.location_id,
          evseUid: r.evse_uid,
          ocpiConnectorId: r.ocpi_connector_id,
          ocppStatusAt: r.ocpp_status_at,
        }
      : null;
  }

  /** The active EVSEs of a station with their last OCPP status. */
  async activeEvsesOfStation(
    manager: EntityManager,
    stationId: string,
  ): Promise<{ locationKey: string; evseUid: string; ocppStatus: string | null }[]> {
    const rows = (await manager.query(
      `SELECT location_key, evse_uid, ocpp_status FROM ${S}."location_evses"
        WHERE station_id = $1 AND NOT removed ORDER BY location_key, evse_key`,
      [stationId],
    )) as { location_key: string; evse_uid: string; ocpp_status: string | null }[];
    return rows.map((r) => ({
      locationKey: r.location_key,
      evseUid: r.evse_uid,
      ocppStatus: r.ocpp_status,
    }));
  }

  async recordOcppStatus(
    manager: EntityManager,
    evseUid: string,
    status: string,
    at: string,
  ): Promise<void> {
    await manager.query(
      `UPDATE ${S}."location_evses" SET ocpp_status = $2, ocpp_status_at = $3 WHERE evse_key = $1`,
      [keyOf(evseUid), status, at],
    );
  }

  /** Station connection state; returns false when the change is older than the stored one. */
  async recordConnection(
    manager: EntityManager,
    stationId: string,
    connectionId: string,
    connected: boolean,
    at: string,
  ): Promise<boolean> {
    const current = (await manager.query(
      `SELECT connection_id, connected, changed_at FROM ${S}."station_connections"
        WHERE station_id = $1 FOR UPDATE`,
      [stationId],
    )) as { connection_id: string; connected: boolean; changed_at: Date }[];
    const row = current[0];
    if (row) {
      // a disconnect of an older connection after a reconnect is stale
      if (!connected && row.connection_id !== connectionId) return false;
      if (row.changed_at.getTime() > Date.parse(at)) return false;
    }
    await manager.query(
      `INSERT INTO ${S}."station_connections" (station_id, connection_id, connected, changed_at)
       VALUES ($1, $2, $3, $4)
       ON CONFLICT (station_id) DO UPDATE SET connection_id = EXCLUDED.connection_id,
         connected = EXCLUDED.connected, changed_at = EXCLUDED.changed_at`,
      [stationId, connectionId, connected, at],
    );
    return true;
  }

  async stationConnected(manager: EntityManager, stationId: string): Promise<boolean | undefined> {
    const rows = (await manager.query(
      `SELECT connected FROM ${S}."station_connections" WHERE station_id = $1`,
      [stationId],
    )) as { connected: boolean }[];
    return rows[0]?.connected;
  }

  /** OCPI GET list page: listed locations, `(last_updated, id)` order, date_from ≤ t < date_to. */
  async listPage(query: {
    offset: number;
    limit: number;
    dateFrom?: Date;
    dateTo?: Date;
  }): Promise<{ total: number; items: LocationJson[] }> {
    const where = [`listed`];
    const params: unknown[] = [];
    if (query.dateFrom) {
      params.push(query.dateFrom);
      where.push(`last_updated >= $${params.length}`);
    }
    if (query.dateTo) {
      params.push(query.dateTo);
      where.push(`last_updated < $${params.length}`);
    }
    const filter = where.join(' AND ');
    const [rows, count] = await Promise.all([
      this.dataSource.query(
        `SELECT location FROM ${S}."locations" WHERE ${filter}
          ORDER BY last_updated, location_key OFFSET $${params.length + 1} LIMIT $${params.length + 2}`,
        [...params, query.offset, query.limit],
      ) as Promise<{ location: LocationJson }[]>,
      this.dataSource.query(
        `SELECT count(*)::int AS n FROM ${S}."locations" WHERE ${filter}`,
        params,
      ) as Promise<{ n: number }[]>,
    ]);
    return { total: count[0]?.n ?? 0, items: rows.map((r) => r.location) };
  }

  /** Visible locations a partner has not been sent yet (locked, others skipped). */
  async unsyncedVisible(
    manager: EntityManager,
    partnerId: string,
    limit: number,
  ): Promise<LocationJson[]> {
    const rows = rowsOf<{ location: LocationJson }>(
      await manager.query(
        `SELECT l.location FROM ${S}."locations" l
          WHERE l.listed AND NOT EXISTS (
            SELECT 1 FROM ${S}."partner_object_sync" s
             WHERE s.partner_id = $1 AND s.module = 'locations' AND s.object_key = l.location_key)
          ORDER BY l.location_key LIMIT $2 FOR UPDATE OF l SKIP LOCKED`,
        [partnerId, limit],
      ),
    );
    return rows.map((r) => r.location);
  }
}
