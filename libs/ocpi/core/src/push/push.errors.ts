import { ConflictError, NotFoundError } from '@voltlane/platform-core';

export class PushItemNotFoundError extends NotFoundError {
  override readonly code: string = 'OCPI_PUSH.ITEM_NOT_FOUND';
}

/** An operator retry that would break the object's order or resend stale data (HTTP 409). */
export class PushRetryRefusedError extends ConflictError {
  override readonly code: string = 'OCPI_PUSH.RETRY_REFUSED';
}
