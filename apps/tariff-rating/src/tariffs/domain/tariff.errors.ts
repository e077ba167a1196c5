import { ConflictError, NotFoundError } from '@voltlane/platform-core';

export class TariffNotFoundError extends NotFoundError {
  override readonly code: string = 'TARIFF.NOT_FOUND';
}

/** A PUT carried a `last_updated` older than the stored tariff's. */
export class StaleTariffError extends ConflictError {
  override readonly code: string = 'TARIFF.STALE';
}
