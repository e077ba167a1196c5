import { Type } from 'class-transformer';
import { ArrayMinSize, IsArray, IsObject, ValidateNested } from 'class-validator';
import { IsOcpiOptional } from '../common/ocpi-validators';
import { PriceComponentDto } from './price-component.dto';
import { TariffRestrictionsDto } from './tariff-restrictions.dto';

/** OCPI 2.2.1 `TariffElement` class: price components sharing one set of restrictions. */
export class TariffElementDto {
  @IsArray()
  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  @Type(() => PriceComponentDto)
  price_components: PriceComponentDto[];

  @IsOcpiOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => TariffRestrictionsDto)
  restrictions?: TariffRestrictionsDto | null;
}
