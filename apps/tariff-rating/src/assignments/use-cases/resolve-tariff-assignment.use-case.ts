import { Injectable } from '@nestjs/common';
import { ValidationFailedError } from '@voltlane/platform-core';
import { isOcpiUtcDateTime, ocpiDateTimeToMillis } from '@voltlane/protocols-ocpi';
import { TariffRepository } from '../../tariffs/persistence/tariff.repository';
import { resolveAssignment } from '../domain/tariff-assignment';
import { NoTariffAssignedError } from '../domain/tariff-assignment.errors';
import { toAssignmentView, type TariffAssignmentView } from '../http/tariff-assignment.view';
import { TariffAssignmentRepository } from '../persistence/tariff-assignment.repository';

export interface ResolveTariffQuery {
  location_id?: string;
  evse_uid?: string;
  connector_id?: string;
  emsp_country_code?: string;
  emsp_party_id?: string;
  /** Default: now. */
  at?: string;
}

export interface ResolvedTariffView {
  source: 'EMSP' | 'DEFAULT';
  assignment: TariffAssignmentView;
  tariff: Record<string, unknown>;
}

/** GET /v1/tariff-assignments/resolve: the tariff that applies to a connector for a party. */
@Injectable()
export class ResolveTariffAssignmentUseCase {
  constructor(
    private readonly assignments: TariffAssignmentRepository,
    private readonly tariffs: TariffRepository,
  ) {}

  async execute(query: ResolveTariffQuery): Promise<ResolvedTariffView> {
    const violations: string[] = [];
    for (const field of ['location_id', 'evse_uid', 'connector_id'] as const) {
      if (!query[field]) violations.push(`${field}: is required`);
    }
    if (query.at !== undefined && !isOcpiUtcDateTime(query.at)) {
      violations.push('at: must be an OCPI DateTime in UTC');
    }
    if (Boolean(query.emsp_country_code) !== Boolean(query.emsp_party_id)) {
      violations.push('emsp_party_id: give both emsp_country_code and emsp_party_id, or neither');
    }
    if (violations.length > 0) throw new ValidationFailedError('Invalid query', violations);

    const connector = {
      locationId: query.location_id as string,
      evseUid: query.evse_uid as string,
      connectorId: query.connector_id as string,
    };
    const resolved = resolveAssignment(await this.assignments.forConnector(connector), {
      ...connector,
      emspCountryCode: query.emsp_country_code ?? null,
      emspPartyId: query.emsp_party_id ?? null,
      at: query.at ? new Date(ocpiDateTimeToMillis(query.at)) : new Date(),
    });
    const tariff = resolved
      ? await this.tariffs.find(
          resolved.assignment.tariffCountryCode,
          resolved.assignment.tariffPartyId,
          resolved.assignment.tariffId,
        )
      : null;
    if (!resolved || !tariff) {
      throw new NoTariffAssignedError(
        `no tariff assigned to ${connector.locationId}/${connector.evseUid}/${connector.connectorId}`,
      );
    }
    return {
      source: resolved.source,
      assignment: toAssignmentView(resolved.assignment),
      tariff: tariff.tariff,
    };
  }
}
