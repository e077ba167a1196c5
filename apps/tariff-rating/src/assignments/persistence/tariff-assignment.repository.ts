import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { TariffAssignment } from '../domain/tariff-assignment';

interface AssignmentRow {
  assignment_id: string;
  location_id: string;
  evse_uid: string;
  connector_id: string;
  emsp_country_code: string | null;
  emsp_party_id: string | null;
  tariff_country_code: string;
  tariff_party_id: string;
  tariff_id: string;
  valid_from: Date | null;
  valid_to: Date | null;
}

const COLUMNS =
  'assignment_id, location_id, evse_uid, connector_id, emsp_country_code, emsp_party_id, ' +
  'tariff_country_code, tariff_party_id, tariff_id, valid_from, valid_to';

const toAssignment = (r: AssignmentRow): TariffAssignment => ({
  assignmentId: r.assignment_id,
  locationId: r.location_id,
  evseUid: r.evse_uid,
  connectorId: r.connector_id,
  emspCountryCode: r.emsp_country_code,
  emspPartyId: r.emsp_party_id,
  tariffCountryCode: r.tariff_country_code,
  tariffPartyId: r.tariff_party_id,
  tariffId: r.tariff_id,
  validFrom: r.valid_from,
  validTo: r.valid_to,
});

const CONNECTOR_MATCH =
  'upper(location_id) = upper($1) AND upper(evse_uid) = upper($2) AND upper(connector_id) = upper($3)';

/** The only TypeORM user of tariff_assignments. */
@Injectable()
export class TariffAssignmentRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Serialises writers of one connector for the rest of the transaction. */
  async lockConnector(
    manager: EntityManager,
    a: Pick<TariffAssignment, 'locationId' | 'evseUid' | 'connectorId'>,
  ) {
    const key = `tariff-assignment:${a.locationId}/${a.evseUid}/${a.connectorId}`.toUpperCase();
    await manager.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [key]);
  }

  async forConnector(
    connector: Pick<TariffAssignment, 'locationId' | 'evseUid' | 'connectorId'>,
    manager: EntityManager | DataSource = this.dataSource,
  ): Promise<TariffAssignment[]> {
    const rows = (await manager.query(
      `SELECT ${COLUMNS} FROM "tariff_rating"."tariff_assignments" WHERE ${CONNECTOR_MATCH}
        ORDER BY created_at, assignment_id`,
      [connector.locationId, connector.evseUid, connector.connectorId],
    )) as AssignmentRow[];
    return rows.map(toAssignment);
  }

  async list(locationId: string | undefined): Promise<TariffAssignment[]> {
    const rows = (await this.dataSource.query(
      `SELECT ${COLUMNS} FROM "tariff_rating"."tariff_assignments"
        WHERE $1::text IS NULL OR upper(location_id) = upper($1)
        ORDER BY created_at, assignment_id LIMIT 1000`,
      [locationId ?? null],
    )) as AssignmentRow[];
    return rows.map(toAssignment);
  }

  async insert(manager: EntityManager, a: TariffAssignment): Promise<void> {
    await manager.query(
      `INSERT INTO "tariff_rating"."tariff_assignments" (${COLUMNS})
       VALUES ($1, $2, $3, $4, upper($5), upper($6), upper($7), upper($8), $9, $10, $11)`,
      [
        a.assignmentId,
        a.locationId,
        a.evseUid,
        a.connectorId,
        a.emspCountryCode,
        a.emspPartyId,
        a.tariffCountryCode,
        a.tariffPartyId,
        a.tariffId,
        a.validFrom,
        a.validTo,
      ],
    );
  }

  async delete(assignmentId: string): Promise<boolean> {
    const result = (await this.dataSource.query(
      `DELETE FROM "tariff_rating"."tariff_assignments" WHERE assignment_id = $1 RETURNING assignment_id`,
      [assignmentId],
    )) as [unknown[], number] | unknown[];
    const rows = (Array.isArray(result[0]) ? result[0] : result) as unknown[];
    return rows.length > 0;
  }
}
