import { OcpiStatus } from '@voltlane/protocols-ocpi';

/**
 * An OCPI error answer: HTTP status + OCPI status_code + message. Thrown anywhere on an OCPI route
 * (guards, pipes, use cases); the OcpiExceptionFilter turns it into the envelope.
 */
export class OcpiException extends Error {
  constructor(
    readonly httpStatus: number,
    readonly ocpiStatus: number,
    message: string,
    readonly data?: unknown,
  ) {
    super(message);
    this.name = 'OcpiException';
  }

  /** HTTP 401, missing or unknown token (2000: OCPI has no dedicated code). */
  static unauthorized(message = 'Unauthorized: missing or unknown credentials token') {
    return new OcpiException(401, OcpiStatus.GenericClientError, message);
  }

  /** HTTP 400 + 2001: invalid or missing parameters / body. */
  static invalidParameters(message: string, httpStatus = 400, data?: unknown) {
    return new OcpiException(httpStatus, OcpiStatus.InvalidOrMissingParameters, message, data);
  }

  static notFound(message = 'Not found', ocpiStatus: number = OcpiStatus.GenericClientError) {
    return new OcpiException(404, ocpiStatus, message);
  }

  static methodNotAllowed(message: string) {
    return new OcpiException(405, OcpiStatus.GenericClientError, message);
  }

  /** An OCPI status in an HTTP 200 answer (authenticated, valid request, functional problem). */
  static status(ocpiStatus: number, message: string, httpStatus = 200) {
    return new OcpiException(httpStatus, ocpiStatus, message);
  }
}
