import type { BusinessDetailsDto, ImageDto } from '../common/business-details.dto';
import type { DisplayTextDto } from '../common/display-text.dto';
import type { EnergyMixDto } from '../common/energy-mix.dto';
import { OcpiRule } from '../common/ocpi-fields';
import { IsOcpiOptional } from '../common/ocpi-validators';
import type { AdditionalGeoLocationDto, GeoLocationDto } from './geo-location.dto';
import type { HoursDto } from './hours.dto';
import { ConnectorField, EvseField, LocationField, ocpiList } from './location.fields';
import type {
  Capability,
  ConnectorFormat,
  ConnectorType,
  EvseStatus,
  Facility,
  ParkingRestriction,
  ParkingType,
  PowerType,
} from './location.enums';
import type { PublishTokenTypeDto } from './publish-token-type.dto';
import { StatusScheduleDto } from './status-schedule.dto';

/**
 * PATCH bodies of the Locations module: every field optional (same value rules as the PUT
 * objects), `last_updated` required (mod_locations, PATCH Method). Identifiers may be repeated but
 * never changed — `applyOcpiPatch` rejects a different one. Lists nested in a patch (`evses`,
 * `connectors`) are per-item patches keyed by `uid` / `id`, which each item must carry.
 */

const eachHas = (key: string, what: string) =>
  OcpiRule(
    `eachHas_${key}`,
    (value) =>
      !Array.isArray(value) ||
      value.every((item) => typeof (item as Record<string, unknown> | null)?.[key] === 'string'),
    `every entry of ${what} in a PATCH must carry its ${key}`,
  );

export class ConnectorPatchDto {
  @IsOcpiOptional()
  @ConnectorField.id()
  id?: string;

  @IsOcpiOptional()
  @ConnectorField.standard()
  standard?: ConnectorType;

  @IsOcpiOptional()
  @ConnectorField.format()
  format?: ConnectorFormat;

  @IsOcpiOptional()
  @ConnectorField.power_type()
  power_type?: PowerType;

  @IsOcpiOptional()
  @ConnectorField.max_voltage()
  max_voltage?: number;

  @IsOcpiOptional()
  @ConnectorField.max_amperage()
  max_amperage?: number;

  @IsOcpiOptional()
  @ConnectorField.max_electric_power()
  max_electric_power?: number | null;

  @IsOcpiOptional()
  @ConnectorField.tariff_ids()
  tariff_ids?: string[] | null;

  @IsOcpiOptional()
  @ConnectorField.terms_and_conditions()
  terms_and_conditions?: string | null;

  @ConnectorField.last_updated()
  last_updated: string;
}

export class EvsePatchDto {
  @IsOcpiOptional()
  @EvseField.uid()
  uid?: string;

  @IsOcpiOptional()
  @EvseField.evse_id()
  evse_id?: string | null;

  @IsOcpiOptional()
  @EvseField.status()
  status?: EvseStatus;

  @IsOcpiOptional()
  @ocpiList(() => StatusScheduleDto)
  status_schedule?: StatusScheduleDto[] | null;

  @IsOcpiOptional()
  @EvseField.capabilities()
  capabilities?: Capability[] | null;

  @IsOcpiOptional()
  @ocpiList(() => ConnectorPatchDto)
  @EvseField.connectors_unique()
  @eachHas('id', 'connectors')
  connectors?: ConnectorPatchDto[];

  @IsOcpiOptional()
  @EvseField.floor_level()
  floor_level?: string | null;

  @IsOcpiOptional()
  @EvseField.coordinates()
  coordinates?: GeoLocationDto | null;

  @IsOcpiOptional()
  @EvseField.physical_reference()
  physical_reference?: string | null;

  @IsOcpiOptional()
  @EvseField.directions()
  directions?: DisplayTextDto[] | null;

  @IsOcpiOptional()
  @EvseField.parking_restrictions()
  parking_restrictions?: ParkingRestriction[] | null;

  @IsOcpiOptional()
  @EvseField.images()
  images?: ImageDto[] | null;

  @EvseField.last_updated()
  last_updated: string;
}

export class LocationPatchDto {
  @IsOcpiOptional()
  @LocationField.country_code()
  country_code?: string;

  @IsOcpiOptional()
  @LocationField.party_id()
  party_id?: string;

  @IsOcpiOptional()
  @LocationField.id()
  id?: string;

  @IsOcpiOptional()
  @LocationField.publish()
  publish?: boolean;

  @IsOcpiOptional()
  @LocationField.publish_allowed_to()
  publish_allowed_to?: PublishTokenTypeDto[] | null;

  @IsOcpiOptional()
  @LocationField.name()
  name?: string | null;

  @IsOcpiOptional()
  @LocationField.address()
  address?: string;

  @IsOcpiOptional()
  @LocationField.city()
  city?: string;

  @IsOcpiOptional()
  @LocationField.postal_code()
  postal_code?: string | null;

  @IsOcpiOptional()
  @LocationField.state()
  state?: string | null;

  @IsOcpiOptional()
  @LocationField.country()
  country?: string;

  @IsOcpiOptional()
  @LocationField.coordinates()
  coordinates?: GeoLocationDto;

  @IsOcpiOptional()
  @LocationField.related_locations()
  related_locations?: AdditionalGeoLocationDto[] | null;

  @IsOcpiOptional()
  @LocationField.parking_type()
  parking_type?: ParkingType | null;

  @IsOcpiOptional()
  @ocpiList(() => EvsePatchDto)
  @LocationField.evses_unique()
  @eachHas('uid', 'evses')
  evses?: EvsePatchDto[] | null;

  @IsOcpiOptional()
  @LocationField.directions()
  directions?: DisplayTextDto[] | null;

  @IsOcpiOptional()
  @LocationField.business_details()
  operator?: BusinessDetailsDto | null;

  @IsOcpiOptional()
  @LocationField.business_details()
  suboperator?: BusinessDetailsDto | null;

  @IsOcpiOptional()
  @LocationField.business_details()
  owner?: BusinessDetailsDto | null;

  @IsOcpiOptional()
  @LocationField.facilities()
  facilities?: Facility[] | null;

  @IsOcpiOptional()
  @LocationField.time_zone()
  time_zone?: string;

  @IsOcpiOptional()
  @LocationField.opening_times()
  opening_times?: HoursDto | null;

  @IsOcpiOptional()
  @LocationField.charging_when_closed()
  charging_when_closed?: boolean | null;

  @IsOcpiOptional()
  @LocationField.images()
  images?: ImageDto[] | null;

  @IsOcpiOptional()
  @LocationField.energy_mix()
  energy_mix?: EnergyMixDto | null;

  @LocationField.last_updated()
  last_updated: string;
}
