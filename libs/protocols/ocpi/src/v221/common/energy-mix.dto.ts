import { Type } from 'class-transformer';
import { IsArray, IsBoolean, IsEnum, IsString, Max, Min, ValidateNested } from 'class-validator';
import { IsOcpiNumber, IsOcpiOptional, IsOcpiString } from './ocpi-validators';

/** OCPI 2.2.1 `EnergySourceCategory` (locations). */
export enum EnergySourceCategory {
  NUCLEAR = 'NUCLEAR',
  GENERAL_FOSSIL = 'GENERAL_FOSSIL',
  COAL = 'COAL',
  GAS = 'GAS',
  GENERAL_GREEN = 'GENERAL_GREEN',
  SOLAR = 'SOLAR',
  WIND = 'WIND',
  WATER = 'WATER',
}

/** OCPI 2.2.1 `EnvironmentalImpactCategory` (locations). */
export enum EnvironmentalImpactCategory {
  NUCLEAR_WASTE = 'NUCLEAR_WASTE',
  CARBON_DIOXIDE = 'CARBON_DIOXIDE',
}

export class EnergySourceDto {
  @IsEnum(EnergySourceCategory)
  source: EnergySourceCategory;

  /** Percentage of this source (0-100) in the mix. */
  @IsOcpiNumber()
  @Min(0)
  @Max(100)
  percentage: number;
}

export class EnvironmentalImpactDto {
  @IsEnum(EnvironmentalImpactCategory)
  category: EnvironmentalImpactCategory;

  /** Amount of this portion in g/kWh. */
  @IsOcpiNumber()
  @Min(0)
  amount: number;
}

/** OCPI 2.2.1 `EnergyMix` class (locations), as carried by a Tariff. */
export class EnergyMixDto {
  @IsBoolean()
  is_green_energy: boolean;

  @IsOcpiOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => EnergySourceDto)
  energy_sources?: EnergySourceDto[] | null;

  @IsOcpiOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => EnvironmentalImpactDto)
  environ_impact?: EnvironmentalImpactDto[] | null;

  @IsOcpiOptional()
  @IsString()
  @IsOcpiString(64)
  supplier_name?: string | null;

  @IsOcpiOptional()
  @IsString()
  @IsOcpiString(64)
  energy_product_name?: string | null;
}
