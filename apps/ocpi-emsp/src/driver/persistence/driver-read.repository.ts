import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { BoundingBox } from '../domain/geo';
import type { StoredLocation } from '../domain/location-search';
import type { StoredSession } from '../domain/session-view';

const S = '"ocpi_emsp"';

export interface DriverTokenRow {
  uid: string;
  type: string;
  contract_id: string;
  issuer: string;
  valid: boolean;
  whitelist: string;
  visual_number: string | null;
  last_updated: string;
}

/**
 * Read-only queries of the driver API over what other modules own: our tokens (`emsp_tokens`,
 * written only through UpsertTokenUseCase), received locations, sessions and CDRs (written only by
 * the receivers), and the invoice projection.
 */
@Injectable()
export class DriverReadRepository {
  constructor(private readonly dataSource: DataSource) {}

  async tokensOf(driverId: string): Promise<DriverTokenRow[]> {
    const rows = (await this.dataSource.query(
      `SELECT uid, type, contract_id, issuer, valid, whitelist, visual_number, last_updated
         FROM ${S}."emsp_tokens" WHERE driver_id = $1 ORDER BY created_at, uid_key`,
      [driverId],
    )) as (Omit<DriverTokenRow, 'last_updated'> & { last_updated: Date })[];
    return rows.map((r) => ({ ...r, last_updated: r.last_updated.toISOString() }));
  }

  /** Any token with this uid (any type), with its owner. */
  async tokensByUid(uid: string): Promise<(DriverTokenRow & { driver_id: string | null })[]> {
    const rows = (await this.dataSource.query(
      `SELECT uid, type, contract_id, issuer, valid, whitelist, visual_number, last_updated, driver_id
         FROM ${S}."emsp_tokens" WHERE uid_key = upper($1)`,
      [uid],
    )) as (Omit<DriverTokenRow, 'last_updated'> & { last_updated: Date; driver_id: string })[];
    return rows.map((r) => ({ ...r, last_updated: r.last_updated.toISOString() }));
  }

  /**
   * Received, not deleted locations in the box (GiST index) and within `radiusM` of the centre,
   * nearest first (haversine in SQL), one page of them: the caller pages on until it has enough
   * matches, so a search parses only the locations it needs.
   */
  async nearestInBox(
    box: BoundingBox,
    centre: { lat: number; lon: number },
    radiusM: number,
    page: { offset: number; limit: number },
  ): Promise<{ partner_id: string; object: StoredLocation }[]> {
    return (await this.dataSource.query(
      `SELECT partner_id, object FROM (
         SELECT partner_id, object_key, object,
                2 * 6371008.8 * asin(least(1, sqrt(
                  sin(radians(lat - $5) / 2) ^ 2
                  + cos(radians($5)) * cos(radians(lat)) * sin(radians(lon - $6) / 2) ^ 2))) AS dist
           FROM (SELECT partner_id, object_key, object,
                        ${S}."geo_num"(object->'coordinates'->>'latitude') AS lat,
                        ${S}."geo_num"(object->'coordinates'->>'longitude') AS lon
                   FROM ${S}."received_locations"
                  WHERE deleted_at IS NULL
                    AND point(${S}."geo_num"(object->'coordinates'->>'longitude'),
                              ${S}."geo_num"(object->'coordinates'->>'latitude'))
                        <@ box(point($1, $2), point($3, $4))) AS boxed) AS c
        WHERE dist <= $7
        ORDER BY dist, object_key, partner_id
        OFFSET $8 LIMIT $9`,
      [
        box.minLon,
        box.minLat,
        box.maxLon,
        box.maxLat,
        centre.lat,
        centre.lon,
        radiusM,
        page.offset,
        page.limit,
      ],
    )) as { partner_id: string; object: StoredLocation }[];
  }

  /** Every partner's current copy of the location with this id. */
  async locationsById(
    locationId: string,
  ): Promise<{ partner_id: string; object: StoredLocation }[]> {
    return (await this.dataSource.query(
      `SELECT partner_id, object FROM ${S}."received_locations"
        WHERE object_key = upper($1) AND deleted_at IS NULL AND object IS NOT NULL`,
      [locationId],
    )) as { partner_id: string; object: StoredLocation }[];
  }

  /** Received sessions with this id that were charged with one of these token uids. */
  async sessionsById(
    sessionId: string,
    tokenUids: string[],
  ): Promise<{ partner_id: string; object: StoredSession }[]> {
    return (await this.dataSource.query(
      `SELECT partner_id, object FROM ${S}."received_sessions"
        WHERE object_key = upper($1) AND deleted_at IS NULL AND object IS NOT NULL
          AND upper(object->'cdr_token'->>'uid') = ANY($2::text[])`,
      [sessionId, tokenUids.map((u) => u.toUpperCase())],
    )) as { partner_id: string; object: StoredSession }[];
  }

  /** Received CDRs charged with these token uids, newest session first. */
  async cdrsOf(
    tokenUids: string[],
    page: { offset: number; limit: number },
  ): Promise<{ total: number; items: unknown[] }> {
    const uids = tokenUids.map((u) => u.toUpperCase());
    const [rows, count] = await Promise.all([
      this.dataSource.query(
        `SELECT cdr FROM ${S}."received_cdrs"
          WHERE upper(cdr->'cdr_token'->>'uid') = ANY($1::text[])
          ORDER BY cdr->>'start_date_time' DESC, cdr_key
          OFFSET $2 LIMIT $3`,
        [uids, page.offset, page.limit],
      ) as Promise<{ cdr: unknown }[]>,
      this.dataSource.query(
        `SELECT count(*)::int AS n FROM ${S}."received_cdrs"
          WHERE upper(cdr->'cdr_token'->>'uid') = ANY($1::text[])`,
        [uids],
      ) as Promise<{ n: number }[]>,
    ]);
    return { total: count[0]?.n ?? 0, items: rows.map((r) => r.cdr) };
  }
}
