import { Injectable } from '@nestjs/common';
import { tracedFetch } from '@voltlane/platform-core';
import { OcppWebSocketServer } from '../connection/ocpp-websocket.server';
import { StationRepository } from '../persistence/station.repository';
import type { CommandResult } from './send-command.use-case';

export interface ForwardCommandCommand {
  stationId: string;
  command: string;
  payload: unknown;
  timeoutMs: number;
  authorization: string;
}

/**
 * An operator command for a station whose socket another replica holds: forwarded once to that
 * replica's internal URL (from the registry), with the operator's key and the same time bound.
 * Returns null when the station is connected nowhere else.
 */
@Injectable()
export class ForwardCommandUseCase {
  constructor(
    private readonly stations: StationRepository,
    private readonly server: OcppWebSocketServer,
  ) {}

  async execute(
    command: ForwardCommandCommand,
  ): Promise<{ status: number; body: CommandResult } | null> {
    const station = await this.stations.find(command.stationId);
    if (
      !station?.connectionId ||
      !station.gatewayUrl ||
      station.gatewayInstanceId === this.server.instanceId
    ) {
      return null;
    }
    const url =
      `${station.gatewayUrl}/api/v1/stations/${encodeURIComponent(command.stationId)}` +
      `/commands/${encodeURIComponent(command.command)}?timeoutMs=${command.timeoutMs}`;
    const res = await tracedFetch(url, {
      method: 'POST',
      headers: {
        authorization: command.authorization,
        'content-type': 'application/json',
        'x-voltlane-forwarded-by': this.server.instanceId,
      },
      body: JSON.stringify(command.payload),
      signal: AbortSignal.timeout(command.timeoutMs + 5_000),
    });
    return { status: res.status, body: (await res.json()) as CommandResult };
  }
}
