import { Controller, Delete, Get, Param, Put, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { OcpiBody, OcpiCaller, OcpiFunctionalEndpoint } from '@voltlane/ocpi-core';
import { SetChargingProfileDto } from '@voltlane/protocols-ocpi';
import { ClearChargingProfileUseCase } from '../use-cases/clear-charging-profile.use-case';
import { GetActiveProfileUseCase } from '../use-cases/get-active-profile.use-case';
import { SetChargingProfileUseCase } from '../use-cases/set-charging-profile.use-case';

/** OCPI 2.2.1 ChargingProfiles, Receiver interface [CP › Receiver Interface]. */
@ApiTags('ocpi')
@Controller('ocpi/cpo/2.2.1/chargingprofiles')
@OcpiFunctionalEndpoint('chargingprofiles')
export class ChargingProfilesOcpiController {
  constructor(
    private readonly getActive: GetActiveProfileUseCase,
    private readonly setProfile: SetChargingProfileUseCase,
    private readonly clearProfile: ClearChargingProfileUseCase,
  ) {}

  @Get(':sessionId')
  get(
    @OcpiCaller() caller: OcpiCaller,
    @Param('sessionId') sessionId: string,
    @Query('duration') duration?: string,
    @Query('response_url') responseUrl?: string,
  ) {
    return this.getActive.execute({ caller, sessionId, duration, responseUrl });
  }

  @Put(':sessionId')
  put(
    @OcpiCaller() caller: OcpiCaller,
    @Param('sessionId') sessionId: string,
    @OcpiBody(SetChargingProfileDto) body: SetChargingProfileDto,
  ) {
    return this.setProfile.execute({ caller, sessionId, body });
  }

  @Delete(':sessionId')
  delete(
    @OcpiCaller() caller: OcpiCaller,
    @Param('sessionId') sessionId: string,
    @Query('response_url') responseUrl?: string,
  ) {
    return this.clearProfile.execute({ caller, sessionId, responseUrl });
  }
}
