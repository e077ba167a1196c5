import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

const S = '"ocpi_cpo"';

export interface DecisionRecord {
  requestId: string;
  stationId: string;
  idTag: string;
  status: string;
  decisionSource: string;
  authorizationReference?: string;
  tokenCountryCode?: string;
  tokenPartyId?: string;
  partnerId?: string;
  emspHttpStatus?: number;
  emspOcpiStatus?: number;
}

/** The only TypeORM user of `authorization_decisions` (audit + one decision per request id). */
@Injectable()
export class AuthorizationDecisionRepository {
  async isDecided(manager: EntityManager, requestId: string): Promise<boolean> {
    const rows = (await manager.query(
      `SELECT 1 FROM ${S}."authorization_decisions" WHERE request_id = $1`,
      [requestId],
    )) as unknown[];
    return rows.length > 0;
  }

  /** Records the decision; false when this request was decided already (then publish nothing). */
  async record(manager: EntityManager, d: DecisionRecord): Promise<boolean> {
    const rows = (await manager.query(
      `INSERT INTO ${S}."authorization_decisions" (request_id, station_id, id_tag, status,
         decision_source, authorization_reference, token_country_code, token_party_id, partner_id,
         emsp_http_status, emsp_ocpi_status)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
       ON CONFLICT (request_id) DO NOTHING RETURNING request_id`,
      [
        d.requestId,
        d.stationId,
        d.idTag,
        d.status,
        d.decisionSource,
        d.authorizationReference ?? null,
        d.tokenCountryCode ?? null,
        d.tokenPartyId ?? null,
        d.partnerId ?? null,
        d.emspHttpStatus ?? null,
        d.emspOcpiStatus ?? null,
      ],
    )) as unknown[];
    return rows.length > 0;
  }
}
