import { Controller, Get, Param, Patch, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { OcpiBody, OcpiCaller, OcpiFunctionalEndpoint } from '@voltlane/ocpi-core';
import {
  ConnectorDto,
  ConnectorPatchDto,
  EvseDto,
  EvsePatchDto,
  LocationDto,
  LocationPatchDto,
} from '@voltlane/protocols-ocpi';
import { ownedCpoParty } from '../../shared/http/ocpi-receiver.checks';
import type { ConnectorJson, EvseJson, LocationJson } from '../domain/received-location';
import { GetReceivedLocationUseCase } from '../use-cases/get-received-location.use-case';
import { PatchLocationObjectUseCase } from '../use-cases/patch-location-object.use-case';
import { PutLocationObjectUseCase } from '../use-cases/put-location-object.use-case';

const ref = (caller: OcpiCaller, cc: string, pid: string, id: string) => ({
  partnerId: caller.partnerId,
  ...ownedCpoParty(caller, cc, pid),
  id,
});

/** OCPI 2.2.1 Locations, Receiver interface: CPO partners push their Locations/EVSEs/Connectors. */
@ApiTags('ocpi')
@Controller('ocpi/emsp/2.2.1/locations/:cc/:pid/:locationId')
@OcpiFunctionalEndpoint('locations')
export class LocationsReceiverController {
  constructor(
    private readonly getLocation: GetReceivedLocationUseCase,
    private readonly putObject: PutLocationObjectUseCase,
    private readonly patchObject: PatchLocationObjectUseCase,
  ) {}

  @Get()
  getLoc(@OcpiCaller() c: OcpiCaller, @Param() p: Record<string, string>) {
    return this.getLocation.execute({ ref: ref(c, p.cc, p.pid, p.locationId), target: {} });
  }

  @Get(':evseUid')
  getEvse(@OcpiCaller() c: OcpiCaller, @Param() p: Record<string, string>) {
    const target = { evseUid: p.evseUid };
    return this.getLocation.execute({ ref: ref(c, p.cc, p.pid, p.locationId), target });
  }

  @Get(':evseUid/:connectorId')
  getConnector(@OcpiCaller() c: OcpiCaller, @Param() p: Record<string, string>) {
    const target = { evseUid: p.evseUid, connectorId: p.connectorId };
    return this.getLocation.execute({ ref: ref(c, p.cc, p.pid, p.locationId), target });
  }

  @Put()
  putLoc(
    @OcpiCaller() c: OcpiCaller,
    @Param() p: Record<string, string>,
    @OcpiBody(LocationDto) body: LocationDto,
  ) {
    const command = { ref: ref(c, p.cc, p.pid, p.locationId), target: {} };
    return this.putObject.execute({ ...command, body: body as unknown as LocationJson });
  }

  @Put(':evseUid')
  putEvse(
    @OcpiCaller() c: OcpiCaller,
    @Param() p: Record<string, string>,
    @OcpiBody(EvseDto) body: EvseDto,
  ) {
    const command = { ref: ref(c, p.cc, p.pid, p.locationId), target: { evseUid: p.evseUid } };
    return this.putObject.execute({ ...command, body: body as unknown as EvseJson });
  }

  @Put(':evseUid/:connectorId')
  putConnector(
    @OcpiCaller() c: OcpiCaller,
    @Param() p: Record<string, string>,
    @OcpiBody(ConnectorDto) body: ConnectorDto,
  ) {
    const target = { evseUid: p.evseUid, connectorId: p.connectorId };
    const command = { ref: ref(c, p.cc, p.pid, p.locationId), target };
    return this.putObject.execute({ ...command, body: body as unknown as ConnectorJson });
  }

  @Patch()
  patchLoc(
    @OcpiCaller() c: OcpiCaller,
    @Param() p: Record<string, string>,
    @OcpiBody(LocationPatchDto) patch: LocationPatchDto,
  ) {
    return this.patchObject.execute({ ref: ref(c, p.cc, p.pid, p.locationId), target: {}, patch });
  }

  @Patch(':evseUid')
  patchEvse(
    @OcpiCaller() c: OcpiCaller,
    @Param() p: Record<string, string>,
    @OcpiBody(EvsePatchDto) patch: EvsePatchDto,
  ) {
    const command = { ref: ref(c, p.cc, p.pid, p.locationId), target: { evseUid: p.evseUid } };
    return this.patchObject.execute({ ...command, patch });
  }

  @Patch(':evseUid/:connectorId')
  patchConnector(
    @OcpiCaller() c: OcpiCaller,
    @Param() p: Record<string, string>,
    @OcpiBody(ConnectorPatchDto) patch: ConnectorPatchDto,
  ) {
    const target = { evseUid: p.evseUid, connectorId: p.connectorId };
    return this.patchObject.execute({ ref: ref(c, p.cc, p.pid, p.locationId), target, patch });
  }
}
