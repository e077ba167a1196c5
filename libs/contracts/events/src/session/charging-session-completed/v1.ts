import { IsIn, IsInt, IsObject, IsUUID, Min } from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';
import {
  IsConsistentOcpiObject,
  IsOcpiCountryCode,
  IsOcpiId,
  IsOcpiPartyId,
  IsOptionalField,
  IsStationId,
  IsTransactionId,
  IsUtcDateTime,
  StopReasons,
  type StopReason,
} from '../../common';
import { defineEvent } from '../../event-definition';
import { Topics } from '../../topics';

/** A session ended (StopTransaction, or closed by the stale-transaction policy). */
export class ChargingSessionCompletedV1 {
  @IsUUID()
  sessionId: string;

  @IsOcpiCountryCode()
  countryCode: string;

  @IsOcpiPartyId()
  partyId: string;

  @IsInt()
  @Min(1)
  revision: number;

  @IsStationId()
  stationId: string;

  @IsTransactionId()
  transactionId: string;

  @IsOcpiId()
  tokenUid: string;

  @IsOptionalField()
  @IsOcpiCountryCode()
  emspCountryCode?: string;

  @IsOptionalField()
  @IsOcpiPartyId()
  emspPartyId?: string;

  @IsUtcDateTime()
  startedAt: string;

  @IsUtcDateTime()
  endedAt: string;

  @IsInt()
  @Min(0)
  meterStartWh: number;

  @IsInt()
  @Min(0)
  meterStopWh: number;

  /** Energy delivered, Wh (meterStopWh - meterStartWh unless corrected by meter values). */
  @IsInt()
  @Min(0)
  energyWh: number;

  @IsIn(StopReasons)
  stopReason: StopReason;

  /**
   * schemaVersion 2: the OCPI 2.2.1 `CdrLocation` as the location was when the session started
   * (from `location.location.upserted`); absent when the station is mapped to no location.
   */
  @IsOptionalField()
  @IsObject()
  @JSONSchema({ description: 'OCPI 2.2.1 CdrLocation object', additionalProperties: true })
  cdrLocation?: Record<string, unknown>;

  /** The final OCPI 2.2.1 Session object (status COMPLETED or INVALID). */
  @IsObject()
  @IsConsistentOcpiObject({ id: 'sessionId', country_code: 'countryCode', party_id: 'partyId' })
  @JSONSchema({ description: 'OCPI 2.2.1 Session object', additionalProperties: true })
  session: Record<string, unknown>;
}

export const ChargingSessionCompletedV1Definition = defineEvent({
  topic: Topics.SessionCompleted,
  // 2: optional `cdrLocation` (additive; older data needs nothing filled in).
  schemaVersion: 2,
  upcast: (data) => data,
  dataClass: ChargingSessionCompletedV1,
  keyField: 'sessionId',
  producers: ['session-engine'],
  consumers: ['tariff-rating', 'ocpi-cpo', 'cdr-billing'],
  description:
    'A session ended with its final meter reading. tariff-rating computes the final price ' +
    '(rating.session.rated), which leads cdr-billing to create the CDR.',
  example: {
    sessionId: '6a1f0c9e-3d2b-4f7a-8e15-b2c4d6e8f0a1',
    countryCode: 'NL',
    partyId: 'VLT',
    revision: 19,
    stationId: 'CP-AMS-0042',
    transactionId: '100017',
    tokenUid: '04A2B3C4D5E6F7',
    emspCountryCode: 'DE',
    emspPartyId: 'VLE',
    startedAt: '2025-03-14T09:31:00.000Z',
    endedAt: '2025-03-14T10:58:41.000Z',
    meterStartWh: 1_254_300,
    meterStopWh: 1_276_950,
    energyWh: 22_650,
    stopReason: 'EVDisconnected',
    cdrLocation: {
      id: 'LOC-AMS-0001',
      name: 'Voltlane Amsterdam Zuidas',
      address: 'Gustav Mahlerlaan 10',
      city: 'Amsterdam',
      postal_code: '1082 PP',
      country: 'NLD',
      coordinates: { latitude: '52.338430', longitude: '4.872130' },
      evse_uid: 'EVSE-0042-1',
      evse_id: 'NL*VLT*E0042*1',
      connector_id: '1',
      connector_standard: 'IEC_62196_T2',
      connector_format: 'SOCKET',
      connector_power_type: 'AC_3_PHASE',
    },
    session: {
      country_code: 'NL',
      party_id: 'VLT',
      id: '6a1f0c9e-3d2b-4f7a-8e15-b2c4d6e8f0a1',
      start_date_time: '2025-03-14T09:31:00Z',
      end_date_time: '2025-03-14T10:58:41Z',
      kwh: 22.65,
      status: 'COMPLETED',
      last_updated: '2025-03-14T10:58:41Z',
    },
  },
});
