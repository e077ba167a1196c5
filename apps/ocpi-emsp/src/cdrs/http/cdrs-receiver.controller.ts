import { Controller, Get, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { OcpiBody, OcpiCaller, OcpiFunctionalEndpoint } from '@voltlane/ocpi-core';
import { CdrDto } from '@voltlane/protocols-ocpi';
import { GetReceivedCdrUseCase } from '../use-cases/get-received-cdr.use-case';
import { ReceiveCdrUseCase } from '../use-cases/receive-cdr.use-case';

/** OCPI 2.2.1 CDRs, Receiver interface: CPO partners POST final CDRs and GET them back. */
@ApiTags('ocpi')
@Controller('ocpi/emsp/2.2.1/cdrs')
@OcpiFunctionalEndpoint('cdrs')
export class CdrsReceiverController {
  constructor(
    private readonly receiveCdr: ReceiveCdrUseCase,
    private readonly getCdr: GetReceivedCdrUseCase,
  ) {}

  @Post()
  post(@OcpiCaller() caller: OcpiCaller, @OcpiBody(CdrDto) body: CdrDto) {
    return this.receiveCdr.execute({ caller, body });
  }

  @Get(':cdrId')
  get(@OcpiCaller() caller: OcpiCaller, @Param('cdrId') cdrId: string) {
    return this.getCdr.execute({ partnerId: caller.partnerId, cdrId });
  }
}
