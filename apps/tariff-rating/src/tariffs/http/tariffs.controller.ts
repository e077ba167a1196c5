import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Put,
  Query,
  Res,
  UseGuards,
} from '@nestjs/common';
import { OperatorKeyGuard } from '@voltlane/platform-service';
import { DeleteTariffUseCase } from '../use-cases/delete-tariff.use-case';
import { GetTariffUseCase } from '../use-cases/get-tariff.use-case';
import { ListTariffsUseCase } from '../use-cases/list-tariffs.use-case';
import { PutTariffUseCase } from '../use-cases/put-tariff.use-case';

/** Tariff management for operators: `Authorization: Bearer <ADMIN_API_KEY>`. */
@Controller('v1/tariffs')
@UseGuards(OperatorKeyGuard)
export class TariffsController {
  constructor(
    private readonly putTariff: PutTariffUseCase,
    private readonly getTariff: GetTariffUseCase,
    private readonly listTariffs: ListTariffsUseCase,
    private readonly deleteTariff: DeleteTariffUseCase,
  ) {}

  @Get()
  list(@Query('offset') offset?: string, @Query('limit') limit?: string) {
    return this.listTariffs.execute({ offset, limit });
  }

  @Put(':countryCode/:partyId/:tariffId')
  async put(
    @Param('countryCode') countryCode: string,
    @Param('partyId') partyId: string,
    @Param('tariffId') tariffId: string,
    @Body() body: unknown,
    @Res({ passthrough: true }) res: { status(code: number): unknown },
  ) {
    const result = await this.putTariff.execute({ countryCode, partyId, tariffId, body });
    res.status(result.created ? 201 : 200);
    return result.tariff;
  }

  @Get(':countryCode/:partyId/:tariffId')
  get(
    @Param('countryCode') countryCode: string,
    @Param('partyId') partyId: string,
    @Param('tariffId') tariffId: string,
  ) {
    return this.getTariff.execute({ countryCode, partyId, tariffId });
  }

  @Delete(':countryCode/:partyId/:tariffId')
  @HttpCode(204)
  async delete(
    @Param('countryCode') countryCode: string,
    @Param('partyId') partyId: string,
    @Param('tariffId') tariffId: string,
  ): Promise<void> {
    await this.deleteTariff.execute({ countryCode, partyId, tariffId });
  }
}
