import { Injectable } from '@nestjs/common';
import { OcpiException } from '@voltlane/ocpi-core';
import { createLogger } from '@voltlane/platform-core';
import { DataSource } from 'typeorm';
import { type CommandResultJson, decideResult } from '../domain/emsp-command';
import { EmspCommandRepository } from '../persistence/emsp-command.repository';

export interface ReceiveCommandResultCommand {
  /** The authenticated caller. */
  partnerId: string;
  /** `{TYPE}/{commandId}` of our response_url. */
  type: string;
  commandId: string;
  /** Validated CommandResult. */
  result: CommandResultJson;
}

/**
 * `POST {response_url}` = `…/commands/{TYPE}/{commandId}`: the CPO's CommandResult (ADR 0071).
 * Only the partner the command was sent to may post it (others, unknown ids or another TYPE:
 * HTTP 404). The first result is recorded (state = its result, final); a repeated one is
 * answered 1000 and ignored, as is one for a command the CPO had refused.
 */
@Injectable()
export class ReceiveCommandResultUseCase {
  private readonly logger = createLogger('ocpi-emsp', 'ReceiveCommandResult');

  constructor(
    private readonly dataSource: DataSource,
    private readonly commands: EmspCommandRepository,
  ) {}

  async execute({ partnerId, type, commandId, result }: ReceiveCommandResultCommand) {
    const plain = JSON.parse(JSON.stringify(result)) as CommandResultJson;
    await this.dataSource.transaction(async (manager) => {
      const command = await this.commands.lockAndFind(manager, commandId);
      if (!command || command.partnerId !== partnerId || command.type !== type) {
        throw OcpiException.notFound(`Unknown command ${type}/${commandId}`);
      }
      const decision = decideResult(command, plain);
      if (decision.kind !== 'record') {
        this.logger.warn('command result ignored', { commandId, reason: decision.kind });
        return;
      }
      await this.commands.update(manager, commandId, {
        state: decision.state,
        result: plain,
        completedAt: command.completedAt ?? new Date(),
      });
    });
    return undefined;
  }
}
