import { IsIn, IsInt, IsObject, IsUUID, Min } from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';
import {
  IsConsistentOcpiObject,
  IsOcpiCountryCode,
  IsOcpiPartyId,
  IsOptionalField,
  IsStationId,
  IsUtcDateTime,
} from '../../common';
import { defineEvent } from '../../event-definition';
import { Topics } from '../../topics';

/**
 * Why a session was declared INVALID: the station rejected the remote start (`Rejected` answer),
 * the command failed (CALLERROR, no answer, station offline, invalid answer), or the station did not
 * start a transaction within the pending window.
 */
export const SessionInvalidReasons = [
  'COMMAND_REJECTED',
  'COMMAND_FAILED',
  'START_TIMEOUT',
] as const;
export type SessionInvalidReason = (typeof SessionInvalidReasons)[number];

/** A session that never started was declared INVALID (OCPI: it will not be billed; no CDR). */
export class ChargingSessionInvalidatedV1 {
  @IsUUID()
  sessionId: string;

  @IsOcpiCountryCode()
  countryCode: string;

  @IsOcpiPartyId()
  partyId: string;

  /** Higher than every earlier event of the session; the last one. */
  @IsInt()
  @Min(1)
  revision: number;

  @IsStationId()
  stationId: string;

  /** The remote start command, for a session that was PENDING. */
  @IsOptionalField()
  @IsUUID()
  commandId?: string;

  @IsIn(SessionInvalidReasons)
  reason: SessionInvalidReason;

  @IsUtcDateTime()
  invalidatedAt: string;

  /** The final OCPI 2.2.1 Session object (status INVALID). */
  @IsObject()
  @IsConsistentOcpiObject({ id: 'sessionId', country_code: 'countryCode', party_id: 'partyId' })
  @JSONSchema({ description: 'OCPI 2.2.1 Session object', additionalProperties: true })
  session: Record<string, unknown>;
}

export const ChargingSessionInvalidatedV1Definition = defineEvent({
  topic: Topics.SessionInvalidated,
  schemaVersion: 1,
  dataClass: ChargingSessionInvalidatedV1,
  keyField: 'sessionId',
  producers: ['session-engine'],
  consumers: ['ocpi-cpo'],
  description:
    'A PENDING session ended without a transaction (remote start rejected or failed, or no start ' +
    'within the window): status INVALID, never rated or billed. ocpi-cpo PATCHes the OCPI Session.',
  example: {
    sessionId: '0c5e8e4e-2d6b-5f1a-9c3e-7b2a4d6f8e10',
    countryCode: 'NL',
    partyId: 'VLT',
    revision: 2,
    stationId: 'CP-AMS-0042',
    commandId: '0b7e5f3c-52a1-4e0d-8f77-2c1d9a6b4e10',
    reason: 'COMMAND_REJECTED',
    invalidatedAt: '2025-03-14T09:30:42.016Z',
    session: {
      country_code: 'NL',
      party_id: 'VLT',
      id: '0c5e8e4e-2d6b-5f1a-9c3e-7b2a4d6f8e10',
      start_date_time: '2025-03-14T09:30:41Z',
      end_date_time: '2025-03-14T09:30:42Z',
      kwh: 0,
      auth_method: 'COMMAND',
      location_id: 'LOC-AMS-0001',
      evse_uid: 'EVSE-0042-1',
      connector_id: '1',
      currency: 'EUR',
      status: 'INVALID',
      last_updated: '2025-03-14T09:30:42Z',
    },
  },
});
