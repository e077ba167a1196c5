import { Controller, Get, Inject, Param, Put, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  OCPI_PARTY_OPTIONS,
  OcpiBody,
  OcpiCaller,
  OcpiFunctionalEndpoint,
  ocpiPage,
  type OcpiPartyOptions,
  OcpiPartyUrls,
  parseOcpiPage,
} from '@voltlane/ocpi-core';
import { ChargingPreferencesDto } from '@voltlane/protocols-ocpi';
import { ListSessionsUseCase, SESSIONS_MAX_LIMIT } from '../use-cases/list-sessions.use-case';
import { SetChargingPreferencesUseCase } from '../use-cases/set-charging-preferences.use-case';

/** OCPI 2.2.1 Sessions, Sender interface: GET list (per token owner), charging preferences. */
@ApiTags('ocpi')
@Controller('ocpi/cpo/2.2.1/sessions')
@OcpiFunctionalEndpoint('sessions')
export class SessionsOcpiController {
  private readonly listUrl: string;

  constructor(
    private readonly listSessions: ListSessionsUseCase,
    private readonly setPreferences: SetChargingPreferencesUseCase,
    @Inject(OCPI_PARTY_OPTIONS) party: OcpiPartyOptions,
  ) {
    this.listUrl = new OcpiPartyUrls(party).moduleUrl('sessions');
  }

  @Get()
  async list(@OcpiCaller() caller: OcpiCaller, @Query() query: Record<string, unknown>) {
    const page = parseOcpiPage(query, SESSIONS_MAX_LIMIT);
    const result = await this.listSessions.execute(caller, page);
    return ocpiPage(this.listUrl, { ...result, ...page }, SESSIONS_MAX_LIMIT);
  }

  @Put(':sessionId/charging_preferences')
  chargingPreferences(
    @OcpiCaller() caller: OcpiCaller,
    @Param('sessionId') sessionId: string,
    @OcpiBody(ChargingPreferencesDto) preferences: ChargingPreferencesDto,
  ) {
    return this.setPreferences.execute({ caller, sessionId, preferences });
  }
}
