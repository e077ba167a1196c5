import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  HttpException,
  Injectable,
  Logger,
} from '@nestjs/common';
import {
  DomainError,
  NotFoundError,
  UnauthorizedError,
  ValidationFailedError,
} from '@voltlane/platform-core';
import { OcpiStatus } from '@voltlane/protocols-ocpi';
import type { HeaderBag } from './ocpi-headers';
import { type ResponseLike, writeOcpiError } from './ocpi-envelope';
import { OcpiException } from './ocpi.exception';

export interface OcpiErrorAnswer {
  httpStatus: number;
  ocpiStatus: number;
  message: string;
}

/** Maps any exception thrown on an OCPI route to HTTP status + OCPI status (ADR 0061). */
export function ocpiErrorOf(exception: unknown): OcpiErrorAnswer {
  if (exception instanceof OcpiException) {
    return {
      httpStatus: exception.httpStatus,
      ocpiStatus: exception.ocpiStatus,
      message: exception.message,
    };
  }
  if (exception instanceof ValidationFailedError) {
    const detail = exception.violations.length ? `: ${exception.violations.join('; ')}` : '';
    return {
      httpStatus: 400,
      ocpiStatus: OcpiStatus.InvalidOrMissingParameters,
      message: `${exception.message}${detail}`,
    };
  }
  if (exception instanceof NotFoundError) {
    return {
      httpStatus: 404,
      ocpiStatus: OcpiStatus.GenericClientError,
      message: exception.message,
    };
  }
  if (exception instanceof UnauthorizedError) {
    return { httpStatus: 401, ocpiStatus: OcpiStatus.GenericClientError, message: 'Unauthorized' };
  }
  if (exception instanceof DomainError) {
    return {
      httpStatus: 500,
      ocpiStatus: OcpiStatus.GenericServerError,
      message: 'Internal error',
    };
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    if (status >= 500) {
      return {
        httpStatus: status,
        ocpiStatus: OcpiStatus.GenericServerError,
        message: 'Internal error',
      };
    }
    const ocpiStatus =
      status === 400 ? OcpiStatus.InvalidOrMissingParameters : OcpiStatus.GenericClientError;
    const message =
      exception.name === 'NotFoundException' ? 'Unknown OCPI endpoint' : exception.message;
    return { httpStatus: status, ocpiStatus, message };
  }
  if (exception instanceof SyntaxError || isBodyParserError(exception)) {
    return bodyParserAnswer(exception);
  }
  return { httpStatus: 500, ocpiStatus: OcpiStatus.GenericServerError, message: 'Internal error' };
}

/** body-parser errors carry `type` and `status` (invalid JSON, too large, bad charset...). */
export function isBodyParserError(err: unknown): err is { type: string; status: number } {
  return (
    typeof err === 'object' &&
    err !== null &&
    typeof (err as { type?: unknown }).type === 'string' &&
    typeof (err as { status?: unknown }).status === 'number'
  );
}

export function bodyParserAnswer(err: unknown): OcpiErrorAnswer {
  const status = isBodyParserError(err) ? err.status : 400;
  const type = isBodyParserError(err) ? err.type : 'entity.parse.failed';
  return {
    httpStatus: status,
    ocpiStatus: OcpiStatus.InvalidOrMissingParameters,
    message:
      type === 'entity.parse.failed' ? 'Invalid JSON body' : `Invalid request body (${type})`,
  };
}

/** The OCPI envelope for every error of an OCPI controller (controller filters beat problem+json). */
@Catch()
@Injectable()
export class OcpiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('OcpiExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const req = http.getRequest<
      HeaderBag & { method: string; originalUrl?: string; url: string }
    >();
    const res = http.getResponse<ResponseLike>();
    const answer = ocpiErrorOf(exception);
    const path = (req.originalUrl ?? req.url).split('?')[0];
    if (answer.httpStatus >= 500) {
      this.logger.error('OCPI request failed', { err: exception, method: req.method, path });
    } else {
      this.logger.debug('OCPI request rejected', {
        method: req.method,
        path,
        status: answer.httpStatus,
        ocpiStatus: answer.ocpiStatus,
      });
    }
    writeOcpiError(req, res, answer.httpStatus, answer.ocpiStatus, answer.message);
  }
}
