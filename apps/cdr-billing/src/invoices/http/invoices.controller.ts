import { Controller, Get, Param, Query, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ValidationFailedError } from '@voltlane/platform-core';
import { OperatorKeyGuard } from '@voltlane/platform-service';
import { type ClassConstructor, plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { QueryInvoicesUseCase } from '../use-cases/query-invoices.use-case';
import { GetInvoiceQuery, ListInvoicesQuery } from './dto/list-invoices.query';

/** Operator API: driver invoices and credit notes (`Authorization: Bearer <ADMIN_API_KEY>`). */
@ApiTags('invoices')
@Controller('api/v1/invoices')
@UseGuards(OperatorKeyGuard)
export class InvoicesController {
  constructor(private readonly invoices: QueryInvoicesUseCase) {}

  @Get()
  @ApiOperation({
    summary: 'List invoices (filter by driver, contract id, eMSP party, issue date; paginated)',
  })
  list(@Query() query: ListInvoicesQuery) {
    const q = parse(ListInvoicesQuery, query, 'invalid invoice query');
    return this.invoices.list({
      driverId: q.driver_id,
      contractId: q.contract_id,
      emspCountryCode: q.emsp_country_code,
      emspPartyId: q.emsp_party_id,
      from: q.date_from === undefined ? undefined : Date.parse(q.date_from),
      to: q.date_to === undefined ? undefined : Date.parse(q.date_to),
      offset: q.offset,
      limit: q.limit,
    });
  }

  @Get(':number')
  @ApiOperation({ summary: 'One invoice or credit note by its number, with its lines' })
  get(@Param('number') invoiceNumber: string, @Query() query: GetInvoiceQuery) {
    const q = parse(GetInvoiceQuery, query, 'invalid invoice query');
    return this.invoices.get(invoiceNumber, q.emsp_country_code);
  }
}

function parse<T extends object>(type: ClassConstructor<T>, raw: unknown, message: string): T {
  const value = plainToInstance(type, raw ?? {}, { exposeDefaultValues: true });
  const errors = validateSync(value, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length > 0) throw ValidationFailedError.fromValidationErrors(errors, message);
  return value;
}
