import { Injectable } from '@nestjs/common';
import { createLogger } from '@voltlane/platform-core';
import { CredentialsDto, validateOcpi } from '@voltlane/protocols-ocpi';
import { generateCredentialsToken } from '../auth/token.generator';
import { ocpiHttpCall } from '../client/ocpi-http';
import { rolesOf } from '../credentials/credentials-exchange';
import { OurCredentials } from '../credentials/our-credentials';
import { PeerDiscovery } from '../credentials/peer-discovery';
import { undeclaredRoles } from '../partners/partner.model';
import { PartnerRepository } from '../partners/partner.repository';
import {
  PartnerAlreadyRegisteredError,
  PeerRegistrationFailedError,
} from './partner-registration.errors';
import { partnerView, type PartnerView } from './partner.view';
import { loadPartner } from './load-partner';

const logger = createLogger('ocpi', 'PartnerAdmin');

/** We register with the partner (credentials client), ADR 0060. */
@Injectable()
export class RegisterWithPartnerUseCase {
  constructor(
    private readonly partners: PartnerRepository,
    private readonly discovery: PeerDiscovery,
    private readonly ours: OurCredentials,
  ) {}

  /**
   * We register with the partner (we are the credentials client): discover its endpoints with its
   * Token A, issue our server token, POST our credentials, keep its returned token as client token.
   */
  async execute(command: {
    partnerId: string;
    versionsUrl: string;
    token: string;
  }): Promise<PartnerView> {
    const { partnerId: id, versionsUrl, token: tokenA } = command;
    const partner = await loadPartner(this.partners, id);
    if (partner.status === 'REGISTERED') {
      throw new PartnerAlreadyRegisteredError(`partner ${id} is already registered`);
    }
    const encoding = partner.outgoingTokenEncoding;
    const found = await this.discovery.discover(versionsUrl, tokenA, encoding);
    if (!found.ok)
      throw new PeerRegistrationFailedError(`OCPI ${found.ocpiStatus}: ${found.reason}`);
    const credentialsUrl = found.endpoints.find((e) => e.identifier === 'credentials')
      ?.url as string;
    // Our token must work before the POST: the peer reads our versions with it before answering.
    const serverToken = generateCredentialsToken();
    await this.partners.transaction((m) =>
      this.partners.update(m, id, { serverToken, previousServerToken: null, status: 'PENDING' }),
    );
    const answer = await ocpiHttpCall<unknown>({
      method: 'POST',
      url: credentialsUrl,
      token: tokenA,
      encoding,
      body: this.ours.withToken(serverToken),
      timeoutMs: this.ours.party.requestTimeoutMs ?? 10_000,
    });
    const fail = async (reason: string): Promise<never> => {
      await this.partners.transaction((m) => this.partners.update(m, id, { serverToken: null }));
      logger.warn('registration with partner failed', { partnerId: id, reason });
      throw new PeerRegistrationFailedError(reason);
    };
    if (!answer.ok) await fail(`the peer refused our credentials: ${answer.error}`);
    const theirs = validateOcpi(CredentialsDto, answer.data);
    if (!theirs.ok) {
      return fail(
        `the peer answered invalid credentials: ${theirs.violations.slice(0, 5).join('; ')}`,
      );
    }
    const roles = rolesOf(theirs.value);
    const foreign = undeclaredRoles(partner.declaredRoles, roles);
    if (foreign.length > 0) {
      return fail(
        `the peer presents roles not agreed for this partner: ${foreign.map((r) => `${r.countryCode}*${r.partyId} ${r.role}`).join(', ')}`,
      );
    }
    await this.partners.transaction(async (m) => {
      await this.partners.update(m, id, {
        status: 'REGISTERED',
        tokenA: null,
        clientToken: theirs.value.token,
        versionsUrl: theirs.value.url,
        version: found.version,
        registeredAt: new Date(),
      });
      await this.partners.replaceRoles(m, id, roles);
      await this.partners.replaceEndpoints(m, id, found.endpoints);
    });
    logger.log('registered with partner', { partnerId: id, version: found.version });
    return partnerView(await loadPartner(this.partners, id));
  }
}
