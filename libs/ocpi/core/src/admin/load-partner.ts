import type { PartnerRecord } from '../partners/partner.model';
import type { PartnerRepository } from '../partners/partner.repository';
import { PartnerNotFoundError } from './partner-registration.errors';

/** The partner or PartnerNotFoundError (HTTP 404). */
export async function loadPartner(partners: PartnerRepository, id: string): Promise<PartnerRecord> {
  const p = await partners.findById(id);
  if (!p) throw new PartnerNotFoundError(`no partner ${id}`);
  return p;
}
