import { Controller, Get, Param, Query, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ValidationFailedError } from '@voltlane/platform-core';
import { OperatorKeyGuard } from '@voltlane/platform-service';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { QuerySessionsUseCase } from '../use-cases/query-sessions/query-sessions.use-case';
import { ListSessionsQuery } from './dto/list-sessions.query';

/** Operator API: charging sessions (`Authorization: Bearer <ADMIN_API_KEY>`). */
@ApiTags('sessions')
@Controller('api/v1/sessions')
@UseGuards(OperatorKeyGuard)
export class SessionsController {
  constructor(private readonly sessions: QuerySessionsUseCase) {}

  @Get()
  @ApiOperation({
    summary: 'List sessions (filter by station, status, start date range; paginated)',
  })
  list(@Query() query: ListSessionsQuery) {
    const q = parseQuery(query as unknown as Record<string, unknown>);
    return this.sessions.list({
      stationId: q.station_id,
      status: q.status,
      from: q.date_from === undefined ? undefined : Date.parse(q.date_from),
      to: q.date_to === undefined ? undefined : Date.parse(q.date_to),
      offset: q.offset,
      limit: q.limit,
    });
  }

  @Get(':id')
  @ApiOperation({ summary: 'One session with its OCPI 2.2.1 Session object' })
  get(@Param('id') id: string) {
    return this.sessions.get(id);
  }
}

function parseQuery(raw: Record<string, unknown>): ListSessionsQuery {
  const q = plainToInstance(ListSessionsQuery, raw, { exposeDefaultValues: true });
  const errors = validateSync(q, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length > 0) {
    throw ValidationFailedError.fromValidationErrors(errors, 'invalid session query');
  }
  return q;
}
