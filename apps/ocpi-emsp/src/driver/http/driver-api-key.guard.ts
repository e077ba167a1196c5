import { createHash, timingSafeEqual } from 'node:crypto';
import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { UnauthorizedError } from '@voltlane/platform-core';
import { OcpiEmspEnv } from '../../config/ocpi-emsp.env';

export class DriverApiKeyRejectedError extends UnauthorizedError {
  override readonly code = 'DRIVER.API_KEY_REJECTED';
}

/**
 * Driver API (`/api/v1`): `Authorization: Bearer <DRIVER_API_KEY>` — the app backend's key, not the
 * operator's. Constant-time over SHA-256 digests. Without DRIVER_API_KEY configured the driver API
 * is closed (every call 401), so a deployment never exposes it by accident.
 */
@Injectable()
export class DriverApiKeyGuard implements CanActivate {
  private readonly expected: Buffer | null;

  constructor(env: OcpiEmspEnv) {
    this.expected = env.DRIVER_API_KEY ? digest(env.DRIVER_API_KEY) : null;
  }

  canActivate(context: ExecutionContext): boolean {
    const request = context
      .switchToHttp()
      .getRequest<{ headers: Record<string, string | string[] | undefined> }>();
    const header = request.headers.authorization;
    const value = Array.isArray(header) ? header[0] : header;
    const match = /^Bearer\s+(\S+)\s*$/i.exec(value ?? '');
    if (!this.expected || !match || !timingSafeEqual(digest(match[1]), this.expected)) {
      throw new DriverApiKeyRejectedError(
        'missing or invalid driver API key (Authorization: Bearer <DRIVER_API_KEY>)',
      );
    }
    return true;
  }
}

const digest = (value: string): Buffer => createHash('sha256').update(value, 'utf8').digest();
