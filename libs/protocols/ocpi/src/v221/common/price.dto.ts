import { IsOcpiNumber, IsOcpiOptional } from './ocpi-validators';

/**
 * OCPI 2.2.1 `Price` class (types, Price): an amount excluding and (optionally) including VAT.
 * Amounts may be negative (credit CDRs); where a context forbids that, it checks separately.
 */
export class PriceDto {
  /** Price/Cost excluding VAT. */
  @IsOcpiNumber()
  excl_vat: number;

  /** Price/Cost including VAT. */
  @IsOcpiOptional()
  @IsOcpiNumber()
  incl_vat?: number | null;
}
