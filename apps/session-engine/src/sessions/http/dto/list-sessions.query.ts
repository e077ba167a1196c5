import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, Matches, Max, Min } from 'class-validator';

/** Query of `GET /api/v1/sessions`. */
export class ListSessionsQuery {
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

  @ApiPropertyOptional({ minimum: 0, default: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  offset: number = 0;

  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit: number = 50;
}
