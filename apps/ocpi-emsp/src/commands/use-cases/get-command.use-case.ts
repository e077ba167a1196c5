import { Injectable } from '@nestjs/common';
import { CommandNotFoundError } from '../domain/command.errors';
import { EmspCommandRepository } from '../persistence/emsp-command.repository';
import { type CommandView, commandView } from './command.view';

/** One command we sent, with its state, CommandResponse, CommandResult and timestamps. */
@Injectable()
export class GetCommandUseCase {
  constructor(private readonly commands: EmspCommandRepository) {}

  async execute({ id }: { id: string }): Promise<CommandView> {
    const found = await this.commands.find(id);
    if (!found) throw new CommandNotFoundError(`Unknown command ${id}`);
    return commandView(found);
  }
}
