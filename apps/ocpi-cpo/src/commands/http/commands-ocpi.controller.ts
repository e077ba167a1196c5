import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { OcpiCaller, OcpiFunctionalEndpoint } from '@voltlane/ocpi-core';
import { RequestCommandUseCase } from '../use-cases/request-command.use-case';

/** OCPI 2.2.1 Commands, Receiver interface [CMD › Receiver Interface]: `POST /{command}`. */
@ApiTags('ocpi')
@Controller('ocpi/cpo/2.2.1/commands')
@OcpiFunctionalEndpoint('commands')
export class CommandsOcpiController {
  constructor(private readonly requestCommand: RequestCommandUseCase) {}

  /** The body is validated per command type (StartSession, StopSession...) → 2001. */
  @Post(':command')
  @HttpCode(200)
  post(@OcpiCaller() caller: OcpiCaller, @Param('command') command: string, @Body() body: unknown) {
    return this.requestCommand.execute({ caller, command, body });
  }
}
