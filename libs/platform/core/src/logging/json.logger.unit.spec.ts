import { UnauthorizedError } from '../errors/platform.errors';
import { currentContext, runWithContext, withContextFields } from './correlation.context';
import { createLogger, JsonLogger, setDefaultLogLevel } from './json.logger';
import { maskUrlCredentials, redact } from './log.redaction';

function capture(options: { level?: 'debug' | 'info' | 'warn' | 'error'; context?: string } = {}) {
  const lines: Record<string, unknown>[] = [];
  const logger = new JsonLogger({
    service: 'session-engine',
    level: options.level ?? 'debug',
    context: options.context,
    write: (line) => lines.push(JSON.parse(line) as Record<string, unknown>),
  });
  return { logger, lines };
}

describe('JsonLogger', () => {
  it('writes one JSON object per entry with ts, level, service, context and msg', () => {
    const { logger, lines } = capture({ context: 'MeterValuesConsumer' });

    logger.log('meter values recorded', { samples: 3 });

    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 'info',
      service: 'session-engine',
      context: 'MeterValuesConsumer',
      msg: 'meter values recorded',
      samples: 3,
    });
    expect(new Date(lines[0].ts as string).toISOString()).toBe(lines[0].ts);
  });

  it('accepts Nest call shapes: trailing context, and error(message, stack, context)', () => {
    const { logger, lines } = capture();
    const stack = new Error('x').stack as string;

    logger.log('Mapped {/health/live, GET} route', 'RouterExplorer');
    logger.error('handler failed', stack, 'ExceptionsHandler');
    logger.warn('with fields', { a: 1 }, 'Ctx');

    expect(lines[0]).toMatchObject({
      context: 'RouterExplorer',
      msg: 'Mapped {/health/live, GET} route',
    });
    expect(lines[1]).toMatchObject({ level: 'error', context: 'ExceptionsHandler', stack });
    expect(lines[2]).toMatchObject({ level: 'warn', context: 'Ctx', a: 1 });
  });

  it('filters by level', () => {
    const { logger, lines } = capture({ level: 'warn' });

    logger.debug('hidden');
    logger.log('hidden');
    logger.warn('shown');
    logger.error('shown');
    logger.fatal('shown');

    expect(lines.map((l) => l.level)).toEqual(['warn', 'error', 'fatal']);
  });

  it('follows the process-wide default level when none is given', () => {
    const lines: string[] = [];
    const logger = new JsonLogger({ service: 's', write: (l) => lines.push(l) });
    try {
      setDefaultLogLevel('error');
      logger.warn('hidden');
      setDefaultLogLevel('debug');
      logger.debug('shown');
    } finally {
      setDefaultLogLevel('info');
    }
    expect(lines).toHaveLength(1);
  });

  it('honours Nest setLogLevels for itself and its children', () => {
    const { logger, lines } = capture();
    const child = logger.child('Child');

    logger.setLogLevels(['error']);
    child.log('hidden');
    child.error('shown');

    expect(lines).toHaveLength(1);
  });

  it('redacts sensitive keys at any depth and masks URL passwords in every string', () => {
    const { logger, lines } = capture();

    logger.log('partner registered', {
      partner: {
        countryCode: 'NL',
        credentials: { token: 'abc' },
        headers: { Authorization: 'Token abc', 'x-api-key': 'k', accept: 'json' },
        idTag: 'DEADBEEF',
        idToken: { idToken: '04A1', type: 'ISO14443' },
      },
      password: 'p',
      clientSecret: 's',
      url: 'postgres://app:pw@db:5432/x',
      list: [{ apiKey: 'k2' }, 'amqp://u:p@host/vh'],
    });

    const line = lines[0];
    expect(line).toMatchObject({
      partner: {
        countryCode: 'NL',
        credentials: '[REDACTED]',
        headers: { Authorization: '[REDACTED]', 'x-api-key': '[REDACTED]', accept: 'json' },
        idTag: '[REDACTED]',
        idToken: '[REDACTED]',
      },
      password: '[REDACTED]',
      clientSecret: '[REDACTED]',
      url: 'postgres://app:***@db:5432/x',
      list: [{ apiKey: '[REDACTED]' }, 'amqp://u:***@host/vh'],
    });
    expect(JSON.stringify(line)).not.toMatch(/"abc"|DEADBEEF|04A1|Token abc/);
  });

  it('masks URL passwords in the message itself', () => {
    const { logger, lines } = capture();
    logger.error('cannot connect to postgres://app:hunter2@db:5432/x');
    expect(lines[0].msg).toBe('cannot connect to postgres://app:***@db:5432/x');
  });

  it('serialises errors with name, message, stack and code', () => {
    const { logger, lines } = capture();
    const cause = Object.assign(new Error('connect ECONNREFUSED 10.0.0.1:5432'), {
      code: 'ECONNREFUSED',
    });
    const err = new UnauthorizedError('bad token', { details: { partyId: 'ABC' }, cause });

    logger.error('request failed', err);
    logger.error(err);
    logger.warn('nested', { err });

    expect(lines[0].err).toMatchObject({
      name: 'UnauthorizedError',
      message: 'bad token',
      code: 'PLATFORM.UNAUTHORIZED',
      details: { partyId: 'ABC' },
      cause: { name: 'Error', code: 'ECONNREFUSED' },
    });
    expect((lines[0].err as { stack: string }).stack).toContain('UnauthorizedError: bad token');
    expect(lines[1]).toMatchObject({ msg: 'bad token', err: { code: 'PLATFORM.UNAUTHORIZED' } });
    expect(lines[2]).toMatchObject({ err: { name: 'UnauthorizedError' } });
  });

  it('child loggers carry their context and bound fields', () => {
    const { logger, lines } = capture({ context: 'Root' });

    logger.child('OutboxRelay', { schema: 'session_engine' }).log('published', { count: 2 });

    expect(lines[0]).toMatchObject({ context: 'OutboxRelay', schema: 'session_engine', count: 2 });
  });

  it('never lets a field overwrite the envelope keys', () => {
    const { logger, lines } = capture();
    logger.log('real', { level: 'fake', service: 'other' });
    expect(lines[0]).toMatchObject({ level: 'info', service: 'session-engine', level_: 'fake' });
  });

  it('survives circular structures and non-JSON values', () => {
    const { logger, lines } = capture();
    const a: Record<string, unknown> = { big: 10n, buf: Buffer.from('xyz'), when: new Date(0) };
    a.self = a;

    logger.log('odd', { a, set: new Set([1]), map: new Map([['k', 'v']]) });

    expect(lines[0]).toMatchObject({
      a: {
        big: '10',
        buf: '[Binary 3 bytes]',
        when: '1970-01-01T00:00:00.000Z',
        self: '[Circular]',
      },
      set: [1],
      map: { k: 'v' },
    });
  });

  it('createLogger builds a logger with service and context', () => {
    const lines: string[] = [];
    createLogger('ocpi-cpo', 'CdrPushRelay', { write: (l) => lines.push(l) }).warn('slow');
    expect(JSON.parse(lines[0])).toMatchObject({ service: 'ocpi-cpo', context: 'CdrPushRelay' });
  });
});

