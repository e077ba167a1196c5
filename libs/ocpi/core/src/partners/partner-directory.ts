import { Injectable } from '@nestjs/common';
import type { PartnerEndpoint, PartnerRecord, PartnerRole, PartnerStatus } from './partner.model';
import { PartnerRepository } from './partner.repository';

/** What module code may know about a partner: never its tokens. */
export interface OcpiPartner {
  id: string;
  name: string;
  status: PartnerStatus;
  version: string | null;
  versionsUrl: string | null;
  roles: PartnerRole[];
  endpoints: PartnerEndpoint[];
  registeredAt: string | null;
}

export function toOcpiPartner(p: PartnerRecord): OcpiPartner {
  return {
    id: p.id,
    name: p.name,
    status: p.status,
    version: p.version,
    versionsUrl: p.versionsUrl,
    roles: p.roles,
    endpoints: p.endpoints,
    registeredAt: p.registeredAt,
  };
}

/** Read-only view of the partner registry for the OCPI modules (push targets, routing). */
@Injectable()
export class PartnerDirectory {
  constructor(private readonly partners: PartnerRepository) {}

  async findById(id: string): Promise<OcpiPartner | null> {
    const p = await this.partners.findById(id);
    return p ? toOcpiPartner(p) : null;
  }

  async listRegistered(): Promise<OcpiPartner[]> {
    return (await this.partners.list({ status: 'REGISTERED' })).map(toOcpiPartner);
  }

  /** Registered partners presenting (countryCode, partyId[, role]); usually zero or one. */
  async findByParty(countryCode: string, partyId: string, role?: string): Promise<OcpiPartner[]> {
    return (await this.partners.findByParty(countryCode, partyId, role)).map(toOcpiPartner);
  }

  /** The partner's endpoint URL of module `identifier` in interface role `role`, if offered. */
  async endpointUrl(
    partnerId: string,
    identifier: string,
    role: 'SENDER' | 'RECEIVER',
  ): Promise<string | undefined> {
    const p = await this.partners.findById(partnerId);
    return p?.endpoints.find((e) => e.identifier === identifier && e.role === role)?.url;
  }
}
