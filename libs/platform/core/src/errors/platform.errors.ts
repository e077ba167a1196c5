import type { ValidationError } from 'class-validator';
import { DomainError, type DomainErrorOptions } from './domain.error';

/**
 * A failure of something we depend on that is expected to heal (broker or database unreachable,
 * lock timeout). Consumers leave the message uncommitted and retry; HTTP answers 503.
 */
export class TransientError extends DomainError {
  readonly code: string = 'PLATFORM.TRANSIENT';
  override readonly retriable: boolean = true;
}

/** An operation did not finish within its time budget. */
export class TimeoutError extends TransientError {
  override readonly code: string = 'PLATFORM.TIMEOUT';
}

/** The addressed thing does not exist (HTTP 404). Extend it: `SessionNotFoundError`. */
export class NotFoundError extends DomainError {
  readonly code: string = 'PLATFORM.NOT_FOUND';
}

/** Input broke a rule (HTTP 400). `violations` holds human-readable messages, one per problem. */
export class ValidationFailedError extends DomainError {
  readonly code: string = 'PLATFORM.VALIDATION_FAILED';
  readonly violations: readonly string[];

  constructor(
    message: string,
    violations: readonly string[] = [],
    options: DomainErrorOptions = {},
  ) {
    super(message, { ...options, details: { ...options.details, violations } });
    this.violations = violations;
  }

  /** Flattens class-validator errors (including nested ones) into `path: message` strings. */
  static fromValidationErrors(
    errors: readonly ValidationError[],
    message = 'Validation failed',
  ): ValidationFailedError {
    return new ValidationFailedError(message, flattenValidationErrors(errors));
  }
}

/** The request conflicts with the current state (HTTP 409), e.g. a duplicate or a stale version. */
export class ConflictError extends DomainError {
  readonly code: string = 'PLATFORM.CONFLICT';
}

/** The caller is not (or no longer) authenticated for this operation (HTTP 401). */
export class UnauthorizedError extends DomainError {
  readonly code: string = 'PLATFORM.UNAUTHORIZED';
}

export function flattenValidationErrors(
  errors: readonly ValidationError[],
  parentPath = '',
): string[] {
  const messages: string[] = [];
  for (const error of errors) {
    const path = parentPath ? `${parentPath}.${error.property}` : error.property;
    for (const constraint of Object.values(error.constraints ?? {})) {
      messages.push(`${path}: ${stripPropertyPrefix(constraint, error.property)}`);
    }
    if (error.children?.length) {
      messages.push(...flattenValidationErrors(error.children, path));
    }
  }
  return messages;
}

/** class-validator messages start with the property name ("PORT must be ..."); drop it. */
export function stripPropertyPrefix(message: string, property: string): string {
  return message.startsWith(`${property} `) ? message.slice(property.length + 1) : message;
}
