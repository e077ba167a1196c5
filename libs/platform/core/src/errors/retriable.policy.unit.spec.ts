import { DomainError } from './domain.error';
import {
  ConflictError,
  NotFoundError,
  TimeoutError,
  TransientError,
  UnauthorizedError,
  ValidationFailedError,
} from './platform.errors';
import { isRetriable } from './retriable.policy';
import { validateSync, IsInt, ValidateNested, IsString } from 'class-validator';
import { Type } from 'class-transformer';

const withCode = (code: string, message = code) => Object.assign(new Error(message), { code });

describe('isRetriable', () => {
  it.each(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN'])(
    'treats Node errno %s as retriable',
    (code) => expect(isRetriable(withCode(code))).toBe(true),
  );

  it.each([
    ['08006', 'connection_failure'],
    ['08001', 'sqlclient_unable_to_establish_sqlconnection'],
    ['53300', 'too_many_connections'],
    ['57P01', 'admin_shutdown'],
    ['57P03', 'cannot_connect_now'],
    ['40001', 'serialization_failure'],
    ['40P01', 'deadlock_detected'],
  ])('treats PostgreSQL %s (%s) as retriable', (code) => {
    expect(isRetriable(withCode(code))).toBe(true);
  });

  it.each([
    ['23505', 'unique_violation'],
    ['23503', 'foreign_key_violation'],
    ['42P01', 'undefined_table'],
    ['22P02', 'invalid_text_representation'],
    ['57014', 'query_canceled'],
  ])('treats PostgreSQL %s (%s) as not retriable', (code) => {
    expect(isRetriable(withCode(code))).toBe(false);
  });

  it('recognises TransientError and its subclasses', () => {
    expect(isRetriable(new TransientError('broker away'))).toBe(true);
    expect(isRetriable(new TimeoutError('slow'))).toBe(true);
  });

  it('treats other domain errors as not retriable, whatever they wrap', () => {
    expect(isRetriable(new NotFoundError('no session'))).toBe(false);
    expect(isRetriable(new ConflictError('dup', { cause: withCode('ECONNRESET') }))).toBe(false);
  });

  it('honours an explicit retriable flag (kafkajs errors)', () => {
    class KafkaJSConnectionError extends Error {
      retriable = true;
    }
    class KafkaJSNonRetriableError extends Error {
      retriable = false;
      override cause = withCode('ECONNREFUSED');
    }
    expect(isRetriable(new KafkaJSConnectionError('Connection timeout'))).toBe(true);
    expect(isRetriable(new KafkaJSNonRetriableError('gave up'))).toBe(false);
  });

  it('looks through wrappers: cause, TypeORM driverError and AggregateError', () => {
    expect(isRetriable(new Error('wrapped', { cause: withCode('40P01') }))).toBe(true);
    expect(
      isRetriable(Object.assign(new Error('QueryFailedError'), { driverError: withCode('08006') })),
    ).toBe(true);
    expect(isRetriable(new AggregateError([new Error('a'), withCode('ECONNREFUSED')]))).toBe(true);
  });

  it('is false for non-errors and plain errors', () => {
    expect(isRetriable(undefined)).toBe(false);
    expect(isRetriable('ECONNREFUSED')).toBe(false);
    expect(isRetriable(new Error('boom'))).toBe(false);
    expect(isRetriable(withCode('ENOENT'))).toBe(false);
    expect(isRetriable(withCode('08'))).toBe(false);
  });
});

describe('domain errors', () => {
  class SessionNotFoundError extends NotFoundError {
    override readonly code = 'SESSION.NOT_FOUND';
  }
  class TariffMissingError extends DomainError {
    readonly code = 'TARIFF.MISSING';
  }

  it('carry stable codes, names and details', () => {
    const err = new SessionNotFoundError('session s-1 not found', {
      details: { sessionId: 's-1' },
    });
    expect(err).toBeInstanceOf(NotFoundError);
    expect(err).toBeInstanceOf(DomainError);
    expect(err).toBeInstanceOf(Error);
    expect(err.code).toBe('SESSION.NOT_FOUND');
    expect(err.name).toBe('SessionNotFoundError');
    expect(err.details).toEqual({ sessionId: 's-1' });
    expect(err.retriable).toBe(false);
    expect(new TariffMissingError('x').code).toBe('TARIFF.MISSING');
    expect(new UnauthorizedError('x').code).toBe('PLATFORM.UNAUTHORIZED');
    expect(new ConflictError('x').code).toBe('PLATFORM.CONFLICT');
    expect(new TransientError('x')).toMatchObject({ code: 'PLATFORM.TRANSIENT', retriable: true });
  });

  it('ValidationFailedError carries flattened class-validator messages', () => {
    class Connector {
      @IsInt() id: unknown = 'one';
    }
    class Evse {
      @IsString() uid: unknown = 5;
      @ValidateNested({ each: true }) @Type(() => Connector) connectors = [new Connector()];
    }

    const err = ValidationFailedError.fromValidationErrors(validateSync(new Evse()));

    expect(err.code).toBe('PLATFORM.VALIDATION_FAILED');
    expect(err.violations).toEqual([
      'uid: must be a string',
      'connectors.0.id: must be an integer number',
    ]);
    expect(err.details).toEqual({ violations: err.violations });
  });
});
