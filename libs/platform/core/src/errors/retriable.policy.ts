import { DomainError } from './domain.error';

/** Node.js system errors that mean "the other side is (temporarily) unreachable". */
const RETRIABLE_ERRNO = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

/** PostgreSQL SQLSTATEs that a retry of the whole operation can fix. */
const RETRIABLE_SQLSTATE_EXACT = new Set(['40001', '40P01']); // serialization_failure, deadlock
const RETRIABLE_SQLSTATE_PREFIXES = ['08', '53', '57P0']; // connection, resources, shutdown
const SQLSTATE = /^[0-9A-Z]{5}$/;
const MAX_DEPTH = 5;

/**
 * Decides whether a failed operation is worth retrying as it is.
 *
 * - An explicit boolean `retriable` wins (DomainError subclasses, kafkajs `KafkaJSError`): a kafkajs
 *   `KafkaJSNonRetriableError` wrapping a network error stays non-retriable, as kafkajs intends.
 * - Node errno codes of network failures, and PostgreSQL connection/resource/shutdown classes,
 *   serialization failures and deadlocks are retriable, also when wrapped (`cause`, TypeORM's
 *   `driverError`, `AggregateError.errors`).
 */
export function isRetriable(err: unknown): boolean {
  return check(err, 0);
}

function check(err: unknown, depth: number): boolean {
  if (depth > MAX_DEPTH || err === null || typeof err !== 'object') {
    return false;
  }
  if (err instanceof DomainError) {
    return err.retriable;
  }
  const candidate = err as {
    retriable?: unknown;
    code?: unknown;
    cause?: unknown;
    driverError?: unknown;
    errors?: unknown;
  };
  if (typeof candidate.retriable === 'boolean') {
    return candidate.retriable;
  }
  if (typeof candidate.code === 'string' && isRetriableCode(candidate.code)) {
    return true;
  }
  if (Array.isArray(candidate.errors) && candidate.errors.some((e) => check(e, depth + 1))) {
    return true;
  }
  return check(candidate.driverError, depth + 1) || check(candidate.cause, depth + 1);
}

function isRetriableCode(code: string): boolean {
  if (RETRIABLE_ERRNO.has(code)) {
    return true;
  }
  if (!SQLSTATE.test(code)) {
    return false;
  }
  return (
    RETRIABLE_SQLSTATE_EXACT.has(code) ||
    RETRIABLE_SQLSTATE_PREFIXES.some((prefix) => code.startsWith(prefix))
  );
}
