import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
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
import { AuthorizeTokenUseCase } from '../use-cases/authorize-token.use-case';
import { ListTokensUseCase, TOKENS_MAX_LIMIT } from '../use-cases/list-tokens.use-case';

/** OCPI 2.2.1 Tokens, Sender interface (we own the tokens): GET list, real-time authorization. */
@ApiTags('ocpi')
@Controller('ocpi/emsp/2.2.1/tokens')
@OcpiFunctionalEndpoint('tokens')
export class TokensSenderController {
  private readonly listUrl: string;

  constructor(
    private readonly listTokens: ListTokensUseCase,
    private readonly authorizeToken: AuthorizeTokenUseCase,
    @Inject(OCPI_PARTY_OPTIONS) party: OcpiPartyOptions,
  ) {
    this.listUrl = new OcpiPartyUrls(party).moduleUrl('tokens');
  }

  @Get()
  async list(@Query() query: Record<string, unknown>) {
    const page = parseOcpiPage(query, TOKENS_MAX_LIMIT);
    const result = await this.listTokens.execute(page);
    return ocpiPage(this.listUrl, { ...result, ...page }, TOKENS_MAX_LIMIT);
  }

  @Post(':uid/authorize')
  @HttpCode(200)
  authorize(
    @OcpiCaller() caller: OcpiCaller,
    @Param('uid') uid: string,
    @Query('type') type: string | undefined,
    @Body() body: unknown,
  ) {
    return this.authorizeToken.execute({ caller, uid, type, body });
  }
}
