import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { RemoteCommandKind } from '../domain/command-results';

const S = '"ocpi_cpo"';

export interface NewRemoteCommand {
  commandId: string;
  partnerId: string;
  module: 'commands' | 'chargingprofiles';
  kind: RemoteCommandKind;
  ocppCommand: string;
  stationId: string;
  responseUrl: string;
  emsp?: { countryCode: string; partyId: string };
  sessionId?: string;
  request: unknown;
  expiresAt: string;
}

export interface WaitingCommand {
  commandId: string;
  partnerId: string;
  module: 'commands' | 'chargingprofiles';
  kind: RemoteCommandKind;
  responseUrl: string;
  emsp?: { countryCode: string; partyId: string };
}

interface Row {
  command_id: string;
  partner_id: string;
  module: 'commands' | 'chargingprofiles';
  kind: RemoteCommandKind;
  response_url: string;
  emsp_country_code: string | null;
  emsp_party_id: string | null;
}

const toWaiting = (r: Row): WaitingCommand => ({
  commandId: r.command_id,
  partnerId: r.partner_id,
  module: r.module,
  kind: r.kind,
  responseUrl: r.response_url,
  emsp:
    r.emsp_country_code && r.emsp_party_id
      ? { countryCode: r.emsp_country_code, partyId: r.emsp_party_id }
      : undefined,
});

const rowsOf = <T>(result: unknown): T[] =>
  (Array.isArray(result) && Array.isArray(result[0]) ? result[0] : result) as T[];

const COLUMNS = `command_id, partner_id, module, kind, response_url, emsp_country_code, emsp_party_id`;

/** The only TypeORM user of `remote_commands` and the OCPP id sequences. */
@Injectable()
export class RemoteCommandRepository {
  async insert(manager: EntityManager, c: NewRemoteCommand): Promise<void> {
    await manager.query(
      `INSERT INTO ${S}."remote_commands" (command_id, partner_id, module, kind, ocpp_command,
         station_id, response_url, emsp_country_code, emsp_party_id, session_id, request, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
      [
        c.commandId,
        c.partnerId,
        c.module,
        c.kind,
        c.ocppCommand,
        c.stationId,
        c.responseUrl,
        c.emsp?.countryCode ?? null,
        c.emsp?.partyId ?? null,
        c.sessionId ?? null,
        JSON.stringify(c.request),
        c.expiresAt,
      ],
    );
  }

  /**
   * Marks a waiting command answered and returns it; null when it is unknown or was answered
   * already (by the station or the sweeper): exactly one result per command.
   */
  async claimAnswer(manager: EntityManager, commandId: string): Promise<WaitingCommand | null> {
    const rows = rowsOf<Row>(
      await manager.query(
        `UPDATE ${S}."remote_commands" SET status = 'ANSWERED', answered_at = now()
          WHERE command_id = $1 AND status = 'WAITING'
          RETURNING ${COLUMNS}`,
        [commandId],
      ),
    );
    return rows[0] ? toWaiting(rows[0]) : null;
  }

  async saveResult(manager: EntityManager, commandId: string, result: unknown): Promise<void> {
    await manager.query(`UPDATE ${S}."remote_commands" SET result = $2 WHERE command_id = $1`, [
      commandId,
      JSON.stringify(result),
    ]);
  }

  /** Waiting commands past their deadline, locked (other replicas skip them). */
  async lockExpired(manager: EntityManager, limit: number): Promise<WaitingCommand[]> {
    const rows = (await manager.query(
      `SELECT ${COLUMNS} FROM ${S}."remote_commands"
        WHERE status = 'WAITING' AND expires_at <= now()
        ORDER BY expires_at LIMIT $1 FOR UPDATE SKIP LOCKED`,
      [limit],
    )) as Row[];
    return rows.map(toWaiting);
  }

  async nextChargingProfileId(manager: EntityManager): Promise<number> {
    const rows = (await manager.query(
      `SELECT nextval('${S}."ocpp_charging_profile_id_seq"')::int AS id`,
    )) as { id: number }[];
    return rows[0].id;
  }
}
