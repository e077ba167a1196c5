import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ValidationFailedError } from '@voltlane/platform-core';
import { ocpiDateTimeToMillis, validateOcpi } from '@voltlane/protocols-ocpi';
import { DataSource } from 'typeorm';
import { TariffRepository } from '../../tariffs/persistence/tariff.repository';
import { overlaps, type TariffAssignment } from '../domain/tariff-assignment';
import { OverlappingTariffAssignmentError } from '../domain/tariff-assignment.errors';
import { CreateTariffAssignmentRequestDto } from '../http/create-tariff-assignment.request.dto';
import { toAssignmentView, type TariffAssignmentView } from '../http/tariff-assignment.view';
import { TariffAssignmentRepository } from '../persistence/tariff-assignment.repository';

/**
 * POST /v1/tariff-assignments: assigns one of our tariffs to a connector, for one eMSP party or as
 * the connector's default, optionally from/until a date. Overlapping periods for the same
 * connector and party are refused (409), so resolution is never ambiguous.
 */
@Injectable()
export class CreateTariffAssignmentUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly assignments: TariffAssignmentRepository,
    private readonly tariffs: TariffRepository,
  ) {}

  async execute(body: unknown): Promise<TariffAssignmentView> {
    const checked = validateOcpi(CreateTariffAssignmentRequestDto, body);
    if (!checked.ok) {
      throw new ValidationFailedError('The tariff assignment is invalid', checked.violations);
    }
    const dto = checked.value;
    const validFrom = dto.valid_from ? new Date(ocpiDateTimeToMillis(dto.valid_from)) : null;
    const validTo = dto.valid_to ? new Date(ocpiDateTimeToMillis(dto.valid_to)) : null;
    if (validFrom && validTo && validTo <= validFrom) {
      throw new ValidationFailedError('The tariff assignment is invalid', [
        'valid_to: must be after valid_from',
      ]);
    }
    const tariff = await this.tariffs.find(
      dto.tariff_country_code,
      dto.tariff_party_id,
      dto.tariff_id,
    );
    if (!tariff) {
      throw new ValidationFailedError('The tariff assignment is invalid', [
        `tariff_id: no tariff ${dto.tariff_country_code}/${dto.tariff_party_id}/${dto.tariff_id}`,
      ]);
    }
    const assignment: TariffAssignment = {
      assignmentId: randomUUID(),
      locationId: dto.location_id,
      evseUid: dto.evse_uid,
      connectorId: dto.connector_id,
      emspCountryCode: dto.emsp_country_code?.toUpperCase() ?? null,
      emspPartyId: dto.emsp_party_id?.toUpperCase() ?? null,
      tariffCountryCode: tariff.countryCode,
      tariffPartyId: tariff.partyId,
      tariffId: tariff.tariffId,
      validFrom,
      validTo,
    };
    await this.dataSource.transaction(async (manager) => {
      await this.assignments.lockConnector(manager, assignment);
      const existing = await this.assignments.forConnector(assignment, manager);
      const clash = existing.find(
        (e) =>
          e.emspCountryCode === assignment.emspCountryCode &&
          e.emspPartyId === assignment.emspPartyId &&
          overlaps(e, assignment),
      );
      if (clash) {
        throw new OverlappingTariffAssignmentError(
          `assignment ${clash.assignmentId} already covers part of this period for this connector and party`,
        );
      }
      await this.assignments.insert(manager, assignment);
    });
    return toAssignmentView(assignment);
  }
}
