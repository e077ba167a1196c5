import { ApiPropertyOptional } from '@nestjs/swagger';
import { OffsetPageQuery } from '@voltlane/platform-service';
import { IsIn, IsOptional, Matches } from 'class-validator';
import type { PushStatus } from '../push.types';

export class ListPushItemsQuery extends OffsetPageQuery {
  @ApiPropertyOptional({ description: 'Only pushes to this partner' })
  @IsOptional()
  @Matches(/^[\w.:-]{1,100}$/, { message: '$property must be a partner id' })
  partner_id?: string;

  @ApiPropertyOptional({ enum: ['pending', 'delivered', 'failed', 'superseded'] })
  @IsOptional()
  @IsIn(['pending', 'delivered', 'failed', 'superseded'])
  status?: PushStatus;
}
