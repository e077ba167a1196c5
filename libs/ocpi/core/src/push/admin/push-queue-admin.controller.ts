import { Controller, Get, HttpCode, Param, Post, Query, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ValidationFailedError } from '@voltlane/platform-core';
import { OperatorKeyGuard } from '@voltlane/platform-service';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { ListPushItemsQuery } from './list-push-items.query';
import {
  GetPushQueueSummaryUseCase,
  ListPushItemsUseCase,
  RetryPushItemUseCase,
} from './push-queue.admin-use-cases';

/** Operator API of the OCPI push queue (`Authorization: Bearer <ADMIN_API_KEY>`). */
@ApiTags('ocpi-push-queue')
@Controller('admin/v1/push-queue')
@UseGuards(OperatorKeyGuard)
export class PushQueueAdminController {
  constructor(
    private readonly summary: GetPushQueueSummaryUseCase,
    private readonly items: ListPushItemsUseCase,
    private readonly retrier: RetryPushItemUseCase,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'Per partner: pending and failing pushes, oldest pending age, last error',
  })
  get() {
    return this.summary.execute();
  }

  @Get('items')
  @ApiOperation({ summary: 'Pushes, newest first (filter by partner_id and status; paginated)' })
  list(@Query() query: ListPushItemsQuery) {
    const q = parseQuery(query as unknown as Record<string, unknown>);
    return this.items.execute({
      partnerId: q.partner_id,
      status: q.status,
      offset: q.offset,
      limit: q.limit,
    });
  }

  @Post(':id/retry')
  @HttpCode(202)
  @ApiOperation({ summary: 'Send a failed push again, in its place in its object order' })
  retry(@Param('id') id: string) {
    return this.retrier.execute({ id });
  }
}

function parseQuery(raw: Record<string, unknown>): ListPushItemsQuery {
  const q = plainToInstance(ListPushItemsQuery, raw, { exposeDefaultValues: true });
  const errors = validateSync(q, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length > 0) {
    throw ValidationFailedError.fromValidationErrors(errors, 'invalid push queue query');
  }
  return q;
}
