import { Controller, Get, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { VersionDetailsDto, VersionDto } from '@voltlane/protocols-ocpi';
import { InterfaceRole } from '@voltlane/protocols-ocpi';
import { OcpiConfigurationEndpoint } from '../auth/ocpi.decorators';
import {
  OCPI_PARTY_OPTIONS,
  OCPI_VERSION,
  type OcpiPartyOptions,
  OcpiPartyUrls,
} from '../party/ocpi-party.options';

/** Our version endpoints, from the party options. */
export function versionDetailsOf(party: OcpiPartyOptions): VersionDetailsDto {
  const urls = new OcpiPartyUrls(party);
  return {
    version: OCPI_VERSION,
    endpoints: [
      // Credentials once, role SENDER (the role is meaningless for credentials).
      { identifier: 'credentials', role: InterfaceRole.SENDER, url: urls.moduleUrl('credentials') },
      ...party.endpoints
        .filter((e) => e.identifier !== 'credentials')
        .map((e) => ({
          identifier: e.identifier,
          role: e.role as InterfaceRole,
          url: urls.moduleUrl(e.path),
        })),
    ],
  };
}

/** `{basePath}/versions` and `{basePath}/2.2.1`: cheap, side-effect free, Token A accepted. */
@ApiTags('ocpi')
@Controller()
@OcpiConfigurationEndpoint()
export class VersionsController {
  private readonly versions: VersionDto[];
  private readonly details: VersionDetailsDto;

  constructor(@Inject(OCPI_PARTY_OPTIONS) party: OcpiPartyOptions) {
    this.versions = [{ version: OCPI_VERSION, url: new OcpiPartyUrls(party).versionDetailsUrl }];
    this.details = versionDetailsOf(party);
  }

  @Get('versions')
  list(): VersionDto[] {
    return this.versions;
  }

  @Get(OCPI_VERSION)
  detail(): VersionDetailsDto {
    return this.details;
  }
}
