import { Body, Controller, Get, Param, Put, Query, Res, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ValidationFailedError } from '@voltlane/platform-core';
import { OperatorKeyGuard } from '@voltlane/platform-service';
import type { TokenInput } from '../domain/emsp-token';
import { GetTokenUseCase } from '../use-cases/get-token.use-case';
import { UpsertTokenUseCase } from '../use-cases/upsert-token.use-case';

/**
 * `PUT /admin/v1/tokens/{uid}` (operator key): creates or updates one of our tokens — body = the
 * OCPI Token fields without country_code/party_id/last_updated, plus an optional `driver_id` —
 * and pushes it to every CPO partner. 201 when created, else 200; answers the OCPI Token.
 * `GET /admin/v1/tokens/{uid}?type=` reads one back.
 */
@ApiTags('admin')
@Controller('admin/v1/tokens')
@UseGuards(OperatorKeyGuard)
export class TokensAdminController {
  constructor(
    private readonly upsertToken: UpsertTokenUseCase,
    private readonly getToken: GetTokenUseCase,
  ) {}

  /** One token (`?type=`, default RFID) with its `driver_id`. */
  @Get(':uid')
  async get(@Param('uid') uid: string, @Query('type') type?: string) {
    const found = await this.getToken.execute({ uid, type });
    return { ...found.token, driver_id: found.driverId };
  }

  @Put(':uid')
  async put(
    @Param('uid') uid: string,
    @Body() body: unknown,
    @Res({ passthrough: true }) res: { status(code: number): unknown },
  ) {
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw new ValidationFailedError('Invalid token', ['(body): must be a JSON object']);
    }
    const fields = body as Record<string, unknown>;
    if (fields.uid !== undefined && fields.uid !== uid) {
      throw new ValidationFailedError('Invalid token', ['uid: must equal the uid in the URL']);
    }
    const result = await this.upsertToken.execute({ ...fields, uid } as TokenInput);
    res.status(result.created ? 201 : 200);
    return { ...result.token, driver_id: result.driverId };
  }
}
