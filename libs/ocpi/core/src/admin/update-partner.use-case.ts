import { Injectable } from '@nestjs/common';
import { PartnerRepository } from '../partners/partner.repository';
import type { UpdatePartnerRequestDto } from './partner-admin.dto';
import { partnerView, type PartnerView } from './partner.view';
import { loadPartner } from './load-partner';

/** Name and token-encoding switches of a partner. */
@Injectable()
export class UpdatePartnerUseCase {
  constructor(private readonly partners: PartnerRepository) {}

  /** Name and token-encoding switches; takes effect on the next request. */
  async execute(command: {
    partnerId: string;
    changes: UpdatePartnerRequestDto;
  }): Promise<PartnerView> {
    const { partnerId: id, changes: req } = command;
    await loadPartner(this.partners, id);
    await this.partners.transaction((m) =>
      this.partners.update(m, id, {
        name: req.name,
        acceptRawTokens: req.accept_raw_tokens,
        outgoingTokenEncoding: req.outgoing_token_encoding,
      }),
    );
    return partnerView(await loadPartner(this.partners, id));
  }
}
