import { Inject, Injectable } from '@nestjs/common';
import { currentContext } from '@voltlane/platform-core';
import { OCPI_PARTY_OPTIONS, type OcpiPartyOptions } from '../party/ocpi-party.options';
import { PartnerRepository } from '../partners/partner.repository';
import type { PartyRef } from '../transport/ocpi-headers';
import { joinUrl, type OcpiCallResult, ocpiHttpCall } from './ocpi-http';

export interface OcpiRequestOptions {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  /** Receiving party for the routing headers (default: the partner's only role, if one). */
  to?: PartyRef;
  correlationId?: string;
  /** Send routing headers (default true: every functional module). */
  routing?: boolean;
  /** Per-call bound (default: the party's requestTimeoutMs), e.g. for real-time authorization. */
  timeoutMs?: number;
}

export interface OcpiModuleRequest extends OcpiRequestOptions {
  module: string;
  interfaceRole: 'SENDER' | 'RECEIVER';
  /** Appended to the partner's endpoint URL, slash-normalised. */
  path?: string;
}

/** Outbound OCPI calls to a registered partner with the token it issued to us (client token). */
@Injectable()
export class OcpiClient {
  private readonly timeoutMs: number;

  constructor(
    private readonly partners: PartnerRepository,
    @Inject(OCPI_PARTY_OPTIONS) private readonly party: OcpiPartyOptions,
  ) {
    this.timeoutMs = party.requestTimeoutMs ?? 10_000;
  }

  async request<T = unknown>(
    partnerId: string,
    req: OcpiModuleRequest,
  ): Promise<OcpiCallResult<T>> {
    const partner = await this.partners.findById(partnerId);
    const endpoint = partner?.endpoints.find(
      (e) => e.identifier === req.module && e.role === req.interfaceRole,
    );
    if (!partner || !endpoint) {
      return {
        ok: false,
        httpStatus: 0,
        headers: {},
        error: partner
          ? `partner ${partnerId} offers no ${req.module} ${req.interfaceRole} endpoint`
          : `unknown partner ${partnerId}`,
      };
    }
    return this.requestUrl<T>(partnerId, joinUrl(endpoint.url, req.path), req);
  }

  async requestUrl<T = unknown>(
    partnerId: string,
    url: string,
    req: OcpiRequestOptions,
  ): Promise<OcpiCallResult<T>> {
    const partner = await this.partners.findById(partnerId);
    if (!partner || partner.status !== 'REGISTERED' || !partner.clientToken) {
      return {
        ok: false,
        httpStatus: 0,
        headers: {},
        error: `partner ${partnerId} is not registered`,
      };
    }
    const to = req.to ?? (partner.roles.length === 1 ? partner.roles[0] : undefined);
    return ocpiHttpCall<T>({
      method: req.method,
      url,
      token: partner.clientToken,
      encoding: partner.outgoingTokenEncoding,
      query: req.query,
      body: req.body,
      routing:
        req.routing === false
          ? undefined
          : {
              from: { countryCode: this.party.countryCode, partyId: this.party.partyId },
              to: to && { countryCode: to.countryCode, partyId: to.partyId },
            },
      correlationId: req.correlationId ?? currentContext().correlationId,
      timeoutMs: req.timeoutMs ?? this.timeoutMs,
    });
  }
}
