import { ConflictError, NotFoundError } from '@voltlane/platform-core';

export class LocationNotFoundError extends NotFoundError {
  override readonly code = 'LOCATION.NOT_FOUND';
}

/** An EVSE uid is unique in our whole CPO platform (OCPI), not only within its Location. */
export class EvseUidTakenError extends ConflictError {
  override readonly code = 'LOCATION.EVSE_UID_TAKEN';
}

/** One EVSE per OCPP connector: the station connector already serves another (active) EVSE. */
export class StationConnectorTakenError extends ConflictError {
  override readonly code = 'LOCATION.STATION_CONNECTOR_TAKEN';
}
