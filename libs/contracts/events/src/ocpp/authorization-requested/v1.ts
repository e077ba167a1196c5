import { IsInt, IsUUID, Min } from 'class-validator';
import { IsIdTag, IsOptionalField, IsStationId, IsUtcDateTime } from '../../common';
import { defineEvent } from '../../event-definition';
import { Topics } from '../../topics';

/** The gateway needs a real-time authorization decision for a token it cannot decide alone. */
export class AuthorizationRequestedV1 {
  /** Id of the request; `ocpp.authorization.decided` carries it back. */
  @IsUUID('4')
  requestId: string;

  @IsStationId()
  stationId: string;

  @IsOptionalField()
  @IsInt()
  @Min(0)
  connectorId?: number;

  @IsIdTag()
  idTag: string;

  @IsUtcDateTime()
  requestedAt: string;

  /** The gateway answers the station itself (fallback policy) after this instant. */
  @IsUtcDateTime()
  expiresAt: string;
}

export const AuthorizationRequestedV1Definition = defineEvent({
  topic: Topics.OcppAuthorizationRequested,
  schemaVersion: 1,
  dataClass: AuthorizationRequestedV1,
  keyField: 'stationId',
  producers: ['ocpp-gateway'],
  consumers: ['ocpi-cpo'],
  description:
    'Real-time authorization needed (token whitelist NEVER/ALLOWED, or unknown token): ocpi-cpo ' +
    "asks the token's eMSP (OCPI POST tokens/{uid}/authorize) and answers with .decided.",
  example: {
    requestId: 'c1d7a0e2-6f3b-4b8e-9a51-0e2f4d7c6b38',
    stationId: 'CP-AMS-0042',
    connectorId: 1,
    idTag: '04A2B3C4D5E6F7',
    requestedAt: '2025-03-14T09:30:58.102Z',
    expiresAt: '2025-03-14T09:31:03.102Z',
  },
});
