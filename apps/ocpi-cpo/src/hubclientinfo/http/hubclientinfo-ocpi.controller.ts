import { Controller, Get, Param, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { OcpiBody, OcpiCaller, OcpiConfigurationEndpoint } from '@voltlane/ocpi-core';
import { ClientInfoDto } from '@voltlane/protocols-ocpi';
import { GetClientInfoUseCase, PutClientInfoUseCase } from '../use-cases/client-info.use-cases';

/**
 * OCPI 2.2.1 HubClientInfo, Receiver interface [HCI › Receiver Interface]: a configuration module
 * (no routing headers [T&F › Message Routing Headers]); Token A is refused in the use case.
 */
@ApiTags('ocpi')
@Controller('ocpi/cpo/2.2.1/hubclientinfo')
@OcpiConfigurationEndpoint()
export class HubClientInfoOcpiController {
  constructor(
    private readonly getInfo: GetClientInfoUseCase,
    private readonly putInfo: PutClientInfoUseCase,
  ) {}

  @Get(':countryCode/:partyId')
  get(
    @OcpiCaller() caller: OcpiCaller,
    @Param('countryCode') countryCode: string,
    @Param('partyId') partyId: string,
  ) {
    return this.getInfo.execute({ caller, countryCode, partyId });
  }

  @Put(':countryCode/:partyId')
  put(
    @OcpiCaller() caller: OcpiCaller,
    @Param('countryCode') countryCode: string,
    @Param('partyId') partyId: string,
    @OcpiBody(ClientInfoDto) info: ClientInfoDto,
  ) {
    return this.putInfo.execute({ caller, countryCode, partyId, info });
  }
}
