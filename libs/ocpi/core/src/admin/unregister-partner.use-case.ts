import { Injectable } from '@nestjs/common';
import { createLogger } from '@voltlane/platform-core';
import { ocpiHttpCall } from '../client/ocpi-http';
import { OurCredentials } from '../credentials/our-credentials';
import { PartnerRepository } from '../partners/partner.repository';
import { partnerView, type PartnerView } from './partner.view';
import { loadPartner } from './load-partner';

const logger = createLogger('ocpi', 'PartnerAdmin');

/** Unregisters a partner, at the peer too when registered. */
@Injectable()
export class UnregisterPartnerUseCase {
  constructor(
    private readonly partners: PartnerRepository,
    private readonly ours: OurCredentials,
  ) {}

  /** Unregisters: DELETE at the peer when registered (best effort), then locally. */
  async execute(command: {
    partnerId: string;
  }): Promise<PartnerView & { peer_unregistered?: boolean; peer_error?: string }> {
    const id = command.partnerId;
    const partner = await loadPartner(this.partners, id);
    let peer: { ok: boolean; error?: string } | undefined;
    const credentials = partner.endpoints.find((e) => e.identifier === 'credentials');
    if (partner.status === 'REGISTERED' && partner.clientToken && credentials) {
      peer = await ocpiHttpCall({
        method: 'DELETE',
        url: credentials.url,
        token: partner.clientToken,
        encoding: partner.outgoingTokenEncoding,
        timeoutMs: this.ours.party.requestTimeoutMs ?? 10_000,
      });
      if (!peer.ok)
        logger.warn('peer did not confirm unregistration', { partnerId: id, reason: peer.error });
    }
    await this.partners.transaction(async (m) => {
      await this.partners.update(m, id, {
        status: 'UNREGISTERED',
        tokenA: null,
        serverToken: null,
        previousServerToken: null,
        clientToken: null,
      });
      await this.partners.replaceEndpoints(m, id, []);
    });
    logger.log('partner unregistered', { partnerId: id });
    const view = partnerView(await loadPartner(this.partners, id));
    return peer
      ? { ...view, peer_unregistered: peer.ok, ...(peer.error ? { peer_error: peer.error } : {}) }
      : view;
  }
}
