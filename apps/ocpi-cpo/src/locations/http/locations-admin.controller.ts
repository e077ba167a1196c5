import { Body, Controller, Delete, Get, Param, Put, Res, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { OperatorKeyGuard } from '@voltlane/platform-service';
import { GetAdminLocationUseCase } from '../use-cases/get-admin-location.use-case';
import { PutLocationUseCase } from '../use-cases/put-location.use-case';
import { RetireLocationUseCase } from '../use-cases/retire-location.use-case';

/** Location master data for operators (`Authorization: Bearer <ADMIN_API_KEY>`). */
@ApiTags('admin')
@Controller('admin/v1/locations')
@UseGuards(OperatorKeyGuard)
export class LocationsAdminController {
  constructor(
    private readonly putLocation: PutLocationUseCase,
    private readonly getLocation: GetAdminLocationUseCase,
    private readonly retireLocation: RetireLocationUseCase,
  ) {}

  @Put(':locationId')
  async put(
    @Param('locationId') locationId: string,
    @Body() body: unknown,
    @Res({ passthrough: true }) res: { status(code: number): unknown },
  ) {
    const result = await this.putLocation.execute({ locationId, body });
    res.status(result.created ? 201 : 200);
    return result.location;
  }

  @Get(':locationId')
  get(@Param('locationId') locationId: string) {
    return this.getLocation.execute(locationId);
  }

  /** Retires every EVSE as REMOVED (OCPI never deletes a Location); answers the result. */
  @Delete(':locationId')
  delete(@Param('locationId') locationId: string) {
    return this.retireLocation.execute(locationId);
  }
}
