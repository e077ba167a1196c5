import { Injectable } from '@nestjs/common';
import {
  Topics,
  type CommandCompletedV1,
  type CommandRequestedV1,
} from '@voltlane/contracts-events';
import { createLogger } from '@voltlane/platform-core';
import { ConnectionRegistry } from '../connection/connection.registry';
import { OcppWebSocketServer } from '../connection/ocpp-websocket.server';
import { SERVICE } from '../ocpp-gateway.service';
import { CommandClaimRepository } from '../persistence/command-claim.repository';
import { StationRepository } from '../persistence/station.repository';
import { OcppEventPublisher } from '../publishing/ocpp-event.publisher';
import { SendCommandUseCase, type CommandResult } from './send-command.use-case';

/** How long a command for a station connected nowhere waits for it before `StationOffline`. */
export const OFFLINE_GRACE_MS = 3_000;

export function completedEvent(
  request: CommandRequestedV1,
  result: CommandResult,
): CommandCompletedV1 {
  return {
    commandId: request.commandId,
    stationId: request.stationId,
    command: request.command,
    requester: request.requester,
    ...(request.requesterReference !== undefined
      ? { requesterReference: request.requesterReference }
      : {}),
    ...result,
    completedAt: new Date().toISOString(),
  };
}

/**
 * Delivers Kafka commands (ADR 0013). Every replica sees every command: the replica holding the
 * station's socket claims it and sends it; if, after a grace period, the station is connected
 * nowhere, the shared-group consumer claims it and reports `StationOffline`. The claim table makes
 * the result unique. Results are published through the outbox; the consumer never waits for them.
 */
@Injectable()
export class CommandDelivery {
  private readonly logger = createLogger(SERVICE.serviceName, 'CommandDelivery');

  constructor(
    private readonly connections: ConnectionRegistry,
    private readonly server: OcppWebSocketServer,
    private readonly claims: CommandClaimRepository,
    private readonly stations: StationRepository,
    private readonly sendCommand: SendCommandUseCase,
    private readonly publisher: OcppEventPublisher,
  ) {}

  /** Per-replica consumer: send the command if this replica holds the station's socket. */
  async deliverIfHeldHere(request: CommandRequestedV1, correlationId: string): Promise<void> {
    const remainingMs = Date.parse(request.expiresAt) - Date.now();
    if (remainingMs <= 0 || !this.connections.get(request.stationId)) return;
    if (!(await this.claims.claim(request.commandId, this.server.instanceId))) return;
    void this.sendCommand
      .execute({
        stationId: request.stationId,
        command: request.command,
        payload: request.payload,
        timeoutMs: remainingMs,
      })
      .catch((err: unknown): CommandResult => ({
        outcome: 'CallError',
        error: { code: 'InvalidCommand', description: (err as Error).message.slice(0, 1000) },
      }))
      .then(({ sent: _sent, ...result }) => this.publish(request, result, correlationId))
      .catch((err: unknown) => this.failed(request, err));
  }

  /** Shared-group consumer: report `StationOffline` when the station is connected nowhere. */
  watchForOffline(request: CommandRequestedV1, correlationId: string): void {
    setTimeout(() => {
      void this.reportIfOffline(request, correlationId).catch((err: unknown) =>
        this.failed(request, err),
      );
    }, OFFLINE_GRACE_MS).unref();
  }

  private async reportIfOffline(request: CommandRequestedV1, correlationId: string) {
    const station = await this.stations.find(request.stationId);
    if (station?.connectionId) return; // connected somewhere: that replica delivers it
    if (!(await this.claims.claim(request.commandId, this.server.instanceId))) return;
    await this.publish(
      request,
      {
        outcome: 'StationOffline',
        error: { code: 'StationOffline', description: 'the station is not connected' },
      },
      correlationId,
    );
  }

  private publish(request: CommandRequestedV1, result: CommandResult, correlationId: string) {
    return this.publisher.transaction((manager) =>
      this.publisher.publishViaOutbox(
        manager,
        Topics.OcppCommandCompleted,
        completedEvent(request, result),
        correlationId,
      ),
    );
  }

  private failed(request: CommandRequestedV1, err: unknown): void {
    this.logger.error('command result not published', {
      stationId: request.stationId,
      commandId: request.commandId,
      error: (err as Error).message,
    });
  }
}
