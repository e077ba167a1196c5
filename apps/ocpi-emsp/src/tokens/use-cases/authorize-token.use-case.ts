import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  type OcpiCaller,
  OcpiException,
  OCPI_PARTY_OPTIONS,
  type OcpiPartyOptions,
} from '@voltlane/ocpi-core';
import {
  AllowedType,
  LocationReferencesDto,
  OcpiStatus,
  TokenTypes,
  validateOcpi,
} from '@voltlane/protocols-ocpi';
import type { OcpiTokenJson } from '../domain/emsp-token';
import { authorizationDecision } from '../domain/token-authorization';
import { EmspTokenRepository } from '../persistence/emsp-token.repository';

export interface AuthorizeTokenCommand {
  caller: OcpiCaller;
  uid: string;
  /** `?type=`; RFID when absent. */
  type?: string;
  /** Optional LocationReferences body. */
  body: unknown;
}

export interface AuthorizationInfoJson {
  allowed: AllowedType;
  token: OcpiTokenJson;
  location?: { location_id: string; evse_uids?: string[] };
  authorization_reference?: string;
  info?: { language: string; text: string };
}

const isEmpty = (body: unknown) =>
  body === undefined ||
  body === null ||
  body === '' ||
  (typeof body === 'object' && !Array.isArray(body) && Object.keys(body).length === 0);

/**
 * `POST {tokens}/{uid}/authorize[?type=]` (mod_tokens, POST Method): unknown token → HTTP 404 +
 * 2004; otherwise HTTP 200 with AuthorizationInfo (a refusal is not an HTTP error). An ALLOWED
 * answer carries a new `authorization_reference`; every decision is recorded.
 */
@Injectable()
export class AuthorizeTokenUseCase {
  constructor(
    private readonly tokens: EmspTokenRepository,
    @Inject(OCPI_PARTY_OPTIONS) private readonly party: OcpiPartyOptions,
  ) {}

  async execute(command: AuthorizeTokenCommand): Promise<AuthorizationInfoJson> {
    const type = command.type ?? 'RFID';
    if (!(TokenTypes as readonly string[]).includes(type)) {
      throw OcpiException.invalidParameters(`type must be one of ${TokenTypes.join(', ')}`);
    }
    let location: AuthorizationInfoJson['location'];
    if (!isEmpty(command.body)) {
      const refs = validateOcpi(LocationReferencesDto, command.body);
      if (!refs.ok) {
        throw OcpiException.invalidParameters(
          `Invalid LocationReferences: ${refs.violations.join('; ')}`,
        );
      }
      location = { location_id: refs.value.location_id };
      if (refs.value.evse_uids?.length) location.evse_uids = [...refs.value.evse_uids];
    }
    const found = await this.tokens.find(command.uid, type, {
      countryCode: this.party.countryCode,
      partyId: this.party.partyId,
    });
    if (!found) throw OcpiException.notFound('Unknown Token', OcpiStatus.UnknownToken);
    const allowed = authorizationDecision(found.token);
    const reference = allowed === AllowedType.ALLOWED ? randomUUID() : undefined;
    await this.tokens.recordAuthorization({
      authorizationReference: reference ?? null,
      partnerId: command.caller.partnerId,
      tokenUid: found.token.uid,
      tokenType: found.token.type,
      allowed,
      location,
    });
    return {
      allowed,
      token: found.token,
      ...(location ? { location } : {}),
      ...(reference ? { authorization_reference: reference } : {}),
      ...(allowed === AllowedType.ALLOWED
        ? {}
        : { info: { language: 'en', text: 'This token is blocked' } }),
    };
  }
}
