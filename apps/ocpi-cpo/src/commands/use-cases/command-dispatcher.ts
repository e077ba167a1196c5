import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { type OcpiStartSessionV1, Topics } from '@voltlane/contracts-events';
import { currentContext } from '@voltlane/platform-core';
import { OutboxWriter } from '@voltlane/platform-persistence';
import type { EntityManager } from 'typeorm';
import { OcpiCpoEnv } from '../../config/ocpi-cpo.env';
import { SERVICE } from '../../ocpi-cpo.service';
import type { RemoteCommandKind } from '../domain/command-results';
import { RemoteCommandRepository } from '../persistence/remote-command.repository';

export interface DispatchCommand {
  partnerId: string;
  module: 'commands' | 'chargingprofiles';
  kind: RemoteCommandKind;
  stationId: string;
  ocppCommand: string;
  payload: Record<string, unknown>;
  responseUrl: string;
  emsp?: { countryCode: string; partyId: string };
  sessionId?: string;
  request: unknown;
  ocpiStartSession?: OcpiStartSessionV1;
}

/**
 * Stores an OCPI command/charging-profile request and publishes `ocpp.command.requested` (outbox,
 * the caller's transaction). The gateway gets a deadline a little before ours, so its own Timeout
 * normally arrives before the sweeper's TIMEOUT; either way exactly one result is sent.
 */
@Injectable()
export class CommandDispatcher {
  constructor(
    private readonly commands: RemoteCommandRepository,
    private readonly outbox: OutboxWriter,
    private readonly env: OcpiCpoEnv,
  ) {}

  /** The `timeout` (seconds) of CommandResponse / ChargingProfileResponse. */
  get timeoutSeconds(): number {
    return this.env.OCPI_COMMAND_TIMEOUT_SECONDS;
  }

  async dispatch(manager: EntityManager, c: DispatchCommand): Promise<string> {
    const commandId = randomUUID();
    const now = Date.now();
    const timeoutMs = this.env.OCPI_COMMAND_TIMEOUT_SECONDS * 1000;
    const requestedAt = new Date(now).toISOString();
    await this.commands.insert(manager, {
      commandId,
      partnerId: c.partnerId,
      module: c.module,
      kind: c.kind,
      ocppCommand: c.ocppCommand,
      stationId: c.stationId,
      responseUrl: c.responseUrl,
      emsp: c.emsp,
      sessionId: c.sessionId,
      request: c.request,
      expiresAt: new Date(now + timeoutMs).toISOString(),
    });
    await this.outbox.append(manager, [
      {
        topic: Topics.OcppCommandRequested,
        data: {
          commandId,
          stationId: c.stationId,
          command: c.ocppCommand,
          payload: c.payload,
          requester: SERVICE.serviceName,
          requesterReference: `ocpi:${c.kind}`,
          requestedAt,
          expiresAt: new Date(now + Math.max(1_000, timeoutMs - 3_000)).toISOString(),
          ...(c.ocpiStartSession ? { ocpiStartSession: c.ocpiStartSession } : {}),
        },
        correlationId: currentContext().correlationId ?? commandId,
        causationId: null,
      },
    ]);
    return commandId;
  }
}
