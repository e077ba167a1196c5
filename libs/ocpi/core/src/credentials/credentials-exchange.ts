import { Injectable } from '@nestjs/common';
import { createLogger } from '@voltlane/platform-core';
import { type CredentialsDto, OcpiStatus } from '@voltlane/protocols-ocpi';
import { generateCredentialsToken } from '../auth/token.generator';
import type { OcpiCallerContext } from '../auth/ocpi-caller';
import { type PartnerRole, undeclaredRoles } from '../partners/partner.model';
import { PartnerRepository } from '../partners/partner.repository';
import { OcpiException } from '../transport/ocpi.exception';
import { OurCredentials } from './our-credentials';
import { PeerDiscovery } from './peer-discovery';

const logger = createLogger('ocpi', 'Credentials');

export function rolesOf(credentials: CredentialsDto): PartnerRole[] {
  return credentials.roles.map((r) => ({
    countryCode: r.country_code.toUpperCase(),
    partyId: r.party_id.toUpperCase(),
    role: r.role,
    businessDetails: r.business_details,
  }));
}

/**
 * The credentials module as server (the partner registers with us, ADR 0060): the exchange shared
 * by POST (registration with Token A) and PUT (rotation, new versions URL or endpoints).
 */
@Injectable()
export class CredentialsExchange {
  constructor(
    private readonly partners: PartnerRepository,
    private readonly discovery: PeerDiscovery,
    private readonly ours: OurCredentials,
  ) {}

  /** POST/PUT: discover the partner, issue a new server token, store roles and endpoints. */
  async exchange(
    caller: OcpiCallerContext,
    body: CredentialsDto,
    method: 'POST' | 'PUT',
  ): Promise<CredentialsDto> {
    const before = await this.partners.findById(caller.partnerId);
    if (!before) throw OcpiException.unauthorized();
    if (method === 'PUT' && before.status !== 'REGISTERED') {
      throw OcpiException.methodNotAllowed('Not registered: use POST to register');
    }
    if (method === 'POST' && before.status !== 'PENDING') {
      throw OcpiException.methodNotAllowed('Already registered: use PUT to update credentials');
    }
    const roles = rolesOf(body);
    const foreign = undeclaredRoles(before.declaredRoles, roles);
    if (foreign.length > 0) {
      throw OcpiException.status(
        OcpiStatus.InvalidOrMissingParameters,
        `Roles not agreed for this partner: ${foreign.map((r) => `${r.countryCode}*${r.partyId} ${r.role}`).join(', ')}`,
      );
    }
    const found = await this.discovery.discover(body.url, body.token, before.outgoingTokenEncoding);
    if (!found.ok) {
      logger.warn('registration refused', { partnerId: before.id, method, reason: found.reason });
      throw OcpiException.status(found.ocpiStatus, found.reason);
    }
    const newToken = generateCredentialsToken();
    await this.partners.transaction(async (m) => {
      const p = await this.partners.findById(caller.partnerId, m, true);
      const stillValid =
        p &&
        (method === 'POST'
          ? p.status === 'PENDING' && p.tokenA !== null
          : p.status === 'REGISTERED');
      if (!p || !stillValid) {
        throw OcpiException.methodNotAllowed('The registration state changed meanwhile; retry');
      }
      const usedToken =
        caller.tokenKind === 'PREVIOUS_SERVER' ? p.previousServerToken : p.serverToken;
      await this.partners.update(m, p.id, {
        status: 'REGISTERED',
        tokenA: null,
        serverToken: newToken,
        // PUT: the token the partner just used stays valid until it uses the new one (ADR 0060).
        previousServerToken: method === 'PUT' ? usedToken : null,
        clientToken: body.token,
        versionsUrl: body.url,
        version: found.version,
        registeredAt: method === 'POST' ? new Date() : undefined,
      });
      await this.partners.replaceRoles(m, p.id, roles);
      await this.partners.replaceEndpoints(m, p.id, found.endpoints);
    });
    logger.log(method === 'POST' ? 'partner registered' : 'partner updated its credentials', {
      partnerId: before.id,
      version: found.version,
      endpoints: found.endpoints.length,
    });
    return this.ours.withToken(newToken);
  }
}
