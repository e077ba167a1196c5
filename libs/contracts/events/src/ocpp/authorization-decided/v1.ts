import { IsIn, IsUUID } from 'class-validator';
import {
  AuthorizationStatuses,
  IsIdTag,
  IsOcpiCountryCode,
  IsOcpiId,
  IsOcpiPartyId,
  IsOptionalField,
  IsStationId,
  IsUtcDateTime,
  type AuthorizationStatus,
} from '../../common';
import { defineEvent } from '../../event-definition';
import { Topics } from '../../topics';

/** Where a decision came from. */
export const AuthorizationDecisionSources = [
  'emsp-real-time',
  'token-store',
  'unknown-token',
  'emsp-unreachable',
] as const;
export type AuthorizationDecisionSource = (typeof AuthorizationDecisionSources)[number];

export class AuthorizationDecidedV1 {
  @IsUUID('4')
  requestId: string;

  @IsStationId()
  stationId: string;

  @IsIdTag()
  idTag: string;

  /** The answer for the station (`idTagInfo.status`). */
  @IsIn(AuthorizationStatuses)
  status: AuthorizationStatus;

  @IsIn(AuthorizationDecisionSources)
  decisionSource: AuthorizationDecisionSource;

  /** `idTagInfo.expiryDate` for the station's authorization cache. */
  @IsOptionalField()
  @IsUtcDateTime()
  expiryDate?: string;

  @IsOptionalField()
  @IsIdTag()
  parentIdTag?: string;

  /** OCPI `authorization_reference` from the eMSP; the session and CDR must carry it. */
  @IsOptionalField()
  @IsOcpiId()
  authorizationReference?: string;

  /** The token's eMSP, when known. */
  @IsOptionalField()
  @IsOcpiCountryCode()
  emspCountryCode?: string;

  @IsOptionalField()
  @IsOcpiPartyId()
  emspPartyId?: string;

  @IsUtcDateTime()
  decidedAt: string;
}

export const AuthorizationDecidedV1Definition = defineEvent({
  topic: Topics.OcppAuthorizationDecided,
  schemaVersion: 1,
  dataClass: AuthorizationDecidedV1,
  keyField: 'stationId',
  producers: ['ocpi-cpo'],
  consumers: ['ocpp-gateway'],
  description:
    'Answer to ocpp.authorization.requested, matched by requestId. A decision that arrives after ' +
    'the request expired only refreshes the authorization cache.',
  example: {
    requestId: 'c1d7a0e2-6f3b-4b8e-9a51-0e2f4d7c6b38',
    stationId: 'CP-AMS-0042',
    idTag: '04A2B3C4D5E6F7',
    status: 'Accepted',
    decisionSource: 'emsp-real-time',
    expiryDate: '2025-03-15T09:30:59.000Z',
    authorizationReference: 'AUTH-9Q2M-7F3K',
    emspCountryCode: 'DE',
    emspPartyId: 'VLE',
    decidedAt: '2025-03-14T09:30:59.431Z',
  },
});
