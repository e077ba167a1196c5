import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

const S = '"ocpi_cpo"';

const rowsOf = <T>(result: unknown): T[] =>
  (Array.isArray(result) && Array.isArray(result[0]) ? result[0] : result) as T[];

/**
 * Which partner was already sent which object (a full PUT enqueued), per module: an EVSE PATCH
 * may only follow a Location PUT at that partner, and partners registered later get the full
 * objects once. The only TypeORM user of partner_object_sync.
 */
@Injectable()
export class PartnerSyncRepository {
  /** Marks the pairs synced; returns the partner ids that were not synced before. */
  async markSynced(
    manager: EntityManager,
    module: string,
    objectKey: string,
    partnerIds: string[],
  ): Promise<Set<string>> {
    if (partnerIds.length === 0) return new Set();
    const rows = rowsOf<{ partner_id: string }>(
      await manager.query(
        `INSERT INTO ${S}."partner_object_sync" (partner_id, module, object_key)
         SELECT p, $2, $3 FROM unnest($1::text[]) AS p
         ON CONFLICT DO NOTHING RETURNING partner_id`,
        [partnerIds, module, objectKey],
      ),
    );
    return new Set(rows.map((r) => r.partner_id));
  }

  /** Partners that were sent the object. */
  async syncedPartners(
    manager: EntityManager,
    module: string,
    objectKey: string,
  ): Promise<string[]> {
    const rows = (await manager.query(
      `SELECT partner_id FROM ${S}."partner_object_sync" WHERE module = $1 AND object_key = $2
        ORDER BY partner_id`,
      [module, objectKey],
    )) as { partner_id: string }[];
    return rows.map((r) => r.partner_id);
  }

  /**
   * Forgets what a partner was sent before it (re-)registered: a partner that unregistered and
   * registered again starts from an empty copy, so it gets every object again.
   */
  async forgetBefore(manager: EntityManager, partnerId: string, registeredAt: Date): Promise<void> {
    await manager.query(
      `DELETE FROM ${S}."partner_object_sync" WHERE partner_id = $1 AND synced_at < $2`,
      [partnerId, registeredAt],
    );
  }

  /**
   * A partner that answers an EVSE PATCH with 404 / OCPI 2003 does not know the Location (it lost
   * it, or never stored it): the Location is forgotten for that partner, so the next sweep PUTs it
   * in full — a `replacesPending` PUT that supersedes the PATCH waiting in backoff (ocpi/ocpi#406;
   * ocpi-essentials §5). Reads the push queue of our own schema (ADR 0062 table). Returns how many.
   */
  async forgetLocationsRejectedAsUnknown(manager: EntityManager): Promise<number> {
    const rows = rowsOf<{ partner_id: string }>(
      await manager.query(
        `DELETE FROM ${S}."partner_object_sync" s
          USING (
            SELECT DISTINCT q.partner_id, q.object_key FROM ${S}."ocpi_push_queue" q
             WHERE q.status = 'pending' AND q.module = 'locations' AND q.method = 'PATCH'
               AND (q.last_http_status = 404 OR q.last_ocpi_status = 2003)
               AND (q.lease_until IS NULL OR q.lease_until < clock_timestamp())
          ) rejected, ${S}."locations" l
          WHERE s.module = 'locations' AND s.partner_id = rejected.partner_id
            AND l.location_key = s.object_key
            AND rejected.object_key = 'location:' || l.country_code || '/' || l.party_id || '/' || l.location_key
          RETURNING s.partner_id`,
      ),
    );
    return rows.length;
  }

  /** Forgets the object for every partner (it is no longer shown to them). */
  async forget(manager: EntityManager, module: string, objectKey: string): Promise<void> {
    await manager.query(
      `DELETE FROM ${S}."partner_object_sync" WHERE module = $1 AND object_key = $2`,
      [module, objectKey],
    );
  }
}
