export interface DomainErrorOptions {
  /** Structured, non-sensitive facts about the failure (ids, limits). Serialised into logs. */
  details?: Record<string, unknown>;
  /** The underlying error, kept as the standard `Error.cause`. */
  cause?: unknown;
}

/**
 * Base class of every error that carries a stable, machine-readable code.
 *
 * Codes are `<DOMAIN>.<REASON>` in upper snake case (`SESSION.NOT_FOUND`) and never change once
 * published: transports (HTTP problem+json, OCPI, OCPP, Kafka) map them, clients match on them.
 *
 * ```ts
 * export class SessionNotFoundError extends NotFoundError {
 *   override readonly code = 'SESSION.NOT_FOUND';
 * }
 * ```
 */
export abstract class DomainError extends Error {
  abstract readonly code: string;
  /** True when the same operation may succeed if simply tried again later. */
  readonly retriable: boolean = false;
  readonly details?: Readonly<Record<string, unknown>>;

  constructor(message: string, options: DomainErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    if (options.details !== undefined) {
      this.details = options.details;
    }
  }
}
