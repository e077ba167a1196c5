import { Injectable } from '@nestjs/common';
import type { CommandCompletedV1 } from '@voltlane/contracts-events';
import type { EntityManager } from 'typeorm';
import { SERVICE } from '../../ocpi-cpo.service';
import { CommandResultSender } from './command-result.sender';

/**
 * `ocpp.command.completed` of one of our commands → its OCPI result (CommandResult,
 * ActiveChargingProfileResult, ChargingProfileResult or ClearProfileResult) POSTed to the
 * `response_url`, unless the sweeper sent TIMEOUT already. Other requesters' results are ignored.
 */
@Injectable()
export class CompleteCommandUseCase {
  constructor(private readonly sender: CommandResultSender) {}

  async execute(
    completed: CommandCompletedV1,
    manager: EntityManager,
    correlationId?: string,
  ): Promise<void> {
    if (completed.requester !== SERVICE.serviceName) return;
    await this.sender.answer(manager, completed.commandId, completed, correlationId);
  }
}
