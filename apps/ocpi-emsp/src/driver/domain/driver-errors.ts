import { ConflictError, NotFoundError } from '@voltlane/platform-core';

export class DriverNotFoundError extends NotFoundError {
  override readonly code = 'DRIVER.NOT_FOUND';
}
export class DriverTokenNotFoundError extends NotFoundError {
  override readonly code = 'DRIVER.TOKEN_NOT_FOUND';
}
/** An RFID uid that already belongs to another driver (or to no driver). */
export class TokenUidTakenError extends ConflictError {
  override readonly code = 'DRIVER.TOKEN_UID_TAKEN';
}
export class DriverTokenBlockedError extends ConflictError {
  override readonly code = 'DRIVER.TOKEN_BLOCKED';
}
export class ChargePointNotFoundError extends NotFoundError {
  override readonly code = 'DRIVER.CHARGE_POINT_NOT_FOUND';
}
/** The same location id is offered by more than one CPO partner: the app must name the CPO. */
export class AmbiguousLocationError extends ConflictError {
  override readonly code = 'DRIVER.LOCATION_AMBIGUOUS';
}
export class DriverSessionNotFoundError extends NotFoundError {
  override readonly code = 'DRIVER.SESSION_NOT_FOUND';
}
export class DriverCommandNotFoundError extends NotFoundError {
  override readonly code = 'DRIVER.COMMAND_NOT_FOUND';
}
