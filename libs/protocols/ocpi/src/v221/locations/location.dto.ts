import type { BusinessDetailsDto, ImageDto } from '../common/business-details.dto';
import type { DisplayTextDto } from '../common/display-text.dto';
import type { EnergyMixDto } from '../common/energy-mix.dto';
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

/** OCPI 2.2.1 `Connector` object (mod_locations, Connector Object). */
export class ConnectorDto {
  @ConnectorField.id()
  id: string;

  @ConnectorField.standard()
  standard: ConnectorType;

  @ConnectorField.format()
  format: ConnectorFormat;

  @ConnectorField.power_type()
  power_type: PowerType;

  /** Volt; line to neutral for AC_3_PHASE. */
  @ConnectorField.max_voltage()
  max_voltage: number;

  /** Ampere. */
  @ConnectorField.max_amperage()
  max_amperage: number;

  /** Watt. */
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

/** OCPI 2.2.1 `EVSE` object (mod_locations, EVSE Object). */
export class EvseDto {
  @EvseField.uid()
  uid: string;

  /** eMI3 EVSE id; may be dropped once `status` is REMOVED. */
  @IsOcpiOptional()
  @EvseField.evse_id()
  evse_id?: string | null;

  @EvseField.status()
  status: EvseStatus;

  @IsOcpiOptional()
  @ocpiList(() => StatusScheduleDto)
  status_schedule?: StatusScheduleDto[] | null;

  @IsOcpiOptional()
  @EvseField.capabilities()
  capabilities?: Capability[] | null;

  @ocpiList(() => ConnectorDto)
  @EvseField.connectors_min()
  @EvseField.connectors_unique()
  connectors: ConnectorDto[];

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

/** OCPI 2.2.1 `Location` object (mod_locations, Location Object). */
export class LocationDto {
  @LocationField.country_code()
  country_code: string;

  @LocationField.party_id()
  party_id: string;

  @LocationField.id()
  id: string;

  @LocationField.publish()
  publish: boolean;

  /** Only when `publish` is false. */
  @IsOcpiOptional()
  @LocationField.publish_allowed_to()
  publish_allowed_to?: PublishTokenTypeDto[] | null;

  @IsOcpiOptional()
  @LocationField.name()
  name?: string | null;

  @LocationField.address()
  address: string;

  @LocationField.city()
  city: string;

  @IsOcpiOptional()
  @LocationField.postal_code()
  postal_code?: string | null;

  @IsOcpiOptional()
  @LocationField.state()
  state?: string | null;

  /** ISO 3166-1 alpha-3. */
  @LocationField.country()
  country: string;

  @LocationField.coordinates()
  coordinates: GeoLocationDto;

  @IsOcpiOptional()
  @LocationField.related_locations()
  related_locations?: AdditionalGeoLocationDto[] | null;

  @IsOcpiOptional()
  @LocationField.parking_type()
  parking_type?: ParkingType | null;

  @IsOcpiOptional()
  @ocpiList(() => EvseDto)
  @LocationField.evses_unique()
  evses?: EvseDto[] | null;

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

  /** IANA tz name, e.g. Europe/Oslo. */
  @LocationField.time_zone()
  time_zone: string;

  @IsOcpiOptional()
  @LocationField.opening_times()
  opening_times?: HoursDto | null;

  /** Default true. */
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
