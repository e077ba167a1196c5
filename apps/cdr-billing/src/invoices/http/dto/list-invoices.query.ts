import { ApiPropertyOptional } from '@nestjs/swagger';
import { OffsetPageQuery } from '@voltlane/platform-service';
import { IsISO8601, IsOptional, Matches, MaxLength } from 'class-validator';

/** Query of `GET /api/v1/invoices`. */
export class ListInvoicesQuery extends OffsetPageQuery {
  @ApiPropertyOptional({ description: 'Only invoices of this driver account (ocpi-emsp)' })
  @IsOptional()
  @MaxLength(64)
  driver_id?: string;

  @ApiPropertyOptional({ description: 'Only invoices of tokens with this contract id' })
  @IsOptional()
  @MaxLength(36)
  contract_id?: string;

  @ApiPropertyOptional({ description: 'eMSP party: country code (ISO 3166-1 alpha-2)' })
  @IsOptional()
  @Matches(/^[A-Z]{2}$/)
  emsp_country_code?: string;

  @ApiPropertyOptional({ description: 'eMSP party: party id (3 characters)' })
  @IsOptional()
  @Matches(/^[A-Z0-9]{3}$/)
  emsp_party_id?: string;

  @ApiPropertyOptional({ description: 'Issued at or after (ISO 8601)', format: 'date-time' })
  @IsOptional()
  @IsISO8601({ strict: true })
  date_from?: string;

  @ApiPropertyOptional({ description: 'Issued before (ISO 8601)', format: 'date-time' })
  @IsOptional()
  @IsISO8601({ strict: true })
  date_to?: string;
}

/** Query of `GET /api/v1/invoices/{number}`. */
export class GetInvoiceQuery {
  @ApiPropertyOptional({
    description: 'eMSP country code, only needed when parties of two countries share a party id',
  })
  @IsOptional()
  @Matches(/^[A-Z]{2}$/)
  emsp_country_code?: string;
}
