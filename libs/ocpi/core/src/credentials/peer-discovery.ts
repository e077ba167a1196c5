import { Inject, Injectable } from '@nestjs/common';
import {
  EndpointDto,
  OcpiStatus,
  validateOcpi,
  VersionDetailsDto,
  VersionDto,
} from '@voltlane/protocols-ocpi';
import { ocpiHttpCall } from '../client/ocpi-http';
import {
  OCPI_PARTY_OPTIONS,
  OCPI_VERSION,
  type OcpiPartyOptions,
} from '../party/ocpi-party.options';
import {
  missingModules,
  type PartnerEndpoint,
  pickMutualVersion,
  type TokenEncoding,
} from '../partners/partner.model';

export type DiscoveryResult =
  | { ok: true; version: string; endpoints: PartnerEndpoint[] }
  | { ok: false; ocpiStatus: number; reason: string };

/**
 * Reads a peer's versions and the 2.2.1 version details with the given token: the first two steps
 * of a registration, on both sides (3001 unreachable, 3002 no mutual version, 3003 modules missing).
 */
@Injectable()
export class PeerDiscovery {
  constructor(@Inject(OCPI_PARTY_OPTIONS) private readonly party: OcpiPartyOptions) {}

  async discover(
    versionsUrl: string,
    token: string,
    encoding: TokenEncoding,
  ): Promise<DiscoveryResult> {
    const timeoutMs = this.party.requestTimeoutMs ?? 10_000;
    const versions = await ocpiHttpCall<unknown>({
      method: 'GET',
      url: versionsUrl,
      token,
      encoding,
      timeoutMs,
    });
    if (!versions.ok || !Array.isArray(versions.data)) {
      return unusable(`versions: ${versions.error ?? 'data is not a list of versions'}`);
    }
    const list: VersionDto[] = [];
    for (const v of versions.data) {
      const r = validateOcpi(VersionDto, v);
      if (r.ok) list.push(r.value);
    }
    const chosen = pickMutualVersion(list, [OCPI_VERSION]);
    if (!chosen) {
      return {
        ok: false,
        ocpiStatus: OcpiStatus.UnsupportedVersion,
        reason: `no mutual OCPI version: the peer offers [${list.map((v) => v.version).join(', ')}], we speak ${OCPI_VERSION}`,
      };
    }
    const details = await ocpiHttpCall<unknown>({
      method: 'GET',
      url: chosen.url,
      token,
      encoding,
      timeoutMs,
    });
    if (!details.ok) return unusable(`version details: ${details.error}`);
    const parsed = validateOcpi(VersionDetailsDto, details.data);
    if (!parsed.ok) {
      return unusable(`version details are invalid: ${parsed.violations.slice(0, 5).join('; ')}`);
    }
    const endpoints = parsed.value.endpoints.map((e: EndpointDto) => ({
      identifier: e.identifier,
      role: e.role,
      url: e.url,
    }));
    const missing = missingModules(endpoints, this.party.requiredPeerModules ?? ['credentials']);
    if (missing.length > 0) {
      return {
        ok: false,
        ocpiStatus: OcpiStatus.NoMatchingEndpoints,
        reason: `the peer lacks required modules: ${missing.join(', ')}`,
      };
    }
    return { ok: true, version: chosen.version, endpoints };
  }
}

function unusable(reason: string): DiscoveryResult {
  return {
    ok: false,
    ocpiStatus: OcpiStatus.UnableToUseClientApi,
    reason: `unable to use the peer's API: ${reason}`,
  };
}
