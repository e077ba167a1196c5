import { Module } from '@nestjs/common';
import { TokensModule } from '../tokens/tokens.module';
import { CommandsAdminController } from './http/commands-admin.controller';
import { CommandsReceiverController } from './http/commands-receiver.controller';
import { CommandTimeoutSweeper } from './jobs/command-timeout.sweeper';
import { EmspCommandRepository } from './persistence/emsp-command.repository';
import { GetCommandUseCase } from './use-cases/get-command.use-case';
import { ReceiveCommandResultUseCase } from './use-cases/receive-command-result.use-case';
import { SendCommandUseCase } from './use-cases/send-command.use-case';

/**
 * OCPI Commands, eMSP side (ADR 0071): sending commands to CPO partners, hosting their
 * `response_url`, timing them out. `SendCommandUseCase` / `GetCommandUseCase` are exported for
 * the driver API.
 */
@Module({
  imports: [TokensModule],
  controllers: [CommandsReceiverController, CommandsAdminController],
  providers: [
    EmspCommandRepository,
    SendCommandUseCase,
    GetCommandUseCase,
    ReceiveCommandResultUseCase,
    CommandTimeoutSweeper,
  ],
  exports: [SendCommandUseCase, GetCommandUseCase],
})
export class CommandsModule {}
