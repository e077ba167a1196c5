import { IsEnum, IsInt, Max, Min } from 'class-validator';
import { IsOcpiNumber, IsOcpiOptional } from '../common/ocpi-validators';
import { TariffDimensionType } from './tariff-enums';

/** OCPI 2.2.1 `PriceComponent` class: how one dimension is priced. */
export class PriceComponentDto {
  /** The dimension that is being priced. */
  @IsEnum(TariffDimensionType)
  type: TariffDimensionType;

  /** Price per unit (excl. VAT) for this dimension. */
  @IsOcpiNumber()
  @Min(0)
  price: number;

  /** VAT percentage; omitted = no VAT applicable (different from 0.0). */
  @IsOcpiOptional()
  @IsOcpiNumber()
  @Min(0)
  @Max(100)
  vat?: number | null;

  /**
   * Billed in blocks of this many units (Wh for ENERGY, seconds for TIME/PARKING_TIME, ignored for
   * FLAT). 0 appears in the spec's own free-of-charge example and means "no rounding".
   */
  @IsInt()
  @Min(0)
  step_size: number;
}
