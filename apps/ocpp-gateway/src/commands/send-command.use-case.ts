import { Inject, Injectable, Optional } from '@nestjs/common';
import { OcppCommands, type CommandOutcome, type OcppCommand } from '@voltlane/contracts-events';
import { createLogger, ValidationFailedError } from '@voltlane/platform-core';
import { protocolVersion, RpcError, type OcppSubprotocol } from '@voltlane/protocols-ocpp';
import { ConnectionRegistry } from '../connection/connection.registry';
import { MetricsService } from '@voltlane/platform-service';
import { ocppCommandMetrics } from '../observability/ocpp.metrics';
import { SERVICE } from '../ocpp-gateway.service';
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

/** A CALLERROR code fit for the result event (printable ASCII, ≤ 100); others become GenericError. */
const PRINTABLE_CODE = /^[\x20-\x7E]{1,100}$/;

/**
 * Why a station's confirmation breaks the version's `<Action>.conf` schema (with the OCPP-J
 * violation kind), or null when it is valid.
 */
export function confirmationViolation(
  protocol: OcppSubprotocol,
  action: string,
  payload: unknown,
): string | null {
  try {
    protocolVersion(protocol).validator.validate(action, 'conf', payload);
    return null;
  } catch (err) {
    if (!(err instanceof RpcError)) throw err;
    return `${action}.conf violates the OCPP schema (${err.kind}): ${err.message}`;
  }
}

/**
 * Sends a CSMS → station OCPP call to a station connected to this replica: validates the payload
 * against the station's protocol schemas, waits (bounded) for the answer and validates the station's
 * confirmation against the `<Action>.conf` schema (`InvalidResponse` when it breaks it). A
 * RemoteStartTransaction the station accepted grants its idTag for the start that follows.
 */
@Injectable()
export class SendCommandUseCase {
  private readonly logger = createLogger(SERVICE.serviceName, 'SendCommand');

  private readonly sentCommands: ReturnType<typeof ocppCommandMetrics> | null;

  constructor(
    private readonly connections: ConnectionRegistry,
    private readonly grants: RemoteStartGrants,
    @Optional() @Inject(MetricsService) metrics?: MetricsService | null,
  ) {
    this.sentCommands = metrics ? ocppCommandMetrics(metrics) : null;
  }

  async execute(command: SendCommandCommand): Promise<CommandResult> {
    const result = await this.send(command);
    if (result.sent !== false) {
      this.sentCommands?.inc({ action: command.command, outcome: result.outcome });
    }
    return result;
  }

  private async send(command: SendCommandCommand): Promise<CommandResult> {
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
        const violation = confirmationViolation(
          connection.session.protocol,
          command.command,
          reply.payload,
        );
        if (violation) {
          this.logger.warn('station answered a command with an invalid confirmation', {
            stationId: command.stationId,
            command: command.command,
            error: violation,
          });
          return {
            outcome: 'InvalidResponse',
            response: reply.payload,
            error: { code: 'InvalidResponse', description: violation.slice(0, 1000) },
          };
        }
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
            code: PRINTABLE_CODE.test(reply.code) ? reply.code : 'GenericError',
            description: reply.description.slice(0, 1000) || '-',
          },
        };
      case 'invalid':
        this.logger.warn('station answered a command with a malformed frame', {
          stationId: command.stationId,
          command: command.command,
          error: reply.reason,
        });
        return {
          outcome: 'InvalidResponse',
          error: { code: 'InvalidResponse', description: reply.reason.slice(0, 1000) },
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
