import { Injectable } from '@nestjs/common';
import { OcppCommands, type CommandOutcome, type OcppCommand } from '@voltlane/contracts-events';
import { ValidationFailedError } from '@voltlane/platform-core';
import { protocolVersion, RpcError } from '@voltlane/protocols-ocpp';
import { ConnectionRegistry } from '../connection/connection.registry';
import { RemoteStartGrants } from './remote-start-grants';

export interface SendCommandCommand {
  stationId: string;
  command: string;
  payload: unknown;
  timeoutMs: number;
}

export interface CommandResult {
  outcome: CommandOutcome;
  responseStatus?: string;
  response?: Record<string, unknown>;
  error?: { code: string; description: string };
  /** False when the station was not connected here (nothing was sent). Not part of the event. */
  sent?: boolean;
}

export class UnknownCommandError extends ValidationFailedError {
  override readonly code = 'OCPP_GATEWAY.UNKNOWN_COMMAND';
}

export function isOcppCommand(value: string): value is OcppCommand {
  return (OcppCommands as readonly string[]).includes(value);
}

/**
 * Sends a CSMS → station OCPP call to a station connected to this replica: validates the payload
 * against the station's protocol schemas, waits (bounded) for the answer. A RemoteStartTransaction
 * the station accepted grants its idTag for the start that follows.
 */
@Injectable()
export class SendCommandUseCase {
  constructor(
    private readonly connections: ConnectionRegistry,
    private readonly grants: RemoteStartGrants,
  ) {}

  async execute(command: SendCommandCommand): Promise<CommandResult> {
    if (!isOcppCommand(command.command)) {
      throw new UnknownCommandError(`unknown command ${command.command}`, [
        `command must be one of ${OcppCommands.join(', ')}`,
      ]);
    }
    const connection = this.connections.get(command.stationId);
    if (!connection) {
      return {
        outcome: 'StationOffline',
        sent: false,
        error: {
          code: 'StationOffline',
          description: 'the station is not connected to this gateway',
        },
      };
    }
    try {
      protocolVersion(connection.session.protocol).validator.validate(
        command.command,
        'req',
        command.payload,
      );
    } catch (err) {
      if (err instanceof RpcError) {
        throw new ValidationFailedError(`invalid ${command.command} payload`, [err.message]);
      }
      throw err;
    }
    const payload = command.payload as Record<string, unknown>;
    const reply = await connection.call(command.command, payload, command.timeoutMs);
    switch (reply.kind) {
      case 'result': {
        const status = reply.payload.status;
        if (
          command.command === 'RemoteStartTransaction' &&
          status === 'Accepted' &&
          typeof payload.idTag === 'string'
        ) {
          this.grants.grant(command.stationId, payload.idTag);
        }
        return {
          outcome: 'Responded',
          ...(typeof status === 'string' ? { responseStatus: status } : {}),
          response: reply.payload,
        };
      }
      case 'error':
        return {
          outcome: 'CallError',
          error: {
            code: reply.code.slice(0, 100) || 'GenericError',
            description: reply.description.slice(0, 1000) || '-',
          },
        };
      case 'timeout':
        return {
          outcome: 'Timeout',
          error: { code: 'Timeout', description: `no answer within ${command.timeoutMs} ms` },
        };
      case 'closed':
        return {
          outcome: 'StationOffline',
          error: {
            code: 'StationOffline',
            description: 'the station disconnected before answering',
          },
        };
    }
  }
}
