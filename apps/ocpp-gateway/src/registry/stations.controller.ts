import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Put,
  Res,
  UseGuards,
} from '@nestjs/common';
import { OperatorKeyGuard } from '@voltlane/platform-service';
import {
  DeleteStationUseCase,
  GetStationUseCase,
  PutStationUseCase,
  type StationView,
} from './station-registry.use-cases';

/** Station registry for operators: `Authorization: Bearer <ADMIN_API_KEY>`. */
@Controller('api/v1/stations')
@UseGuards(OperatorKeyGuard)
export class StationsController {
  constructor(
    private readonly putStation: PutStationUseCase,
    private readonly getStation: GetStationUseCase,
    private readonly deleteStation: DeleteStationUseCase,
  ) {}

  @Put(':stationId')
  async put(
    @Param('stationId') stationId: string,
    @Body() body: unknown,
    @Res({ passthrough: true }) res: { status(code: number): unknown },
  ): Promise<StationView> {
    const result = await this.putStation.execute({ stationId, body });
    res.status(result.created ? 201 : 200);
    return result.station;
  }

  @Get(':stationId')
  get(@Param('stationId') stationId: string): Promise<StationView> {
    return this.getStation.execute({ stationId });
  }

  @Delete(':stationId')
  @HttpCode(204)
  async delete(@Param('stationId') stationId: string): Promise<void> {
    await this.deleteStation.execute({ stationId });
  }
}
