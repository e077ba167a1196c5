import { Body, Controller, Get, HttpCode, Param, Post, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { SearchLocationsUseCase } from '../use-cases/search-locations.use-case';
import {
  GetDriverCommandUseCase,
  GetDriverSessionUseCase,
  StartDriverSessionUseCase,
  StopDriverSessionUseCase,
} from '../use-cases/driver-sessions.use-cases';
import { DriverApiKeyGuard } from './driver-api-key.guard';
import {
  DriverScopeQuery,
  parseRequest,
  SearchLocationsQuery,
  StartSessionRequest,
} from './driver-api.dto';

/** Driver API: finding a charger, starting and stopping a session by app, following it live. */
@ApiTags('driver-api')
@ApiBearerAuth()
@Controller('api/v1')
@UseGuards(DriverApiKeyGuard)
export class ChargingController {
  constructor(
    private readonly search: SearchLocationsUseCase,
    private readonly startSession: StartDriverSessionUseCase,
    private readonly getSession: GetDriverSessionUseCase,
    private readonly stopSession: StopDriverSessionUseCase,
    private readonly getCommand: GetDriverCommandUseCase,
  ) {}

  @Get('locations')
  @ApiOperation({
    summary: 'Charging locations near a point, nearest first, with live EVSE availability',
  })
  locations(@Query() query: SearchLocationsQuery) {
    const q = parseRequest(SearchLocationsQuery, query, 'invalid location search');
    return this.search.execute({
      centre: { lat: q.lat, lon: q.lon },
      radiusM: q.radius_m,
      connectorType: q.connector_type,
      minPowerKw: q.min_power_kw,
      availableNow: q.available_now,
      limit: q.limit,
    });
  }

  @Post('sessions')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Start a session by app: sends START_SESSION to the CPO (202 + command)',
  })
  start(@Body() body: StartSessionRequest) {
    const req = parseRequest(StartSessionRequest, body, 'invalid session start');
    return this.startSession
      .execute({
        driverId: req.driver_id,
        locationId: req.location_id,
        evseUid: req.evse_uid,
        connectorId: req.connector_id,
      })
      .then(commandView);
  }

  @Get('sessions/:id')
  @ApiOperation({ summary: "One of the driver's sessions: live kWh, duration, cost so far" })
  session(@Param('id') id: string, @Query() query: DriverScopeQuery) {
    const q = parseRequest(DriverScopeQuery, query, 'invalid session query');
    return this.getSession.execute({ driverId: q.driver_id, sessionId: id });
  }

  @Post('sessions/:id/stop')
  @HttpCode(202)
  @ApiOperation({ summary: 'Stop a session: sends STOP_SESSION to the CPO (202 + command)' })
  stop(@Param('id') id: string, @Body() body: DriverScopeQuery) {
    const req = parseRequest(DriverScopeQuery, body, 'invalid session stop');
    return this.stopSession.execute({ driverId: req.driver_id, sessionId: id }).then(commandView);
  }

  @Get('commands/:id')
  @ApiOperation({ summary: 'State of a command the driver started' })
  command(@Param('id') id: string, @Query() query: DriverScopeQuery) {
    const q = parseRequest(DriverScopeQuery, query, 'invalid command query');
    return this.getCommand.execute({ driverId: q.driver_id, commandId: id });
  }
}

const commandView = (c: { id: string; state: string; type: string }) => ({
  command_id: c.id,
  type: c.type,
  state: c.state,
});
