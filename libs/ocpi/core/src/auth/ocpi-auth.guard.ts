import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { parseTokenAuthorization } from '@voltlane/protocols-ocpi';
import { OCPI_PARTY_OPTIONS, type OcpiPartyOptions } from '../party/ocpi-party.options';
import { sameParty, tokenAllowed } from '../partners/partner.model';
import { PartnerRepository } from '../partners/partner.repository';
import {
  type HeaderBag,
  OCPI_FROM_COUNTRY_CODE,
  OCPI_FROM_PARTY_ID,
  OCPI_TO_COUNTRY_CODE,
  OCPI_TO_PARTY_ID,
  routingPair,
} from '../transport/ocpi-headers';
import { OcpiException } from '../transport/ocpi.exception';
import { OcpiCallerContext } from './ocpi-caller';
import { OCPI_ROUTE, type OcpiRouteMetadata } from './ocpi-route.metadata';

export type OcpiRequest = HeaderBag & { ocpiCaller?: OcpiCallerContext };

/**
 * `Authorization: Token <base64>` (raw only for partners with accept_raw_tokens) → the partner;
 * Token A only on configuration modules; routing headers checked on functional modules (ADR 0060).
 */
@Injectable()
export class OcpiAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly partners: PartnerRepository,
    @Inject(OCPI_PARTY_OPTIONS) private readonly party: OcpiPartyOptions,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const route = this.reflector.getAllAndOverride<OcpiRouteMetadata | undefined>(OCPI_ROUTE, [
      context.getHandler(),
      context.getClass(),
    ]) ?? { kind: 'functional' };
    const req = context.switchToHttp().getRequest<OcpiRequest>();
    const raw = req.headers.authorization;
    const candidates = parseTokenAuthorization(Array.isArray(raw) ? raw[0] : raw);
    if (!candidates) throw OcpiException.unauthorized();
    const found =
      (candidates.decoded ? await this.partners.findByToken(candidates.decoded, false) : null) ??
      (await this.partners.findByToken(candidates.raw, true));
    if (!found || !tokenAllowed(found.partner.status, found.kind, route.kind)) {
      throw OcpiException.unauthorized();
    }
    const { partner, kind } = found;
    if (kind === 'SERVER' && partner.previousServerToken) {
      // The partner uses the token of the last rotation: the exchange is complete.
      await this.partners.forgetPreviousServerToken(partner.id, partner.serverToken as string);
    }
    const self = { countryCode: this.party.countryCode, partyId: this.party.partyId };
    let from;
    let to;
    if (route.kind === 'functional') {
      from = routingPair(req, OCPI_FROM_COUNTRY_CODE, OCPI_FROM_PARTY_ID);
      to = routingPair(req, OCPI_TO_COUNTRY_CODE, OCPI_TO_PARTY_ID);
      if (from === 'invalid' || to === 'invalid') {
        throw OcpiException.invalidParameters('Incomplete or malformed OCPI routing headers');
      }
      if (from && !partner.roles.some((r) => sameParty(r, { ...from!, role: '' }, false))) {
        throw OcpiException.invalidParameters(
          'OCPI-from-country-code / OCPI-from-party-id is not a party of the caller',
        );
      }
      if (to && !sameParty({ ...to, role: '' }, { ...self, role: '' }, false)) {
        throw OcpiException.invalidParameters('OCPI-to-country-code / OCPI-to-party-id is not us');
      }
    }
    req.ocpiCaller = new OcpiCallerContext(
      partner.id,
      partner.roles.map(({ countryCode, partyId, role }) => ({ countryCode, partyId, role })),
      kind,
      self,
      from,
      to,
    );
    return true;
  }
}
