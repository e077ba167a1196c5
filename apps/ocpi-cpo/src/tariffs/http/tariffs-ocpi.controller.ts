import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  OCPI_PARTY_OPTIONS,
  OcpiFunctionalEndpoint,
  ocpiPage,
  type OcpiPartyOptions,
  OcpiPartyUrls,
  parseOcpiPage,
} from '@voltlane/ocpi-core';
import { ListTariffsUseCase, TARIFFS_MAX_LIMIT } from '../use-cases/list-tariffs.use-case';

/** OCPI 2.2.1 Tariffs, Sender interface: the paginated GET list (pushes go through the queue). */
@ApiTags('ocpi')
@Controller('ocpi/cpo/2.2.1/tariffs')
@OcpiFunctionalEndpoint('tariffs')
export class TariffsOcpiController {
  private readonly listUrl: string;

  constructor(
    private readonly listTariffs: ListTariffsUseCase,
    @Inject(OCPI_PARTY_OPTIONS) party: OcpiPartyOptions,
  ) {
    this.listUrl = new OcpiPartyUrls(party).moduleUrl('tariffs');
  }

  @Get()
  async list(@Query() query: Record<string, unknown>) {
    const page = parseOcpiPage(query, TARIFFS_MAX_LIMIT);
    const result = await this.listTariffs.execute(page);
    return ocpiPage(this.listUrl, { ...result, ...page }, TARIFFS_MAX_LIMIT);
  }
}
