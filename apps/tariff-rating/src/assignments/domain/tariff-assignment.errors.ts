import { ConflictError, NotFoundError } from '@voltlane/platform-core';

export class TariffAssignmentNotFoundError extends NotFoundError {
  override readonly code: string = 'TARIFF_ASSIGNMENT.NOT_FOUND';
}

/** Another assignment for the same connector and party is valid during part of the same period. */
export class OverlappingTariffAssignmentError extends ConflictError {
  override readonly code: string = 'TARIFF_ASSIGNMENT.OVERLAP';
}

/** No assignment applies to the connector (and party) at that moment. */
export class NoTariffAssignedError extends NotFoundError {
  override readonly code: string = 'TARIFF_ASSIGNMENT.NONE';
}
