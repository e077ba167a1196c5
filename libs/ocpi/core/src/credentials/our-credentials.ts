import { Inject, Injectable } from '@nestjs/common';
import type { CredentialsDto } from '@voltlane/protocols-ocpi';
import {
  OCPI_PARTY_OPTIONS,
  type OcpiPartyOptions,
  OcpiPartyUrls,
} from '../party/ocpi-party.options';

/** Our own Credentials object (what we hand to partners) and our role. */
@Injectable()
export class OurCredentials {
  readonly urls: OcpiPartyUrls;

  constructor(@Inject(OCPI_PARTY_OPTIONS) readonly party: OcpiPartyOptions) {
    this.urls = new OcpiPartyUrls(party);
  }

  withToken(token: string): CredentialsDto {
    const business: { name: string; website?: string } = { name: this.party.businessName };
    if (this.party.businessWebsite) business.website = this.party.businessWebsite;
    return {
      token,
      url: this.urls.versionsUrl,
      roles: [
        {
          role: this.party.role as CredentialsDto['roles'][number]['role'],
          business_details: business,
          party_id: this.party.partyId,
          country_code: this.party.countryCode,
        },
      ],
    };
  }
}
