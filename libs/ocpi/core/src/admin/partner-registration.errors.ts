import { ConflictError, DomainError, NotFoundError } from '@voltlane/platform-core';

/** The peer could not be registered with (unreachable, no mutual version, refused): HTTP 502. */
export class PeerRegistrationFailedError extends DomainError {
  readonly code: string = 'OCPI.PEER_REGISTRATION_FAILED';
}

export class PartnerAlreadyRegisteredError extends ConflictError {
  override readonly code: string = 'OCPI.PARTNER_ALREADY_REGISTERED';
}

export class PartnerNotFoundError extends NotFoundError {
  override readonly code: string = 'OCPI.PARTNER_NOT_FOUND';
}
