import { Injectable } from '@nestjs/common';
import { PartnerRepository } from '../partners/partner.repository';
import { partnerView, type PartnerView } from './partner.view';
import { loadPartner } from './load-partner';

/** Partners as the operator sees them (no secrets but an unused Token A). */
@Injectable()
export class QueryPartnersUseCase {
  constructor(private readonly partners: PartnerRepository) {}

  async list(): Promise<PartnerView[]> {
    return (await this.partners.list()).map(partnerView);
  }

  async get(id: string): Promise<PartnerView> {
    return partnerView(await loadPartner(this.partners, id));
  }
}
