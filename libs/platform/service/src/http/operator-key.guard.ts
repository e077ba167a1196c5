import { timingSafeEqual, createHash } from 'node:crypto';
import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { UnauthorizedError } from '@voltlane/platform-core';
import { SERVICE_CONFIG } from '../config/service-config.module';

interface WithAdminKey {
  ADMIN_API_KEY?: string;
}

/**
 * Operator APIs: `Authorization: Bearer <ADMIN_API_KEY>`. The comparison is constant-time (over
 * SHA-256 digests, so the length of the key does not leak either). A missing or wrong key is a
 * `PLATFORM.UNAUTHORIZED` DomainError → 401 problem+json. The key itself is never logged.
 */
@Injectable()
export class OperatorKeyGuard implements CanActivate {
  private readonly expected: Buffer | null;

  constructor(@Inject(SERVICE_CONFIG) config: WithAdminKey) {
    this.expected = config.ADMIN_API_KEY ? digest(config.ADMIN_API_KEY) : null;
  }

  canActivate(context: ExecutionContext): boolean {
    const request = context
      .switchToHttp()
      .getRequest<{ headers: Record<string, string | string[] | undefined> }>();
    const header = request.headers.authorization;
    const value = Array.isArray(header) ? header[0] : header;
    const match = /^Bearer\s+(\S+)\s*$/i.exec(value ?? '');
    if (!this.expected || !match || !timingSafeEqual(digest(match[1]), this.expected)) {
      throw new OperatorKeyRejectedError(
        'missing or invalid operator key (Authorization: Bearer <ADMIN_API_KEY>)',
      );
    }
    return true;
  }
}

export class OperatorKeyRejectedError extends UnauthorizedError {}

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}
