import { OffsetPageQuery } from '@voltlane/platform-service';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, Matches } from 'class-validator';

/** Query of `GET /api/v1/sessions`. */
export class ListSessionsQuery extends OffsetPageQuery {
  @ApiPropertyOptional({ description: 'Only sessions of this charging station' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9*\-_=:+|@.]{1,48}$/, { message: '$property must be a station id' })
  station_id?: string;

  @ApiPropertyOptional({ enum: ['ACTIVE', 'COMPLETED'] })
  @IsOptional()
  @IsIn(['ACTIVE', 'COMPLETED'])
  status?: 'ACTIVE' | 'COMPLETED';

  /** Sessions started at or after this time (ISO 8601). */
  @ApiPropertyOptional({
    description: 'Sessions started at or after (ISO 8601)',
    format: 'date-time',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  date_from?: string;

  /** Sessions started before this time (ISO 8601). */
  @ApiPropertyOptional({ description: 'Sessions started before (ISO 8601)', format: 'date-time' })
  @IsOptional()
  @IsISO8601({ strict: true })
  date_to?: string;
}
