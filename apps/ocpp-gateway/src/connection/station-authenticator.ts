import { createHash, timingSafeEqual } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { verifyStationPassword } from '../domain/station-password';
import type { StationRecord } from '../persistence/station.repository';

export type AuthenticationResult =
  { ok: true } | { ok: false; reason: 'missing-credentials' | 'wrong-station' | 'wrong-password' };

/** `Authorization: Basic base64(stationId:password)` → its parts, or null. */
export function parseBasicAuth(
  header: string | undefined,
): { user: string; password: string } | null {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
  if (!match) return null;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return null;
  return { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/**
 * OCPP security profile 1/2: HTTP Basic auth with the station id as user and a per-station
 * password stored as an scrypt hash. A verified (station, hash, password) is remembered as a
 * SHA-256 digest so a reconnect storm does not run scrypt thousands of times.
 */
@Injectable()
export class StationAuthenticator {
  private readonly verified = new Map<string, Buffer>();

  async authenticate(
    station: StationRecord,
    authorization: string | undefined,
  ): Promise<AuthenticationResult> {
    if (!station.passwordHash) return { ok: true }; // registered without password: profile 0
    const credentials = parseBasicAuth(authorization);
    if (!credentials) return { ok: false, reason: 'missing-credentials' };
    if (credentials.user !== station.stationId) return { ok: false, reason: 'wrong-station' };
    const cacheKey = `${station.stationId}\n${station.passwordHash}`;
    const digest = createHash('sha256').update(credentials.password).digest();
    const known = this.verified.get(cacheKey);
    if (known) {
      return timingSafeEqual(known, digest)
        ? { ok: true }
        : { ok: false, reason: 'wrong-password' };
    }
    if (!(await verifyStationPassword(credentials.password, station.passwordHash))) {
      return { ok: false, reason: 'wrong-password' };
    }
    this.verified.set(cacheKey, digest);
    return { ok: true };
  }

  forget(stationId: string): void {
    for (const key of this.verified.keys()) {
      if (key.startsWith(`${stationId}\n`)) this.verified.delete(key);
    }
  }
}
