import { Injectable } from '@nestjs/common';
import { STATION_ID_PATTERN, type RegistrationStatus } from '@voltlane/contracts-events';
import { NotFoundError, ValidationFailedError } from '@voltlane/platform-core';
import { CloseCodes, OcppWebSocketServer } from '../connection/ocpp-websocket.server';
import { StationAuthenticator } from '../connection/station-authenticator';
import { hashStationPassword, STATION_PASSWORD_PATTERN } from '../domain/station-password';
import { StationDirectory } from '../persistence/station.directory';
import { StationRepository, type StationRecord } from '../persistence/station.repository';

export class StationNotFoundError extends NotFoundError {
  override readonly code = 'OCPP_GATEWAY.STATION_NOT_FOUND';
}

export interface PutStationCommand {
  stationId: string;
  body: unknown;
}

/** The registry's public view of a station (never the password hash). */
export interface StationView {
  stationId: string;
  description: string | null;
  registrationStatus: RegistrationStatus;
  autoRegistered: boolean;
  hasPassword: boolean;
  connection: {
    connected: boolean;
    connectionId: string | null;
    gatewayInstanceId: string | null;
    ocppProtocol: string | null;
    connectedAt: string | null;
    disconnectedAt: string | null;
    lastSeenAt: string | null;
  };
  connectors: Record<string, unknown>[];
  lastBoot: (Record<string, unknown> & { at: string }) | null;
  createdAt: string;
  updatedAt: string;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toStationView(s: StationRecord): StationView {
  return {
    stationId: s.stationId,
    description: s.description,
    registrationStatus: s.registrationStatus,
    autoRegistered: s.autoRegistered,
    hasPassword: s.passwordHash !== null,
    connection: {
      connected: s.connectionId !== null,
      connectionId: s.connectionId,
      gatewayInstanceId: s.gatewayInstanceId,
      ocppProtocol: s.ocppProtocol,
      connectedAt: iso(s.connectedAt),
      disconnectedAt: iso(s.disconnectedAt),
      lastSeenAt: iso(s.lastSeenAt),
    },
    connectors: Object.entries(s.connectorStatuses)
      .map(([connectorId, status]) => ({ ...status, connectorId: Number(connectorId) }))
      .sort((a, b) => a.connectorId - b.connectorId),
    lastBoot: s.lastBoot && s.lastBootAt ? { ...s.lastBoot, at: s.lastBootAt.toISOString() } : null,
    createdAt: s.createdAt.toISOString(),
    updatedAt: s.updatedAt.toISOString(),
  };
}

function assertStationId(stationId: string): void {
  if (!STATION_ID_PATTERN.test(stationId)) {
    throw new ValidationFailedError('invalid station id', [
      'stationId must be 1-48 of A-Z a-z 0-9 * - _ = : + | @ .',
    ]);
  }
}

const REGISTRATION_STATUSES: readonly RegistrationStatus[] = ['Accepted', 'Pending', 'Rejected'];

/** PUT /api/v1/stations/{id}: create or update; the password is stored as an scrypt hash. */
@Injectable()
export class PutStationUseCase {
  constructor(
    private readonly stations: StationRepository,
    private readonly directory: StationDirectory,
    private readonly authenticator: StationAuthenticator,
  ) {}

  async execute(command: PutStationCommand): Promise<{ created: boolean; station: StationView }> {
    assertStationId(command.stationId);
    const body = command.body ?? {};
    const violations: string[] = [];
    if (typeof body !== 'object' || Array.isArray(body)) {
      throw new ValidationFailedError('invalid station', ['body must be a JSON object']);
    }
    const { password, description, registrationStatus, ...rest } = body as Record<string, unknown>;
    for (const key of Object.keys(rest)) violations.push(`${key} is not a station property`);
    if (password !== undefined && password !== null) {
      if (typeof password !== 'string' || !STATION_PASSWORD_PATTERN.test(password)) {
        violations.push('password must be 8-64 printable ASCII characters without spaces');
      }
    }
    if (description !== undefined && description !== null) {
      if (typeof description !== 'string' || description.length > 500) {
        violations.push('description must be a string of at most 500 characters');
      }
    }
    if (
      registrationStatus !== undefined &&
      !REGISTRATION_STATUSES.includes(registrationStatus as RegistrationStatus)
    ) {
      violations.push('registrationStatus must be Accepted, Pending or Rejected');
    }
    if (violations.length > 0) throw new ValidationFailedError('invalid station', violations);
    const created = await this.stations.upsert(command.stationId, {
      passwordHash:
        password === undefined
          ? undefined
          : password === null
            ? null
            : await hashStationPassword(password as string),
      description: description === undefined ? undefined : (description as string | null),
      registrationStatus: registrationStatus as RegistrationStatus | undefined,
    });
    if (password !== undefined) this.authenticator.forget(command.stationId);
    this.directory.invalidate(command.stationId);
    const station = await this.stations.find(command.stationId);
    if (!station) throw new StationNotFoundError(`station ${command.stationId} not found`);
    return { created, station: toStationView(station) };
  }
}

@Injectable()
export class GetStationUseCase {
  constructor(private readonly stations: StationRepository) {}

  async execute(command: { stationId: string }): Promise<StationView> {
    assertStationId(command.stationId);
    const station = await this.stations.find(command.stationId);
    if (!station) throw new StationNotFoundError(`station ${command.stationId} not found`);
    return toStationView(station);
  }
}

/** DELETE /api/v1/stations/{id}: removes the station and closes its socket on this replica. */
@Injectable()
export class DeleteStationUseCase {
  constructor(
    private readonly stations: StationRepository,
    private readonly directory: StationDirectory,
    private readonly authenticator: StationAuthenticator,
    private readonly server: OcppWebSocketServer,
  ) {}

  async execute(command: { stationId: string }): Promise<void> {
    assertStationId(command.stationId);
    if (!(await this.stations.delete(command.stationId))) {
      throw new StationNotFoundError(`station ${command.stationId} not found`);
    }
    this.authenticator.forget(command.stationId);
    this.directory.invalidate(command.stationId);
    this.server.disconnect(command.stationId, CloseCodes.StationRemoved, 'station removed');
  }
}
