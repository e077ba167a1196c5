import { Type } from 'class-transformer';
import {
  ArrayMinSize,
  IsArray,
  IsInt,
  IsObject,
  IsUUID,
  Min,
  ValidateNested,
} from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';
import {
  IsCurrencyCode,
  IsOcpiCountryCode,
  IsOcpiId,
  IsOcpiPartyId,
  IsOptionalField,
  IsUtcDateTime,
  PriceV1,
} from '../../common';
import { defineEvent } from '../../event-definition';
import { Topics } from '../../topics';

/** The final price of a completed session: everything cdr-billing needs for the CDR. */
export class SessionRatedV1 {
  @IsUUID()
  sessionId: string;

  /** Our CPO. */
  @IsOcpiCountryCode()
  countryCode: string;

  @IsOcpiPartyId()
  partyId: string;

  /** Revision of the completed session that was rated. */
  @IsInt()
  @Min(1)
  sessionRevision: number;

  /** Tariffs used (OCPI ids), in order of application. */
  @IsArray()
  @ArrayMinSize(1)
  @IsOcpiId({ each: true })
  tariffIds: string[];

  @IsCurrencyCode()
  currency: string;

  @IsObject()
  @ValidateNested()
  @Type(() => PriceV1)
  totalCost: PriceV1;

  @IsOptionalField()
  @IsObject()
  @ValidateNested()
  @Type(() => PriceV1)
  totalFixedCost?: PriceV1;

  @IsOptionalField()
  @IsObject()
  @ValidateNested()
  @Type(() => PriceV1)
  totalEnergyCost?: PriceV1;

  @IsOptionalField()
  @IsObject()
  @ValidateNested()
  @Type(() => PriceV1)
  totalTimeCost?: PriceV1;

  @IsOptionalField()
  @IsObject()
  @ValidateNested()
  @Type(() => PriceV1)
  totalParkingCost?: PriceV1;

  @IsInt()
  @Min(0)
  totalEnergyWh: number;

  /** Session duration in seconds. */
  @IsInt()
  @Min(0)
  totalTimeSeconds: number;

  /** Time connected without charging, seconds. */
  @IsOptionalField()
  @IsInt()
  @Min(0)
  totalParkingTimeSeconds?: number;

  /** OCPI 2.2.1 `CdrChargingPeriod` objects, as they will appear in the CDR. */
  @IsArray()
  @ArrayMinSize(1)
  @IsObject({ each: true })
  @JSONSchema({
    items: { type: 'object', additionalProperties: true, description: 'OCPI CdrChargingPeriod' },
  })
  chargingPeriods: Record<string, unknown>[];

  @IsUtcDateTime()
  ratedAt: string;
}

export const SessionRatedV1Definition = defineEvent({
  topic: Topics.RatingSessionRated,
  schemaVersion: 1,
  dataClass: SessionRatedV1,
  keyField: 'sessionId',
  producers: ['tariff-rating'],
  consumers: ['ocpi-cpo', 'cdr-billing'],
  description:
    'Final price of a completed session with its charging periods; cdr-billing turns it into an ' +
    'immutable CDR. At most one per session (later corrections are credit CDRs).',
  example: {
    sessionId: '6a1f0c9e-3d2b-4f7a-8e15-b2c4d6e8f0a1',
    countryCode: 'NL',
    partyId: 'VLT',
    sessionRevision: 19,
    tariffIds: ['TARIFF-AC-STANDARD'],
    currency: 'EUR',
    totalCost: { exclVat: 8.8335, inclVat: 10.6885 },
    totalEnergyCost: { exclVat: 8.8335, inclVat: 10.6885 },
    totalEnergyWh: 22_650,
    totalTimeSeconds: 5_261,
    chargingPeriods: [
      {
        start_date_time: '2025-03-14T09:31:00Z',
        dimensions: [{ type: 'ENERGY', volume: 22.65 }],
        tariff_id: 'TARIFF-AC-STANDARD',
      },
    ],
    ratedAt: '2025-03-14T10:58:42.105Z',
  },
});
