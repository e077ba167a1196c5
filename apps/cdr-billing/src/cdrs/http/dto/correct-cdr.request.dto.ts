import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';

const MONEY = { allowNaN: false, allowInfinity: false, maxDecimalPlaces: 4 } as const;

/** OCPI `Price` of a corrected total: not negative, at most four decimals. */
export class CorrectedPriceDto {
  @ApiProperty({ minimum: 0 })
  @IsNumber(MONEY)
  @Min(0)
  excl_vat: number;

  @ApiPropertyOptional({ minimum: 0 })
  @IsOptional()
  @IsNumber(MONEY)
  @Min(0)
  incl_vat?: number;
}

/** Body of `POST /api/v1/cdrs/{id}/corrections`: the corrected totals of the CDR. */
export class CorrectCdrRequestDto {
  @ApiProperty({ type: CorrectedPriceDto })
  @IsObject()
  @ValidateNested()
  @Type(() => CorrectedPriceDto)
  total_cost: CorrectedPriceDto;

  @ApiPropertyOptional({ type: CorrectedPriceDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => CorrectedPriceDto)
  total_fixed_cost?: CorrectedPriceDto;

  @ApiPropertyOptional({ type: CorrectedPriceDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => CorrectedPriceDto)
  total_energy_cost?: CorrectedPriceDto;

  @ApiPropertyOptional({ type: CorrectedPriceDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => CorrectedPriceDto)
  total_time_cost?: CorrectedPriceDto;

  @ApiPropertyOptional({ type: CorrectedPriceDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => CorrectedPriceDto)
  total_parking_cost?: CorrectedPriceDto;

  /** OCPI `remark` of the new CDR (why it was corrected). */
  @ApiPropertyOptional({ maxLength: 255 })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  remark?: string;
}
