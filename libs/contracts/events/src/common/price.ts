import { IsNumber } from 'class-validator';
import { IsOptionalField } from './validators';

const MONEY = { allowNaN: false, allowInfinity: false, maxDecimalPlaces: 4 } as const;

/**
 * An amount of money as OCPI 2.2.1 `Price` (`excl_vat`, `incl_vat`), in the currency named beside
 * it. Amounts may be negative (credit CDRs, corrections); at most four decimal places.
 */
export class PriceV1 {
  /** Amount excluding VAT. */
  @IsNumber(MONEY)
  exclVat: number;

  /** Amount including VAT; absent when the VAT is not known (OCPI allows that). */
  @IsOptionalField()
  @IsNumber(MONEY)
  inclVat?: number;
}

export const MONEY_NUMBER_OPTIONS = MONEY;
