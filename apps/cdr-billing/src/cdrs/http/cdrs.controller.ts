import { Body, Controller, Get, HttpCode, Param, Post, Query, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ValidationFailedError } from '@voltlane/platform-core';
import { OperatorKeyGuard } from '@voltlane/platform-service';
import { type ClassConstructor, plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { CorrectCdrUseCase } from '../use-cases/correct-cdr.use-case';
import { QueryCdrsUseCase } from '../use-cases/query-cdrs.use-case';
import { CorrectCdrRequestDto } from './dto/correct-cdr.request.dto';
import { ListCdrsQuery } from './dto/list-cdrs.query';

/** Operator API: immutable CDRs and their corrections (`Authorization: Bearer <ADMIN_API_KEY>`). */
@ApiTags('cdrs')
@Controller('api/v1/cdrs')
@UseGuards(OperatorKeyGuard)
export class CdrsController {
  constructor(
    private readonly cdrs: QueryCdrsUseCase,
    private readonly correctCdr: CorrectCdrUseCase,
  ) {}

  @Get()
  @ApiOperation({ summary: 'List CDRs (filter by session id, session start range; paginated)' })
  list(@Query() query: ListCdrsQuery) {
    const q = parse(ListCdrsQuery, query, 'invalid CDR query');
    return this.cdrs.list({
      sessionId: q.session_id,
      from: q.date_from === undefined ? undefined : Date.parse(q.date_from),
      to: q.date_to === undefined ? undefined : Date.parse(q.date_to),
      offset: q.offset,
      limit: q.limit,
    });
  }

  @Get(':id')
  @ApiOperation({ summary: 'One CDR with its OCPI 2.2.1 CDR object' })
  get(@Param('id') id: string) {
    return this.cdrs.get(id);
  }

  @Post(':id/corrections')
  @HttpCode(201)
  @ApiOperation({
    summary: 'Correct a CDR: a credit CDR (negative total_cost) plus a new CDR, both published',
  })
  correct(@Param('id') id: string, @Body() body: CorrectCdrRequestDto) {
    const totals = parse(CorrectCdrRequestDto, body, 'invalid CDR correction');
    return this.correctCdr.execute({ cdrId: id, totals });
  }
}

function parse<T extends object>(type: ClassConstructor<T>, raw: unknown, message: string): T {
  const value = plainToInstance(type, raw ?? {}, { exposeDefaultValues: true });
  const errors = validateSync(value, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length > 0) throw ValidationFailedError.fromValidationErrors(errors, message);
  return value;
}
