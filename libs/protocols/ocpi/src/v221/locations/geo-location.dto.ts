import { Type } from 'class-transformer';
import { IsObject, IsString, Matches, ValidateNested } from 'class-validator';
import { DisplayTextDto } from '../common/display-text.dto';
import { OcpiRule } from '../common/ocpi-fields';
import { IsOcpiOptional } from '../common/ocpi-validators';

/** Spec regexes (GeoLocation class), anchored; at least 5 decimals. */
export const OCPI_LATITUDE_REGEX = /^-?[0-9]{1,2}\.[0-9]{5,7}$/;
export const OCPI_LONGITUDE_REGEX = /^-?[0-9]{1,3}\.[0-9]{5,7}$/;

const withinDegrees = (max: number) => (value: unknown) =>
  typeof value === 'string' && Math.abs(Number(value)) <= max;

/** OCPI 2.2.1 `GeoLocation` class: WGS 84 coordinates as decimal strings. */
export class GeoLocationDto {
  /** string(10), e.g. "50.770774". */
  @IsString()
  @Matches(OCPI_LATITUDE_REGEX, {
    message: '$property must match -?[0-9]{1,2}\\.[0-9]{5,7} (decimal degrees, string)',
  })
  @OcpiRule('latitudeRange', withinDegrees(90), 'latitude must be between -90 and 90')
  latitude: string;

  /** string(11), e.g. "-126.104965". */
  @IsString()
  @Matches(OCPI_LONGITUDE_REGEX, {
    message: '$property must match -?[0-9]{1,3}\\.[0-9]{5,7} (decimal degrees, string)',
  })
  @OcpiRule('longitudeRange', withinDegrees(180), 'longitude must be between -180 and 180')
  longitude: string;
}

/** OCPI 2.2.1 `AdditionalGeoLocation` class: a related point with an optional name. */
export class AdditionalGeoLocationDto extends GeoLocationDto {
  @IsOcpiOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => DisplayTextDto)
  name?: DisplayTextDto | null;
}
