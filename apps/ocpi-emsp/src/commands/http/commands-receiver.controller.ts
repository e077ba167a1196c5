import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { OcpiBody, OcpiCaller, OcpiFunctionalEndpoint } from '@voltlane/ocpi-core';
import { CommandResultDto } from '@voltlane/protocols-ocpi';
import type { CommandResultJson } from '../domain/emsp-command';
import { ReceiveCommandResultUseCase } from '../use-cases/receive-command-result.use-case';

/**
 * OCPI 2.2.1 Commands, Sender interface of the eMSP: the `response_url` of each command we sent,
 * `POST {commands}/{TYPE}/{commandId}` with the CPO's CommandResult.
 */
@ApiTags('ocpi')
@Controller('ocpi/emsp/2.2.1/commands')
@OcpiFunctionalEndpoint('commands')
export class CommandsReceiverController {
  constructor(private readonly receiveResult: ReceiveCommandResultUseCase) {}

  @Post(':type/:commandId')
  @HttpCode(200)
  post(
    @OcpiCaller() caller: OcpiCaller,
    @Param() p: Record<string, string>,
    @OcpiBody(CommandResultDto) body: CommandResultDto,
  ) {
    return this.receiveResult.execute({
      partnerId: caller.partnerId,
      type: p.type,
      commandId: p.commandId,
      result: body as unknown as CommandResultJson,
    });
  }
}
