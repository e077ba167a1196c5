import { Controller, Get, Param, Patch, Put, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { OcpiBody, OcpiCaller, OcpiFunctionalEndpoint } from '@voltlane/ocpi-core';
import { TokenDto, TokenPatchDto } from '@voltlane/protocols-ocpi';
import { GetTokenUseCase } from '../use-cases/get-token.use-case';
import { PatchTokenUseCase } from '../use-cases/patch-token.use-case';
import { PutTokenUseCase } from '../use-cases/put-token.use-case';

const PATH = ':countryCode/:partyId/:uid';

/** OCPI 2.2.1 Tokens, Receiver interface [TOK › Receiver Interface]: GET, PUT, PATCH (no DELETE). */
@ApiTags('ocpi')
@Controller('ocpi/cpo/2.2.1/tokens')
@OcpiFunctionalEndpoint('tokens')
export class TokensOcpiController {
  constructor(
    private readonly getToken: GetTokenUseCase,
    private readonly putToken: PutTokenUseCase,
    private readonly patchToken: PatchTokenUseCase,
  ) {}

  @Get(PATH)
  get(
    @OcpiCaller() caller: OcpiCaller,
    @Param() address: { countryCode: string; partyId: string; uid: string },
    @Query('type') type?: string,
  ) {
    return this.getToken.execute({ caller, address: { ...address, type } });
  }

  @Put(PATH)
  put(
    @OcpiCaller() caller: OcpiCaller,
    @Param() address: { countryCode: string; partyId: string; uid: string },
    @OcpiBody(TokenDto) token: TokenDto,
    @Query('type') type?: string,
  ) {
    return this.putToken.execute({ caller, address: { ...address, type }, token });
  }

  @Patch(PATH)
  patch(
    @OcpiCaller() caller: OcpiCaller,
    @Param() address: { countryCode: string; partyId: string; uid: string },
    @OcpiBody(TokenPatchDto) patch: TokenPatchDto,
    @Query('type') type?: string,
  ) {
    return this.patchToken.execute({ caller, address: { ...address, type }, patch });
  }
}
