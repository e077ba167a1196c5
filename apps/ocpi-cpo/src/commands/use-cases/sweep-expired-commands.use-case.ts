import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { RemoteCommandRepository } from '../persistence/remote-command.repository';
import { CommandResultSender } from './command-result.sender';

/**
 * Commands whose deadline passed without a station answer get their TIMEOUT result (charging
 * profiles: REJECTED — OCPI has no timeout there) [CMD › _CommandResponse_ Object]. Rows are
 * locked with SKIP LOCKED, so replicas share the work and each command is answered once.
 */
@Injectable()
export class SweepExpiredCommandsUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly commands: RemoteCommandRepository,
    private readonly sender: CommandResultSender,
  ) {}

  /** Returns how many commands were timed out. */
  async execute(limit = 100): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const expired = await this.commands.lockExpired(manager, limit);
      let answered = 0;
      for (const command of expired) {
        const body = await this.sender.answer(manager, command.commandId, {
          outcome: 'Timeout',
          error: { code: 'Timeout', description: 'no answer from the station in time' },
        });
        if (body) answered++;
      }
      return answered;
    });
  }
}
