import { Injectable } from '@nestjs/common';
import { NotFoundError } from '@voltlane/platform-core';
import { GetCommandUseCase } from '../../commands/use-cases/get-command.use-case';
import { SendCommandUseCase } from '../../commands/use-cases/send-command.use-case';
import { DriverCommandGateway, type DriverCommandState } from './driver-command.gateway';

/** DriverCommandGateway over the Commands module's use cases (ADR 0071). */
@Injectable()
export class CommandsModuleGateway extends DriverCommandGateway {
  constructor(
    private readonly sendCommand: SendCommandUseCase,
    private readonly getCommand: GetCommandUseCase,
  ) {
    super();
  }

  async send(command: Parameters<DriverCommandGateway['send']>[0]): Promise<DriverCommandState> {
    return this.sendCommand.execute(command);
  }

  async get(commandId: string): Promise<DriverCommandState | null> {
    try {
      return await this.getCommand.execute({ id: commandId });
    } catch (error) {
      if (error instanceof NotFoundError) return null;
      throw error;
    }
  }
}
