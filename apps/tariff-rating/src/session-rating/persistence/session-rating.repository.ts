import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** Location time zones and the sessions already rated (at most one rating per session). */
@Injectable()
export class SessionRatingRepository {
  async upsertTimeZone(
    manager: EntityManager,
    locationId: string,
    timeZone: string,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO "tariff_rating"."location_time_zones" (location_key, location_id, time_zone)
       VALUES (upper($1), $1, $2)
       ON CONFLICT (location_key) DO UPDATE SET time_zone = EXCLUDED.time_zone, updated_at = now()`,
      [locationId, timeZone],
    );
  }

  async timeZoneOf(manager: EntityManager, locationId: string): Promise<string | null> {
    const rows = (await manager.query(
      `SELECT time_zone FROM "tariff_rating"."location_time_zones" WHERE location_key = upper($1)`,
      [locationId],
    )) as { time_zone: string }[];
    return rows[0]?.time_zone ?? null;
  }

  /** True when this call recorded the session; false when it had been rated before. */
  async markRated(
    manager: EntityManager,
    sessionId: string,
    revision: number,
    tariffId: string,
  ): Promise<boolean> {
    const rows = (await manager.query(
      `INSERT INTO "tariff_rating"."rated_sessions" (session_id, revision, tariff_id)
       VALUES ($1, $2, $3) ON CONFLICT (session_id) DO NOTHING RETURNING session_id`,
      [sessionId, revision, tariffId],
    )) as unknown[];
    return rows.length > 0;
  }

  /** True when `revision` is newer than the last priced one (and records it). */
  async advanceCostRevision(
    manager: EntityManager,
    sessionId: string,
    revision: number,
  ): Promise<boolean> {
    const rows = (await manager.query(
      `INSERT INTO "tariff_rating"."session_costs" (session_id, revision) VALUES ($1, $2)
       ON CONFLICT (session_id) DO UPDATE SET revision = EXCLUDED.revision, calculated_at = now()
         WHERE "session_costs".revision < EXCLUDED.revision
       RETURNING session_id`,
      [sessionId, revision],
    )) as unknown[];
    return rows.length > 0;
  }
}
