import { Type } from 'class-transformer';
import {
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsEnum,
  IsInt,
  IsObject,
  IsString,
  Matches,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { BusinessDetailsDto, ImageDto } from '../common/business-details.dto';
import { DisplayTextDto } from '../common/display-text.dto';
import { EnergyMixDto } from '../common/energy-mix.dto';
import {
  IsIanaTimeZone,
  IsOcpiCountryAlpha3,
  IsOcpiCountryCode,
  IsOcpiId,
  IsOcpiPartyId,
  IsOcpiUrl,
  OcpiRule,
} from '../common/ocpi-fields';
import {
  composeOcpi,
  IsOcpiCiString,
  IsOcpiDateTime,
  IsOcpiString,
} from '../common/ocpi-validators';
import { AdditionalGeoLocationDto, GeoLocationDto } from './geo-location.dto';
import { HoursDto } from './hours.dto';
import {
  Capability,
  ConnectorFormat,
  ConnectorType,
  EvseStatus,
  Facility,
  ParkingRestriction,
  ParkingType,
  PowerType,
} from './location.enums';
import { PublishTokenTypeDto } from './publish-token-type.dto';

/**
 * The value rules of every Location/EVSE/Connector field, declared once and applied by both the
 * full (PUT) classes and the PATCH classes; cardinality (`IsOcpiOptional`) is added per class.
 */

const list = (cls: () => new () => object) =>
  composeOcpi(IsArray(), ValidateNested({ each: true }), Type(cls));
const nested = (cls: () => new () => object) =>
  composeOcpi(IsObject(), ValidateNested(), Type(cls));
const text = (max: number) => composeOcpi(IsString(), IsOcpiString(max));

/** Unique values of `key` (case-insensitive, CiString) in a list of objects. */
const uniqueBy = (key: string, what: string) =>
  OcpiRule(
    `unique_${key}`,
    (value) => {
      if (!Array.isArray(value)) return true;
      const seen = new Set<string>();
      for (const item of value as unknown[]) {
        const id = (item as Record<string, unknown> | null)?.[key];
        if (typeof id !== 'string') continue;
        if (seen.has(id.toUpperCase())) return false;
        seen.add(id.toUpperCase());
      }
      return true;
    },
    `${what} must have unique ${key} values`,
  );

export const LocationField = {
  country_code: () => IsOcpiCountryCode(),
  party_id: () => IsOcpiPartyId(),
  id: () => IsOcpiId(36),
  publish: () => IsBoolean(),
  publish_allowed_to: () =>
    composeOcpi(
      list(() => PublishTokenTypeDto),
      OcpiRule(
        'publishAllowedToOnlyUnpublished',
        (value, o) => o.publish !== true || !Array.isArray(value) || value.length === 0,
        'publish_allowed_to may only be used when publish is false',
      ),
    ),
  name: () => text(255),
  address: () => text(255),
  city: () => text(45),
  postal_code: () => text(10),
  state: () => text(45),
  country: () => IsOcpiCountryAlpha3(),
  coordinates: () => nested(() => GeoLocationDto),
  related_locations: () => list(() => AdditionalGeoLocationDto),
  parking_type: () => IsEnum(ParkingType),
  directions: () => list(() => DisplayTextDto),
  business_details: () => nested(() => BusinessDetailsDto),
  facilities: () => composeOcpi(IsArray(), IsEnum(Facility, { each: true })),
  time_zone: () => IsIanaTimeZone(),
  opening_times: () => nested(() => HoursDto),
  charging_when_closed: () => IsBoolean(),
  images: () => list(() => ImageDto),
  energy_mix: () => nested(() => EnergyMixDto),
  last_updated: () => IsOcpiDateTime(),
  evses_unique: () => uniqueBy('uid', 'evses'),
};

export const EvseField = {
  uid: () => IsOcpiId(36),
  evse_id: () => composeOcpi(IsString(), IsOcpiCiString(48)),
  status: () => IsEnum(EvseStatus),
  capabilities: () => composeOcpi(IsArray(), IsEnum(Capability, { each: true })),
  connectors_unique: () => uniqueBy('id', 'connectors'),
  connectors_min: () => ArrayMinSize(1),
  floor_level: () => text(4),
  coordinates: () => nested(() => GeoLocationDto),
  physical_reference: () => text(16),
  directions: () => list(() => DisplayTextDto),
  parking_restrictions: () => composeOcpi(IsArray(), IsEnum(ParkingRestriction, { each: true })),
  images: () => list(() => ImageDto),
  last_updated: () => IsOcpiDateTime(),
};

export const ConnectorField = {
  id: () => IsOcpiId(36),
  standard: () => IsEnum(ConnectorType),
  format: () => IsEnum(ConnectorFormat),
  power_type: () => IsEnum(PowerType),
  max_voltage: () => composeOcpi(IsInt(), Min(0)),
  max_amperage: () => composeOcpi(IsInt(), Min(0)),
  max_electric_power: () => composeOcpi(IsInt(), Min(0)),
  tariff_ids: () =>
    composeOcpi(
      IsArray(),
      IsString({ each: true }),
      Matches(/^[\x20-\x7E]*\S[\x20-\x7E]*$/, {
        each: true,
        message: '$property must hold non-empty printable ASCII ids (CiString)',
      }),
      MaxLength(36, { each: true }),
      uniqueStrings(),
    ),
  terms_and_conditions: () => IsOcpiUrl(),
  last_updated: () => IsOcpiDateTime(),
};

function uniqueStrings(): PropertyDecorator {
  return OcpiRule(
    'uniqueStrings',
    (value) => !Array.isArray(value) || new Set(value).size === value.length,
    'tariff_ids must not repeat an id',
  );
}

export { list as ocpiList, nested as ocpiNested };
