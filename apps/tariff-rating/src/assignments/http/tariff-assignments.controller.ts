import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Post,
  Query,
  UseGuards,
} from '@nestjs/common';
import { OperatorKeyGuard } from '@voltlane/platform-service';
import { CreateTariffAssignmentUseCase } from '../use-cases/create-tariff-assignment.use-case';
import { DeleteTariffAssignmentUseCase } from '../use-cases/delete-tariff-assignment.use-case';
import { ListTariffAssignmentsUseCase } from '../use-cases/list-tariff-assignments.use-case';
import {
  ResolveTariffAssignmentUseCase,
  type ResolveTariffQuery,
} from '../use-cases/resolve-tariff-assignment.use-case';

/** Tariff assignments for operators: `Authorization: Bearer <ADMIN_API_KEY>`. */
@Controller('v1/tariff-assignments')
@UseGuards(OperatorKeyGuard)
export class TariffAssignmentsController {
  constructor(
    private readonly createAssignment: CreateTariffAssignmentUseCase,
    private readonly listAssignments: ListTariffAssignmentsUseCase,
    private readonly resolveAssignment: ResolveTariffAssignmentUseCase,
    private readonly deleteAssignment: DeleteTariffAssignmentUseCase,
  ) {}

  @Post()
  @HttpCode(201)
  create(@Body() body: unknown) {
    return this.createAssignment.execute(body);
  }

  @Get()
  list(@Query('location_id') locationId?: string) {
    return this.listAssignments.execute({ locationId });
  }

  @Get('resolve')
  resolve(@Query() query: ResolveTariffQuery) {
    return this.resolveAssignment.execute(query);
  }

  @Delete(':assignmentId')
  @HttpCode(204)
  async delete(@Param('assignmentId') assignmentId: string): Promise<void> {
    await this.deleteAssignment.execute({ assignmentId });
  }
}
