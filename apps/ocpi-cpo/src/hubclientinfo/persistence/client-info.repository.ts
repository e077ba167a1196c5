import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { ClientInfoJson } from '../domain/client-info';

const S = '"ocpi_cpo"';

/** The only TypeORM user of `hub_client_infos` (per Hub partner: the parties behind it). */
@Injectable()
export class ClientInfoRepository {
  constructor(private readonly dataSource: DataSource) {}

  async find(
    partnerId: string,
    countryCode: string,
    partyId: string,
    manager: EntityManager = this.dataSource.manager,
    lock = false,
  ): Promise<ClientInfoJson | null> {
    const rows = (await manager.query(
      `SELECT client_info FROM ${S}."hub_client_infos"
        WHERE partner_id = $1 AND country_code = $2 AND party_id = $3${lock ? ' FOR UPDATE' : ''}`,
      [partnerId, countryCode.toUpperCase(), partyId.toUpperCase()],
    )) as { client_info: ClientInfoJson }[];
    return rows[0]?.client_info ?? null;
  }

  async save(manager: EntityManager, partnerId: string, info: ClientInfoJson): Promise<void> {
    await manager.query(
      `INSERT INTO ${S}."hub_client_infos" (partner_id, country_code, party_id, role, status,
         last_updated, client_info)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (partner_id, country_code, party_id) DO UPDATE SET role = EXCLUDED.role,
         status = EXCLUDED.status, last_updated = EXCLUDED.last_updated,
         client_info = EXCLUDED.client_info, updated_at = now()`,
      [
        partnerId,
        info.country_code.toUpperCase(),
        info.party_id.toUpperCase(),
        info.role,
        info.status,
        new Date(info.last_updated.endsWith('Z') ? info.last_updated : `${info.last_updated}Z`),
        JSON.stringify(info),
      ],
    );
  }
}
