import { IsIn, IsInt, IsNumber, IsObject, IsUUID, Max, Min } from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';
import {
  IsConsistentOcpiObject,
  IsOcpiCountryCode,
  IsOcpiPartyId,
  IsOptionalField,
  IsStationId,
  IsTransactionId,
  IsUtcDateTime,
  OcpiSessionStatuses,
  type OcpiSessionStatus,
} from '../../common';
import { defineEvent } from '../../event-definition';
import { Topics } from '../../topics';

/** A running session changed: new meter values, status change. */
export class ChargingSessionUpdatedV1 {
  @IsUUID()
  sessionId: string;

  @IsOcpiCountryCode()
  countryCode: string;

  @IsOcpiPartyId()
  partyId: string;

  /** Increases by one with every change of the session; consumers ignore older revisions. */
  @IsInt()
  @Min(1)
  revision: number;

  @IsStationId()
  stationId: string;

  @IsTransactionId()
  transactionId: string;

  @IsIn(OcpiSessionStatuses)
  status: OcpiSessionStatus;

  /** Energy delivered so far, Wh. */
  @IsInt()
  @Min(0)
  energyWh: number;

  /** Time of the newest meter reading included. */
  @IsUtcDateTime()
  lastMeterReadingAt: string;

  @IsOptionalField()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  currentPowerW?: number;

  @IsOptionalField()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(100)
  stateOfChargePercent?: number;

  /** The OCPI 2.2.1 Session object after this change (ocpi-cpo PATCHes the difference). */
  @IsObject()
  @IsConsistentOcpiObject({ id: 'sessionId', country_code: 'countryCode', party_id: 'partyId' })
  @JSONSchema({ description: 'OCPI 2.2.1 Session object', additionalProperties: true })
  session: Record<string, unknown>;
}

export const ChargingSessionUpdatedV1Definition = defineEvent({
  topic: Topics.SessionUpdated,
  schemaVersion: 1,
  dataClass: ChargingSessionUpdatedV1,
  keyField: 'sessionId',
  producers: ['session-engine'],
  consumers: ['tariff-rating', 'ocpi-cpo', 'cdr-billing'],
  description:
    'A running session changed (meter values, status). tariff-rating prices it live; ocpi-cpo ' +
    'PATCHes the OCPI Session. revision orders updates of one session.',
  example: {
    sessionId: '6a1f0c9e-3d2b-4f7a-8e15-b2c4d6e8f0a1',
    countryCode: 'NL',
    partyId: 'VLT',
    revision: 4,
    stationId: 'CP-AMS-0042',
    transactionId: '100017',
    status: 'ACTIVE',
    energyWh: 3_510,
    lastMeterReadingAt: '2025-03-14T09:46:00.000Z',
    currentPowerW: 14_180,
    session: {
      country_code: 'NL',
      party_id: 'VLT',
      id: '6a1f0c9e-3d2b-4f7a-8e15-b2c4d6e8f0a1',
      start_date_time: '2025-03-14T09:31:00Z',
      kwh: 3.51,
      status: 'ACTIVE',
      last_updated: '2025-03-14T09:46:00Z',
    },
  },
});
