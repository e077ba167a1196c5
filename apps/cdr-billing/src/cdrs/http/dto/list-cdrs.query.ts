import { OffsetPageQuery } from '@voltlane/platform-service';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsUUID } from 'class-validator';

/** Query of `GET /api/v1/cdrs`. */
export class ListCdrsQuery extends OffsetPageQuery {
  @ApiPropertyOptional({
    description: 'Only CDRs (and credit CDRs) of this session',
    format: 'uuid',
  })
  @IsOptional()
  @IsUUID()
  session_id?: string;

  @ApiPropertyOptional({
    description: 'CDRs whose session started at or after (ISO 8601)',
    format: 'date-time',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  date_from?: string;

  @ApiPropertyOptional({
    description: 'CDRs whose session started before (ISO 8601)',
    format: 'date-time',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  date_to?: string;
}
