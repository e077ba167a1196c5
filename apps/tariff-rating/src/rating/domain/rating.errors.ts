import { ValidationFailedError } from '@voltlane/platform-core';

/** The session to price is inconsistent (periods out of order, unknown time zone...): HTTP 400. */
export class InvalidRatingInputError extends ValidationFailedError {
  override readonly code: string = 'RATING.INVALID_INPUT';
}

/** The session started outside the tariff's start_date_time / end_date_time: HTTP 400. */
export class TariffNotActiveError extends ValidationFailedError {
  override readonly code: string = 'RATING.TARIFF_NOT_ACTIVE';
}
