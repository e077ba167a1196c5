import {
  applyDecorators,
  createParamDecorator,
  type ExecutionContext,
  SetMetadata,
  UseFilters,
  UseGuards,
  UseInterceptors,
} from '@nestjs/common';
import { OcpiExceptionFilter } from '../transport/ocpi-exception.filter';
import { OcpiResponseInterceptor } from '../transport/ocpi-response.interceptor';
import { OcpiException } from '../transport/ocpi.exception';
import { OcpiAuthGuard, type OcpiRequest } from './ocpi-auth.guard';
import type { OcpiCallerContext } from './ocpi-caller';
import { OCPI_ROUTE } from './ocpi-route.metadata';

/**
 * A functional OCPI module controller (locations, tokens...): credentials token of a registered
 * partner only (Token A → 401), routing headers validated and mirrored, OCPI envelope.
 */
export function OcpiFunctionalEndpoint(module: string): ClassDecorator & MethodDecorator {
  return applyDecorators(
    SetMetadata(OCPI_ROUTE, { kind: 'functional', module }),
    UseFilters(OcpiExceptionFilter),
    UseGuards(OcpiAuthGuard),
    UseInterceptors(OcpiResponseInterceptor),
  );
}

/** Versions and credentials: Token A accepted, OCPI envelope. */
export function OcpiConfigurationEndpoint(): ClassDecorator & MethodDecorator {
  return applyDecorators(
    SetMetadata(OCPI_ROUTE, { kind: 'configuration' }),
    UseFilters(OcpiExceptionFilter),
    UseGuards(OcpiAuthGuard),
    UseInterceptors(OcpiResponseInterceptor),
  );
}

/** The authenticated partner (set by OcpiAuthGuard). */
export const OcpiCaller = createParamDecorator(
  (_data: unknown, ctx: ExecutionContext): OcpiCallerContext => {
    const caller = ctx.switchToHttp().getRequest<OcpiRequest>().ocpiCaller;
    if (!caller) throw OcpiException.unauthorized();
    return caller;
  },
);

/** The authenticated partner of an OCPI request. */
export type OcpiCaller = OcpiCallerContext;
