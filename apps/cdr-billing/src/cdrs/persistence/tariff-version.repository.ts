import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { SessionParts } from './cdr.repository';

export interface TariffRef {
  countryCode: string;
  partyId: string;
  tariffId: string;
}

export interface TariffVersion extends TariffRef {
  /** epoch ms (OCPI `last_updated`) */
  lastUpdated: number;
  tariff: Record<string, unknown>;
}

const S = '"cdr_billing"';
/** OCPI ids are CiStrings: tariffs are keyed upper-case. */
const keyOf = (r: TariffRef) => [
  r.countryCode.toUpperCase(),
  r.partyId.toUpperCase(),
  r.tariffId.toUpperCase(),
];

/** Tariff versions for the `tariffs` of CDRs, and the sessions waiting for one. */
@Injectable()
export class TariffVersionRepository {
  /**
   * Serialises a CDR waiting for tariffs and the arrival of one of them (transaction-scoped
   * advisory locks in a fixed order): either the CDR sees the tariff, or the tariff sees the
   * waiting CDR.
   */
  async lock(manager: EntityManager, refs: readonly TariffRef[]): Promise<void> {
    if (refs.length === 0) return;
    const keys = [...new Set(refs.map((r) => `voltlane-tariff:${keyOf(r).join(':')}`))].sort();
    await manager.query(
      `SELECT pg_advisory_xact_lock(hashtextextended(k, 0)) FROM unnest($1::text[]) AS k ORDER BY k`,
      [keys],
    );
  }

  /** Stores a version; false when it was stored before. */
  async save(manager: EntityManager, v: TariffVersion): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `INSERT INTO ${S}."tariff_versions" ("country_code", "party_id", "tariff_key", "last_updated", "tariff")
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING RETURNING "tariff_key"`,
      [...keyOf(v), new Date(v.lastUpdated).toISOString(), JSON.stringify(v.tariff)],
    );
    return rows.length === 1;
  }

  /**
   * The tariff as it was at `at` (epoch ms): the newest version with `last_updated` ≤ `at`, else the
   * oldest known one. Undefined when no version is known yet.
   */
  async versionAt(
    manager: EntityManager,
    ref: TariffRef,
    at: number,
  ): Promise<Record<string, unknown> | undefined> {
    const rows: { tariff: Record<string, unknown> }[] = await manager.query(
      `SELECT "tariff" FROM ${S}."tariff_versions"
       WHERE "country_code" = $1 AND "party_id" = $2 AND "tariff_key" = $3
       ORDER BY ("last_updated" <= $4) DESC,
         CASE WHEN "last_updated" <= $4 THEN "last_updated" END DESC, "last_updated"
       LIMIT 1`,
      [...keyOf(ref), new Date(at).toISOString()],
    );
    return rows[0]?.tariff;
  }

  /**
   * Sessions with both parts, no CDR yet, rated with this tariff (locked, in id order). SKIP LOCKED:
   * a row locked by a concurrent part writer is that writer's to finish (it waits for the tariff
   * lock held here and then sees the tariff), and waiting for it here could deadlock.
   */
  async lockWaitingFor(manager: EntityManager, ref: TariffRef): Promise<SessionParts[]> {
    return manager.query(
      `SELECT p."completed", p."rated" FROM ${S}."session_parts" p
       WHERE p."completed" IS NOT NULL AND p."rated" IS NOT NULL
         AND upper(p."rated"->>'countryCode') = $1 AND upper(p."rated"->>'partyId') = $2
         AND EXISTS (SELECT 1 FROM jsonb_array_elements_text(p."rated"->'tariffIds') AS t(id)
                     WHERE upper(t.id) = $3)
         AND NOT EXISTS (SELECT 1 FROM ${S}."cdrs" c
                         WHERE c."session_id" = p."session_id" AND c."kind" = 'ORIGINAL')
       ORDER BY p."session_id" FOR UPDATE OF p SKIP LOCKED`,
      keyOf(ref),
    );
  }
}
