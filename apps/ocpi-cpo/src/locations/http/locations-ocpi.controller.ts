import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  OCPI_PARTY_OPTIONS,
  OcpiFunctionalEndpoint,
  ocpiPage,
  type OcpiPartyOptions,
  OcpiPartyUrls,
  parseOcpiPage,
} from '@voltlane/ocpi-core';
import { GetLocationObjectUseCase } from '../use-cases/get-location-object.use-case';
import { ListLocationsUseCase, LOCATIONS_MAX_LIMIT } from '../use-cases/list-locations.use-case';

/** OCPI 2.2.1 Locations, Sender interface (we own the locations): GET list and GET object. */
@ApiTags('ocpi')
@Controller('ocpi/cpo/2.2.1/locations')
@OcpiFunctionalEndpoint('locations')
export class LocationsOcpiController {
  private readonly listUrl: string;

  constructor(
    private readonly listLocations: ListLocationsUseCase,
    private readonly getObject: GetLocationObjectUseCase,
    @Inject(OCPI_PARTY_OPTIONS) party: OcpiPartyOptions,
  ) {
    this.listUrl = new OcpiPartyUrls(party).moduleUrl('locations');
  }

  @Get()
  async list(@Query() query: Record<string, unknown>) {
    const page = parseOcpiPage(query, LOCATIONS_MAX_LIMIT);
    const result = await this.listLocations.execute(page);
    return ocpiPage(this.listUrl, { ...result, ...page }, LOCATIONS_MAX_LIMIT);
  }

  @Get(':locationId')
  location(@Param('locationId') locationId: string) {
    return this.getObject.execute({ locationId });
  }

  @Get(':locationId/:evseUid')
  evse(@Param('locationId') locationId: string, @Param('evseUid') evseUid: string) {
    return this.getObject.execute({ locationId, evseUid });
  }

  @Get(':locationId/:evseUid/:connectorId')
  connector(
    @Param('locationId') locationId: string,
    @Param('evseUid') evseUid: string,
    @Param('connectorId') connectorId: string,
  ) {
    return this.getObject.execute({ locationId, evseUid, connectorId });
  }
}
