import type { ModuleId } from '@voltlane/protocols-ocpi';

/** One module this party implements, advertised as `${publicUrl}${basePath}/2.2.1/${path}`. */
export interface OcpiModuleEndpoint {
  identifier: ModuleId;
  role: 'SENDER' | 'RECEIVER';
  path: string;
}

/** Who we are on OCPI: one role (CPO or EMSP) per service. */
export interface OcpiPartyOptions {
  role: 'CPO' | 'EMSP';
  /** e.g. `/ocpi/cpo`; versions at `${basePath}/versions`. */
  basePath: string;
  /** Base URL partners reach this service at (no trailing slash needed). */
  publicUrl: string;
  countryCode: string;
  partyId: string;
  businessName: string;
  businessWebsite?: string;
  /** Functional modules (credentials is added by the core). */
  endpoints: OcpiModuleEndpoint[];
  /** Modules a peer must offer for a registration to succeed (OCPI 3003 otherwise). Default: credentials. */
  requiredPeerModules?: ModuleId[];
  /** Timeout of outbound OCPI calls (ms). Default 10 000. */
  requestTimeoutMs?: number;
}

export const OCPI_PARTY_OPTIONS = Symbol('OCPI_PARTY_OPTIONS');

export const OCPI_VERSION = '2.2.1';

/** URLs derived from the options. */
export class OcpiPartyUrls {
  readonly base: string;

  constructor(readonly options: OcpiPartyOptions) {
    this.base = `${options.publicUrl.replace(/\/+$/, '')}/${options.basePath.replace(/^\/+|\/+$/g, '')}`;
  }

  get versionsUrl(): string {
    return `${this.base}/versions`;
  }

  get versionDetailsUrl(): string {
    return `${this.base}/${OCPI_VERSION}`;
  }

  moduleUrl(path: string): string {
    return `${this.versionDetailsUrl}/${path.replace(/^\/+/, '')}`;
  }
}
