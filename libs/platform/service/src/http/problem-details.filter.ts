import { STATUS_CODES } from 'node:http';
import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  HttpException,
  Inject,
  Injectable,
  Logger,
  Optional,
} from '@nestjs/common';
import {
  ConflictError,
  currentContext,
  DomainError,
  NotFoundError,
  TransientError,
  UnauthorizedError,
  ValidationFailedError,
} from '@voltlane/platform-core';
import { PROBLEM_DETAILS_OPTIONS, type ProblemDetailsOptions } from '../service.options';
import type { HttpRequestLike, HttpResponseLike } from './http.types';

export const PROBLEM_JSON = 'application/problem+json';

/** RFC 9457 body; `code` and `correlationId` are extension members, `errors` lists violations. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  instance?: string;
  correlationId?: string;
  errors?: readonly string[];
}

const INTERNAL_DETAIL = 'An unexpected error occurred.';
const UNAVAILABLE_DETAIL = 'The service is temporarily unavailable; retry later.';
const HTTP_STATUS_CODES: Readonly<Record<number, string>> = {
  400: 'PLATFORM.BAD_REQUEST',
  401: 'PLATFORM.UNAUTHORIZED',
  403: 'PLATFORM.FORBIDDEN',
  404: 'PLATFORM.NOT_FOUND',
  405: 'PLATFORM.METHOD_NOT_ALLOWED',
  409: 'PLATFORM.CONFLICT',
  413: 'PLATFORM.PAYLOAD_TOO_LARGE',
  415: 'PLATFORM.UNSUPPORTED_MEDIA_TYPE',
  429: 'PLATFORM.RATE_LIMITED',
};

/**
 * Maps exceptions to `application/problem+json`: NotFoundError → 404, ValidationFailedError → 400,
 * ConflictError → 409, UnauthorizedError → 401, TransientError → 503, Nest HttpExceptions → their
 * status, anything else → 500 with a generic detail (the error itself is logged, never returned).
 *
 * Registered globally by `ServiceModule` unless `problemDetails: false`; a controller with its own
 * `@UseFilters(...)` (OCPI envelope) takes precedence, as Nest tries controller filters first.
 */
@Catch()
@Injectable()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger(ProblemDetailsFilter.name);
  private readonly typeBaseUri: string;
  private readonly statusByCode: Readonly<Record<string, number>>;

  constructor(@Optional() @Inject(PROBLEM_DETAILS_OPTIONS) options: ProblemDetailsOptions = {}) {
    this.typeBaseUri = options.typeBaseUri ?? 'urn:voltlane:problem:';
    this.statusByCode = options.statusByCode ?? {};
  }

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') {
      throw exception; // other transports have their own filters
    }
    const http = host.switchToHttp();
    const req = http.getRequest<HttpRequestLike>();
    const res = http.getResponse<HttpResponseLike>();
    const problem = this.toProblem(exception, req);

    if (problem.status >= 500) {
      this.logger.error('request failed', {
        err: exception,
        method: req.method,
        path: pathOf(req),
        status: problem.status,
      });
    } else {
      this.logger.debug('request rejected', {
        code: problem.code,
        method: req.method,
        path: pathOf(req),
        status: problem.status,
      });
    }
    if (res.headersSent) {
      return;
    }
    res.status(problem.status);
    res.setHeader('Content-Type', `${PROBLEM_JSON}; charset=utf-8`);
    res.send(JSON.stringify(problem));
  }

  /** The problem document for `exception`; public so other filters can reuse the mapping. */
  toProblem(exception: unknown, req?: HttpRequestLike): ProblemDetails {
    const base = {
      instance: req ? pathOf(req) : undefined,
      correlationId: currentContext().correlationId,
    };
    if (exception instanceof DomainError) {
      const status = this.statusOf(exception);
      if (status >= 500) {
        const code = status === 503 ? exception.code : 'PLATFORM.INTERNAL';
        return this.problem(
          status,
          code,
          status === 503 ? UNAVAILABLE_DETAIL : INTERNAL_DETAIL,
          base,
        );
      }
      const errors = exception instanceof ValidationFailedError ? exception.violations : undefined;
      return this.problem(status, exception.code, exception.message, { ...base, errors });
    }
    if (exception instanceof HttpException) {
      return this.fromHttpException(exception, base);
    }
    return this.problem(500, 'PLATFORM.INTERNAL', INTERNAL_DETAIL, base);
  }

  private statusOf(err: DomainError): number {
    const explicit = this.statusByCode[err.code];
    if (explicit) return explicit;
    if (err instanceof NotFoundError) return 404;
    if (err instanceof ValidationFailedError) return 400;
    if (err instanceof ConflictError) return 409;
    if (err instanceof UnauthorizedError) return 401;
    if (err instanceof TransientError) return 503;
    return 500;
  }

  private fromHttpException(
    exception: HttpException,
    base: Pick<ProblemDetails, 'instance' | 'correlationId'>,
  ): ProblemDetails {
    const status = exception.getStatus();
    if (status >= 500) {
      return this.problem(status, `PLATFORM.HTTP_${status}`, INTERNAL_DETAIL, base);
    }
    const body = exception.getResponse();
    const message =
      typeof body === 'string'
        ? body
        : ((body as { message?: unknown }).message ?? exception.message);
    if (Array.isArray(message)) {
      // ValidationPipe: one message per violated constraint.
      const errors = message.map(String);
      return this.problem(status, 'PLATFORM.VALIDATION_FAILED', 'Validation failed', {
        ...base,
        errors,
      });
    }
    const code = HTTP_STATUS_CODES[status] ?? `PLATFORM.HTTP_${status}`;
    return this.problem(status, code, String(message), base);
  }

  private problem(
    status: number,
    code: string,
    detail: string,
    extra: Pick<ProblemDetails, 'instance' | 'correlationId' | 'errors'>,
  ): ProblemDetails {
    const problem: ProblemDetails = {
      type: `${this.typeBaseUri}${code}`,
      title: STATUS_CODES[status] ?? 'Error',
      status,
      detail,
      code,
    };
    if (extra.instance) problem.instance = extra.instance;
    if (extra.correlationId) problem.correlationId = extra.correlationId;
    if (extra.errors?.length) problem.errors = extra.errors;
    return problem;
  }
}

/** The path without its query string (which may carry tokens). */
function pathOf(req: HttpRequestLike): string {
  return (req.originalUrl ?? req.url).split('?')[0];
}
