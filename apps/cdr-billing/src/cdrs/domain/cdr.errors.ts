import { ConflictError, NotFoundError, ValidationFailedError } from '@voltlane/platform-core';

export class CdrNotFoundError extends NotFoundError {
  override readonly code = 'CDR.NOT_FOUND';
}

/** The session and its rating (or a correction and its CDR) do not belong together. */
export class CdrInputMismatchError extends ValidationFailedError {
  override readonly code = 'CDR.INPUT_MISMATCH';
}

/** The CDR was already credited, or is itself a credit CDR. */
export class CdrNotCorrectableError extends ConflictError {
  override readonly code = 'CDR.NOT_CORRECTABLE';
}
