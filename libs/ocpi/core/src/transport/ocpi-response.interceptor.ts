import {
  type CallHandler,
  type ExecutionContext,
  Injectable,
  type NestInterceptor,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { OcpiStatus, type OcpiResponse } from '@voltlane/protocols-ocpi';
import { formatOcpiDateTime } from '@voltlane/protocols-ocpi';
import { map, type Observable } from 'rxjs';
import { OCPI_ROUTE, type OcpiRouteMetadata } from '../auth/ocpi-route.metadata';
import type { OcpiCallerContext as OcpiCaller } from '../auth/ocpi-caller';
import { echoIds, type ResponseLike } from './ocpi-envelope';
import {
  type HeaderBag,
  OCPI_FROM_COUNTRY_CODE,
  OCPI_FROM_PARTY_ID,
  OCPI_TO_COUNTRY_CODE,
  OCPI_TO_PARTY_ID,
} from './ocpi-headers';
import { OcpiResult } from './ocpi-result';

/**
 * Wraps handler results in the OCPI envelope, echoes X-Request-ID / X-Correlation-ID and, on
 * functional modules, mirrors the routing headers (our party as `from`, the caller as `to`).
 */
@Injectable()
export class OcpiResponseInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const req = http.getRequest<HeaderBag & { ocpiCaller?: OcpiCaller }>();
    const res = http.getResponse<ResponseLike>();
    const route = this.reflector.getAllAndOverride<OcpiRouteMetadata | undefined>(OCPI_ROUTE, [
      context.getHandler(),
      context.getClass(),
    ]);
    echoIds(req, res);
    if (route?.kind === 'functional' && req.ocpiCaller) {
      mirrorRoutingHeaders(res, req.ocpiCaller);
    }
    return next.handle().pipe(map((value: unknown) => envelopeOf(value, res)));
  }
}

function envelopeOf(value: unknown, res: ResponseLike): OcpiResponse<unknown> {
  const timestamp = formatOcpiDateTime(new Date());
  if (value instanceof OcpiResult) {
    const { httpStatus, ocpiStatus, message, headers } = value.options;
    if (httpStatus) res.status(httpStatus);
    for (const [name, v] of Object.entries(headers ?? {}))
      if (v !== undefined) res.setHeader(name, v);
    const body: OcpiResponse<unknown> = {
      status_code: ocpiStatus ?? OcpiStatus.Success,
      timestamp,
    };
    if (value.data !== undefined) body.data = value.data;
    if (message) body.status_message = message;
    return orderKeys(body);
  }
  return orderKeys({ data: value ?? undefined, status_code: OcpiStatus.Success, timestamp });
}

function orderKeys(body: OcpiResponse<unknown>): OcpiResponse<unknown> {
  const out: OcpiResponse<unknown> = {} as OcpiResponse<unknown>;
  if (body.data !== undefined) out.data = body.data;
  out.status_code = body.status_code;
  if (body.status_message !== undefined) out.status_message = body.status_message;
  out.timestamp = body.timestamp;
  return out;
}

function mirrorRoutingHeaders(res: ResponseLike, caller: OcpiCaller): void {
  const from = caller.to ?? caller.self;
  const to = caller.from ?? (caller.roles.length === 1 ? caller.roles[0] : undefined);
  res.setHeader(OCPI_FROM_COUNTRY_CODE, from.countryCode);
  res.setHeader(OCPI_FROM_PARTY_ID, from.partyId);
  if (to) {
    res.setHeader(OCPI_TO_COUNTRY_CODE, to.countryCode);
    res.setHeader(OCPI_TO_PARTY_ID, to.partyId);
  }
}