describe('correlation context', () => {
  it('adds the active context to every line, across awaits and timers', async () => {
    const { logger, lines } = capture();

    await runWithContext({ correlationId: 'c-1', eventId: 'e-1' }, async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      withContextFields({ stationId: 'CS-1', sessionId: 's-9' });
      await Promise.resolve();
      logger.log('handled');
    });
    logger.log('outside');

    expect(lines[0]).toMatchObject({
      msg: 'handled',
      correlationId: 'c-1',
      eventId: 'e-1',
      stationId: 'CS-1',
      sessionId: 's-9',
    });
    expect(lines[1]).not.toHaveProperty('correlationId');
  });

  it('keeps concurrent units of work apart', async () => {
    const { logger, lines } = capture();

    await Promise.all(
      ['a', 'b', 'c'].map((id) =>
        runWithContext({ correlationId: id }, async () => {
          await new Promise((resolve) => setTimeout(resolve, Math.random() * 5));
          logger.log(`work ${id}`);
        }),
      ),
    );

    for (const line of lines) {
      expect(line.msg).toBe(`work ${line.correlationId as string}`);
    }
  });

  it('nests: inner values win, outer ones are kept', () => {
    runWithContext({ correlationId: 'outer', stationId: 'CS-1' }, () => {
      runWithContext({ eventId: 'e-2', stationId: 'CS-2' }, () => {
        expect(currentContext()).toEqual({
          correlationId: 'outer',
          eventId: 'e-2',
          stationId: 'CS-2',
        });
      });
      expect(currentContext()).toEqual({ correlationId: 'outer', stationId: 'CS-1' });
    });
  });

  it('withContextFields outside any context does nothing', () => {
    expect(withContextFields({ eventId: 'x' })).toBe(false);
    expect(currentContext()).toEqual({});
  });

  it('context fields are redacted too', () => {
    const { logger, lines } = capture();
    runWithContext({ correlationId: 'c', authToken: 'secret' }, () => logger.log('x'));
    expect(lines[0]).toMatchObject({ correlationId: 'c', authToken: '[REDACTED]' });
  });
});

describe('redaction helpers', () => {
  it('maskUrlCredentials handles empty users and passwords containing @', () => {
    expect(maskUrlCredentials('redis://:pw@cache:6379')).toBe('redis://:***@cache:6379');
    expect(maskUrlCredentials('postgres://u:p@ss@db/x and http://plain.host/path')).toBe(
      'postgres://u:***@db/x and http://plain.host/path',
    );
    expect(maskUrlCredentials('no url here')).toBe('no url here');
  });

  it('redact leaves the input untouched', () => {
    const input = { token: 't', nested: { ok: 1 } };
    redact(input);
    expect(input.token).toBe('t');
  });
});
