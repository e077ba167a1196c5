import type { PartnerRecord } from '../partners/partner.model';

/** What the operator API shows of a partner: no secrets except a still unused Token A. */
export interface PartnerView {
  id: string;
  name: string;
  status: string;
  declared_roles: { country_code: string; party_id: string; role: string }[];
  roles: { country_code: string; party_id: string; role: string; business_details?: unknown }[];
  endpoints: { identifier: string; role: string; url: string }[];
  version: string | null;
  versions_url: string | null;
  accept_raw_tokens: boolean;
  outgoing_token_encoding: string;
  token?: string;
  created_at: string;
  updated_at: string;
  registered_at: string | null;
}

export function partnerView(p: PartnerRecord): PartnerView {
  const view: PartnerView = {
    id: p.id,
    name: p.name,
    status: p.status,
    declared_roles: p.declaredRoles.map((r) => ({
      country_code: r.countryCode,
      party_id: r.partyId,
      role: r.role,
    })),
    roles: p.roles.map((r) => ({
      country_code: r.countryCode,
      party_id: r.partyId,
      role: r.role,
      ...(r.businessDetails === undefined ? {} : { business_details: r.businessDetails }),
    })),
    endpoints: p.endpoints,
    version: p.version,
    versions_url: p.versionsUrl,
    accept_raw_tokens: p.acceptRawTokens,
    outgoing_token_encoding: p.outgoingTokenEncoding,
    created_at: p.createdAt,
    updated_at: p.updatedAt,
    registered_at: p.registeredAt,
  };
  if (p.status === 'PENDING' && p.tokenA) view.token = p.tokenA;
  return view;
}
