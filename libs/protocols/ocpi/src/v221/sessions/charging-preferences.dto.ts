import { IsBoolean, IsEnum, Min } from 'class-validator';
import { IsOcpiDateTime, IsOcpiNumber, IsOcpiOptional } from '../common/ocpi-validators';

/** OCPI 2.2.1 `ProfileType` enum (mod_sessions): the driver's smart-charging preference. */
export enum ProfileType {
  CHEAP = 'CHEAP',
  FAST = 'FAST',
  GREEN = 'GREEN',
  REGULAR = 'REGULAR',
}

/** OCPI 2.2.1 `ChargingPreferencesResponse` enum (mod_sessions). */
export enum ChargingPreferencesResponse {
  ACCEPTED = 'ACCEPTED',
  DEPARTURE_REQUIRED = 'DEPARTURE_REQUIRED',
  ENERGY_NEED_REQUIRED = 'ENERGY_NEED_REQUIRED',
  NOT_POSSIBLE = 'NOT_POSSIBLE',
  PROFILE_TYPE_NOT_SUPPORTED = 'PROFILE_TYPE_NOT_SUPPORTED',
}

/** OCPI 2.2.1 `ChargingPreferences` object: body of `PUT {sessions}/{id}/charging_preferences`. */
export class ChargingPreferencesDto {
  @IsEnum(ProfileType)
  profile_type: ProfileType;

  @IsOcpiOptional()
  @IsOcpiDateTime()
  departure_time?: string | null;

  /** kWh. */
  @IsOcpiOptional()
  @IsOcpiNumber()
  @Min(0)
  energy_need?: number | null;

  /** Default false. */
  @IsOcpiOptional()
  @IsBoolean()
  discharge_allowed?: boolean | null;
}
