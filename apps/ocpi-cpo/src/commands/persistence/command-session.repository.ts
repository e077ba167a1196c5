import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

const S = '"ocpi_cpo"';

/** A session commands can address: its station, connector, OCPP transaction and token owner. */
export interface CommandSession {
  sessionId: string;
  stationId: string;
  connectorId: number;
  transactionId: string;
  emspCountryCode?: string;
  emspPartyId?: string;
  active: boolean;
}

/**
 * The only TypeORM user of `command_sessions`: ocpi-cpo's own small projection of session-engine's
 * started/completed events (cpo-sessions' `sessions` table holds the OCPI objects only, without
 * the station and OCPP transaction id a RemoteStop or TxProfile needs).
 */
@Injectable()
export class CommandSessionRepository {
  /** Applies a session event unless an event with a higher revision was applied already. */
  async apply(manager: EntityManager, s: CommandSession & { revision: number }): Promise<void> {
    await manager.query(
      `INSERT INTO ${S}."command_sessions" (session_key, session_id, station_id, connector_id,
         transaction_id, emsp_country_code, emsp_party_id, active, revision)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (session_key) DO UPDATE SET
         station_id = EXCLUDED.station_id, connector_id = EXCLUDED.connector_id,
         transaction_id = EXCLUDED.transaction_id,
         emsp_country_code = COALESCE(EXCLUDED.emsp_country_code, ${S}."command_sessions".emsp_country_code),
         emsp_party_id = COALESCE(EXCLUDED.emsp_party_id, ${S}."command_sessions".emsp_party_id),
         active = EXCLUDED.active, revision = EXCLUDED.revision, updated_at = now()
       WHERE ${S}."command_sessions".revision < EXCLUDED.revision`,
      [
        s.sessionId.toUpperCase(),
        s.sessionId,
        s.stationId,
        s.connectorId,
        s.transactionId,
        s.emspCountryCode?.toUpperCase() ?? null,
        s.emspPartyId?.toUpperCase() ?? null,
        s.active,
        s.revision,
      ],
    );
  }

  /** A completed session that was never seen started: only marks it inactive when known. */
  async complete(manager: EntityManager, sessionId: string, revision: number): Promise<void> {
    await manager.query(
      `UPDATE ${S}."command_sessions" SET active = false, revision = $2, updated_at = now()
        WHERE session_key = $1 AND revision < $2`,
      [sessionId.toUpperCase(), revision],
    );
  }

  async find(manager: EntityManager, sessionId: string): Promise<CommandSession | null> {
    const rows = (await manager.query(
      `SELECT session_id, station_id, connector_id, transaction_id, emsp_country_code,
              emsp_party_id, active
         FROM ${S}."command_sessions" WHERE session_key = $1`,
      [sessionId.toUpperCase()],
    )) as {
      session_id: string;
      station_id: string;
      connector_id: number;
      transaction_id: string;
      emsp_country_code: string | null;
      emsp_party_id: string | null;
      active: boolean;
    }[];
    const r = rows[0];
    return r
      ? {
          sessionId: r.session_id,
          stationId: r.station_id,
          connectorId: r.connector_id,
          transactionId: r.transaction_id,
          emspCountryCode: r.emsp_country_code ?? undefined,
          emspPartyId: r.emsp_party_id ?? undefined,
          active: r.active,
        }
      : null;
  }
}
