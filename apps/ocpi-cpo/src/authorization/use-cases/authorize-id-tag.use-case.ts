import { Injectable } from '@nestjs/common';
import { type AuthorizationRequestedV1, Topics } from '@voltlane/contracts-events';
import { OcpiClient } from '@voltlane/ocpi-core';
import { createLogger } from '@voltlane/platform-core';
import type { TransactionScope } from '@voltlane/platform-persistence';
import { AuthorizationInfoDto, validateOcpi } from '@voltlane/protocols-ocpi';
import { OcpiCpoEnv } from '../../config/ocpi-cpo.env';
import { TokenRepository } from '../../tokens/persistence/token.repository';
import {
  callBudgetMs,
  classifyEmspAnswer,
  type Decision,
  decideFromEmsp,
  decideFromStore,
  decidesFromStore,
  decideUnknownToken,
  parentIdTagOf,
} from '../domain/authorization-decision';
import { AuthorizationDecisionRepository } from '../persistence/authorization-decision.repository';
import { StationPlaces } from './location-references';

/**
 * `ocpp.authorization.requested` → `ocpp.authorization.decided` (ADR 0066, gateway side ADR 0014).
 * Finds the token by uid = idTag (RFID first); ALWAYS is decided from the stored token; ALLOWED,
 * ALLOWED_OFFLINE and NEVER ask the token's eMSP directly (`POST {tokens}/{uid}/authorize?type=`
 * with LocationReferences, routing headers to the token owner, a short bound) — latency matters
 * more than queueing here, so no push queue. One decision per requestId (inbox + decisions table);
 * a request that expired before it was read is skipped (the gateway has answered the station).
 */
@Injectable()
export class AuthorizeIdTagUseCase {
  private readonly logger = createLogger('ocpi-cpo', 'AuthorizeIdTag');

  constructor(
    private readonly tokens: TokenRepository,
    private readonly decisions: AuthorizationDecisionRepository,
    private readonly places: StationPlaces,
    private readonly client: OcpiClient,
    private readonly env: OcpiCpoEnv,
  ) {}

  async execute(request: AuthorizationRequestedV1, scope: TransactionScope): Promise<void> {
    if (Date.parse(request.expiresAt) <= Date.now()) {
      this.logger.warn('authorization request expired before it was read', {
        requestId: request.requestId,
        stationId: request.stationId,
      });
      return;
    }
    if (await this.decisions.isDecided(scope.manager, request.requestId)) return;
    const candidates = await this.tokens.findByUid(request.idTag);
    const stored = candidates[0];
    let decision: Decision;
    let authorizationReference: string | undefined;
    let emsp: { httpStatus?: number; ocpiStatus?: number } = {};
    if (!stored) {
      decision = decideUnknownToken();
    } else if (decidesFromStore(stored.token)) {
      decision = decideFromStore(stored.token);
    } else {
      const refs = await this.places.referencesOf(
        scope.manager,
        request.stationId,
        request.connectorId,
      );
      const call = await this.client.request(stored.partnerId, {
        module: 'tokens',
        interfaceRole: 'SENDER',
        method: 'POST',
        path: `${encodeURIComponent(stored.token.uid)}/authorize`,
        query: { type: stored.token.type },
        body: refs,
        to: { countryCode: stored.token.country_code, partyId: stored.token.party_id },
        timeoutMs: callBudgetMs(
          this.env.OCPI_REALTIME_AUTHORIZATION_TIMEOUT_MS,
          request.expiresAt,
          Date.now(),
        ),
      });
      const info = call.ok ? validateOcpi(AuthorizationInfoDto, call.data) : undefined;
      if (info && !info.ok) {
        this.logger.warn('invalid AuthorizationInfo from the eMSP', {
          partnerId: stored.partnerId,
          violations: info.violations.join('; '),
        });
      }
      emsp = { httpStatus: call.httpStatus, ocpiStatus: call.ocpiStatus };
      decision = decideFromEmsp(
        stored.token,
        classifyEmspAnswer({ ...call, allowed: info?.value?.allowed }),
      );
      if (decision.source === 'emsp-real-time') {
        authorizationReference = info?.value?.authorization_reference ?? undefined;
      }
    }
    const recorded = await this.decisions.record(scope.manager, {
      requestId: request.requestId,
      stationId: request.stationId,
      idTag: request.idTag,
      status: decision.status,
      decisionSource: decision.source,
      authorizationReference,
      tokenCountryCode: stored?.token.country_code,
      tokenPartyId: stored?.token.party_id,
      partnerId: stored?.partnerId,
      emspHttpStatus: emsp.httpStatus,
      emspOcpiStatus: emsp.ocpiStatus,
    });
    if (!recorded) return;
    const parentIdTag =
      decision.status === 'Accepted' ? parentIdTagOf(stored?.token.group_id) : undefined;
    scope.publish(Topics.OcppAuthorizationDecided, {
      requestId: request.requestId,
      stationId: request.stationId,
      idTag: request.idTag,
      status: decision.status,
      decisionSource: decision.source,
      ...(parentIdTag ? { parentIdTag } : {}),
      ...(authorizationReference ? { authorizationReference } : {}),
      ...(stored
        ? {
            emspCountryCode: stored.token.country_code.toUpperCase(),
            emspPartyId: stored.token.party_id.toUpperCase(),
          }
        : {}),
      decidedAt: new Date().toISOString(),
    });
  }
}
