import { ConflictError, NotFoundError } from '@voltlane/platform-core';

/** No command with that id (HTTP 404). */
export class CommandNotFoundError extends NotFoundError {
  override readonly code = 'EMSP_COMMANDS.NOT_FOUND';
}

/** The partner is unknown or presents no CPO role (HTTP 404). */
export class CommandPartnerNotFoundError extends NotFoundError {
  override readonly code = 'EMSP_COMMANDS.UNKNOWN_PARTNER';
}

/** The partner is not registered or offers no commands Receiver endpoint (HTTP 409). */
export class CommandPartnerUnavailableError extends ConflictError {
  override readonly code = 'EMSP_COMMANDS.PARTNER_UNAVAILABLE';
}

/** The named token is not one of ours (HTTP 404). */
export class CommandTokenNotFoundError extends NotFoundError {
  override readonly code = 'EMSP_COMMANDS.UNKNOWN_TOKEN';
}

/** The named token is blocked (`valid = false`): no session or reservation with it (HTTP 409). */
export class CommandTokenBlockedError extends ConflictError {
  override readonly code = 'EMSP_COMMANDS.TOKEN_BLOCKED';
}
