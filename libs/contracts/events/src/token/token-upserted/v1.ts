import { IsBoolean, IsIn, IsObject } from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';
import {
  IsConsistentOcpiObject,
  IsOcpiCountryCode,
  IsOcpiId,
  IsOcpiPartyId,
  IsUtcDateTime,
  OcpiTokenTypes,
  OcpiWhitelistTypes,
  type OcpiTokenType,
  type OcpiWhitelistType,
} from '../../common';
import { defineEvent } from '../../event-definition';
import { Topics } from '../../topics';

/**
 * Where the token comes from. The CPO side (ocpp-gateway) must only use `received-from-emsp`
 * tokens: our own eMSP reaches our CPO over OCPI like any partner, never through this topic.
 */
export const TokenOrigins = ['received-from-emsp', 'issued-by-own-emsp'] as const;
export type TokenOrigin = (typeof TokenOrigins)[number];

/** An OCPI token was created or changed. */
export class TokenUpsertedV1 {
  /** The token's eMSP (OCPI `country_code`). */
  @IsOcpiCountryCode()
  countryCode: string;

  /** The token's eMSP (OCPI `party_id`). */
  @IsOcpiPartyId()
  partyId: string;

  /** OCPI token `uid` (the RFID UID / OCPP idTag for RFID tokens). */
  @IsOcpiId()
  uid: string;

  @IsIn(OcpiTokenTypes)
  type: OcpiTokenType;

  @IsOcpiId()
  contractId: string;

  @IsBoolean()
  valid: boolean;

  @IsIn(OcpiWhitelistTypes)
  whitelist: OcpiWhitelistType;

  @IsIn(TokenOrigins)
  origin: TokenOrigin;

  /** OCPI `last_updated`; consumers drop an upsert older than what they hold. */
  @IsUtcDateTime()
  lastUpdated: string;

  /** The full OCPI 2.2.1 Token object. */
  @IsObject()
  @IsConsistentOcpiObject({ uid: 'uid', country_code: 'countryCode', party_id: 'partyId' })
  @JSONSchema({ description: 'OCPI 2.2.1 Token object', additionalProperties: true })
  token: Record<string, unknown>;
}

export const TokenUpsertedV1Definition = defineEvent({
  topic: Topics.TokenUpserted,
  schemaVersion: 1,
  dataClass: TokenUpsertedV1,
  keyField: 'uid',
  producers: ['ocpi-cpo', 'ocpi-emsp'],
  consumers: ['ocpp-gateway', 'session-engine'],
  description:
    'An OCPI token was created or updated: pushed to our CPO by an eMSP (ocpi-cpo) or issued by ' +
    'our eMSP (ocpi-emsp). Keyed by token uid; the newest lastUpdated wins.',
  example: {
    countryCode: 'DE',
    partyId: 'VLE',
    uid: '04A2B3C4D5E6F7',
    type: 'RFID',
    contractId: 'DE-VLE-C12345678-X',
    valid: true,
    whitelist: 'ALLOWED',
    origin: 'received-from-emsp',
    lastUpdated: '2025-03-01T08:00:00Z',
    token: {
      country_code: 'DE',
      party_id: 'VLE',
      uid: '04A2B3C4D5E6F7',
      type: 'RFID',
      contract_id: 'DE-VLE-C12345678-X',
      issuer: 'Voltlane eMSP',
      valid: true,
      whitelist: 'ALLOWED',
      last_updated: '2025-03-01T08:00:00Z',
    },
  },
});
