import { NotFoundError } from '@voltlane/platform-core';

export class SessionNotFoundError extends NotFoundError {
  override readonly code = 'SESSION.NOT_FOUND';
}
