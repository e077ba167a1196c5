import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  OCPI_PARTY_OPTIONS,
  OcpiCaller,
  OcpiFunctionalEndpoint,
  ocpiPage,
  type OcpiPartyOptions,
  OcpiPartyUrls,
  parseOcpiPage,
} from '@voltlane/ocpi-core';
import { CDRS_MAX_LIMIT, ListCdrsUseCase } from '../use-cases/list-cdrs.use-case';

/** OCPI 2.2.1 CDRs, Sender interface: GET list (only the caller's CDRs). */
@ApiTags('ocpi')
@Controller('ocpi/cpo/2.2.1/cdrs')
@OcpiFunctionalEndpoint('cdrs')
export class CdrsOcpiController {
  private readonly listUrl: string;

  constructor(
    private readonly listCdrs: ListCdrsUseCase,
    @Inject(OCPI_PARTY_OPTIONS) party: OcpiPartyOptions,
  ) {
    this.listUrl = new OcpiPartyUrls(party).moduleUrl('cdrs');
  }

  @Get()
  async list(@OcpiCaller() caller: OcpiCaller, @Query() query: Record<string, unknown>) {
    const page = parseOcpiPage(query, CDRS_MAX_LIMIT);
    const result = await this.listCdrs.execute(caller, page);
    return ocpiPage(this.listUrl, { ...result, ...page }, CDRS_MAX_LIMIT);
  }
}
