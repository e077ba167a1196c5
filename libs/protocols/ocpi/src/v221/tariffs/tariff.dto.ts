import { Type } from 'class-transformer';
import {
  ArrayMinSize,
  IsArray,
  IsEnum,
  IsObject,
  IsString,
  Matches,
  ValidateNested,
} from 'class-validator';
import { DisplayTextDto } from '../common/display-text.dto';
import { EnergyMixDto } from '../common/energy-mix.dto';
import {
  IsOcpiCiString,
  IsOcpiDateTime,
  IsOcpiOptional,
  IsOcpiString,
} from '../common/ocpi-validators';
import { PriceDto } from '../common/price.dto';
import { TariffElementDto } from './tariff-element.dto';
import { TariffType } from './tariff-enums';

/** OCPI 2.2.1 `Tariff` object (mod_tariffs, Tariff Object), field names and limits as in the spec. */
export class TariffDto {
  /** ISO-3166 alpha-2 country code of the CPO that owns this Tariff. */
  @IsString()
  @IsOcpiCiString(2)
  @Matches(/^[A-Za-z]{2}$/, { message: '$property must be an ISO-3166 alpha-2 country code' })
  country_code: string;

  /** ID of the CPO that owns this Tariff (ISO-15118). */
  @IsString()
  @IsOcpiCiString(3)
  @Matches(/^[A-Za-z0-9]{3}$/, { message: '$property must be 3 letters or digits' })
  party_id: string;

  @IsString()
  @IsOcpiCiString(36)
  @Matches(/\S/, { message: '$property must not be empty' })
  id: string;

  /** ISO-4217 currency code. */
  @IsString()
  @Matches(/^[A-Z]{3}$/, { message: '$property must be an ISO-4217 currency code such as EUR' })
  currency: string;

  @IsOcpiOptional()
  @IsEnum(TariffType)
  type?: TariffType | null;

  @IsOcpiOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => DisplayTextDto)
  tariff_alt_text?: DisplayTextDto[] | null;

  @IsOcpiOptional()
  @IsString()
  @IsOcpiString(255)
  @Matches(/^https?:\/\/\S+$/, { message: '$property must be an http(s) URL' })
  tariff_alt_url?: string | null;

  @IsOcpiOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => PriceDto)
  min_price?: PriceDto | null;

  @IsOcpiOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => PriceDto)
  max_price?: PriceDto | null;

  @IsArray()
  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  @Type(() => TariffElementDto)
  elements: TariffElementDto[];

  @IsOcpiOptional()
  @IsOcpiDateTime()
  start_date_time?: string | null;

  @IsOcpiOptional()
  @IsOcpiDateTime()
  end_date_time?: string | null;

  @IsOcpiOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => EnergyMixDto)
  energy_mix?: EnergyMixDto | null;

  @IsOcpiDateTime()
  last_updated: string;
}
