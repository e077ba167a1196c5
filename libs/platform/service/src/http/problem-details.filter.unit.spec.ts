import {
  type ArgumentsHost,
  BadRequestException,
  Body,
  Catch,
  Controller,
  type ExceptionFilter,
  ForbiddenException,
  Get,
  Module,
  Post,
  UseFilters,
  ValidationPipe,
} from '@nestjs/common';
import {
  ConflictError,
  DomainError,
  NotFoundError,
  TransientError,
  UnauthorizedError,
  ValidationFailedError,
} from '@voltlane/platform-core';
import { IsInt, IsString, Min } from 'class-validator';
import { startTestApp, type TestApp } from '../../test/nest-test-app';
import { ServiceModule } from '../service.module';
import { ProblemDetailsFilter } from './problem-details.filter';

class SessionNotFoundError extends NotFoundError {
  override readonly code = 'SESSION.NOT_FOUND';
}
class TariffLockedError extends DomainError {
  readonly code = 'TARIFF.LOCKED';
}
class LedgerCorruptError extends DomainError {
  readonly code = 'BILLING.LEDGER_CORRUPT';
}

class StartSessionDto {
  @IsString() evseUid: string;
  @IsInt() @Min(1) connectorId: number;
}

@Controller('boom')
class BoomController {
  @Get('not-found')
  notFound() {
    throw new SessionNotFoundError('Session s-1 does not exist');
  }
  @Get('validation')
  validation() {
    throw new ValidationFailedError('Invalid meter values', ['energyWh: must not be negative']);
  }
  @Get('conflict')
  conflict() {
    throw new ConflictError('Session already completed');
  }
  @Get('unauthorized')
  unauthorized() {
    throw new UnauthorizedError('Unknown credentials token');
  }
  @Get('transient')
  transient() {
    throw new TransientError('kafka broker kafka-1:9092 unreachable');
  }
  @Get('mapped')
  mapped() {
    throw new TariffLockedError('Tariff t-1 is locked');
  }
  @Get('domain-internal')
  domainInternal() {
    throw new LedgerCorruptError('row 42 of cdr_billing.ledger has a bad checksum');
  }
  @Get('internal')
  internal() {
    throw new Error('password authentication failed for user "app" at postgres://app:pw@db/x');
  }
  @Get('forbidden')
  forbidden() {
    throw new ForbiddenException('Operator role required');
  }
  @Post('sessions')
  start(@Body(new ValidationPipe()) dto: StartSessionDto) {
    return dto;
  }
}

@Catch()
class OcpiEnvelopeFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost) {
    const res = host
      .switchToHttp()
      .getResponse<{ status(s: number): { json(b: unknown): void } }>();
    res
      .status(200)
      .json({ status_code: 2003, status_message: 'Unknown location', timestamp: 'now' });
  }
}

@Controller('ocpi')
@UseFilters(OcpiEnvelopeFilter)
class OcpiController {
  @Get('locations/unknown')
  unknown() {
    throw new NotFoundError('no such location');
  }
}

@Module({ controllers: [BoomController, OcpiController] })
class BoomModule {}

async function problem(t: TestApp, path: string, init?: RequestInit) {
  const res = await fetch(`${t.url}${path}`, {
    ...init,
    headers: { 'x-correlation-id': 'corr-9', ...init?.headers },
  });
  return {
    status: res.status,
    contentType: res.headers.get('content-type'),
    body: (await res.json()) as Record<string, unknown>,
  };
}

describe('ProblemDetailsFilter (global, default)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({
      imports: [
        ServiceModule.forRoot({
          serviceName: 'cdr-billing',
          defaultMetrics: false,
          problemDetails: { statusByCode: { 'TARIFF.LOCKED': 423 } },
        }),
        BoomModule,
      ],
    });
  });
  afterAll(() => t.close());

  it('maps NotFoundError subclasses to 404 problem+json with the stable code', async () => {
    const { status, contentType, body } = await problem(t, '/boom/not-found?token=secret');

    expect(status).toBe(404);
    expect(contentType).toBe('application/problem+json; charset=utf-8');
    expect(body).toEqual({
      type: 'urn:voltlane:problem:SESSION.NOT_FOUND',
      title: 'Not Found',
      status: 404,
      detail: 'Session s-1 does not exist',
      code: 'SESSION.NOT_FOUND',
      instance: '/boom/not-found',
      correlationId: 'corr-9',
    });
  });

  it.each([
    ['/boom/validation', 400, 'PLATFORM.VALIDATION_FAILED'],
    ['/boom/conflict', 409, 'PLATFORM.CONFLICT'],
    ['/boom/unauthorized', 401, 'PLATFORM.UNAUTHORIZED'],
    ['/boom/mapped', 423, 'TARIFF.LOCKED'],
    ['/boom/forbidden', 403, 'PLATFORM.FORBIDDEN'],
  ])('maps %s to %i %s', async (path, expectedStatus, code) => {
    const { status, body } = await problem(t, path);
    expect(status).toBe(expectedStatus);
    expect(body).toMatchObject({
      status: expectedStatus,
      code,
      type: `urn:voltlane:problem:${code}`,
    });
  });

  it('lists validation violations', async () => {
    const { body } = await problem(t, '/boom/validation');
    expect(body).toMatchObject({
      detail: 'Invalid meter values',
      errors: ['energyWh: must not be negative'],
    });
  });

  it('maps ValidationPipe failures to 400 with every violation', async () => {
    const { status, body } = await problem(t, '/boom/sessions', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ connectorId: 0 }),
    });
    expect(status).toBe(400);
    expect(body.code).toBe('PLATFORM.VALIDATION_FAILED');
    expect(body.errors).toEqual(
      expect.arrayContaining(['evseUid must be a string', 'connectorId must not be less than 1']),
    );
  });

  it('answers unknown errors with a generic 500 that leaks nothing', async () => {
    const { status, body } = await problem(t, '/boom/internal');
    expect(status).toBe(500);
    expect(body).toEqual({
      type: 'urn:voltlane:problem:PLATFORM.INTERNAL',
      title: 'Internal Server Error',
      status: 500,
      detail: 'An unexpected error occurred.',
      code: 'PLATFORM.INTERNAL',
      instance: '/boom/internal',
      correlationId: 'corr-9',
    });
  });

  it('hides the message and code of domain errors without an HTTP meaning', async () => {
    const { status, body } = await problem(t, '/boom/domain-internal');
    expect(status).toBe(500);
    expect(JSON.stringify(body)).not.toMatch(/ledger|LEDGER/);
  });

  it('maps TransientError to 503 without the infrastructure details', async () => {
    const { status, body } = await problem(t, '/boom/transient');
    expect(status).toBe(503);
    expect(body).toMatchObject({ code: 'PLATFORM.TRANSIENT', title: 'Service Unavailable' });
    expect(JSON.stringify(body)).not.toContain('kafka-1');
  });

  it('answers unknown routes with 404 problem+json', async () => {
    const { status, body } = await problem(t, '/nowhere');
    expect(status).toBe(404);
    expect(body.code).toBe('PLATFORM.NOT_FOUND');
  });

  it('yields to a controller-level filter (OCPI envelope)', async () => {
    const res = await fetch(`${t.url}/ocpi/locations/unknown`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status_code: 2003 });
  });
});

describe('ProblemDetailsFilter (opt-in per controller)', () => {
  @Controller('opted-in')
  @UseFilters(ProblemDetailsFilter)
  class OptedInController {
    @Get()
    fail() {
      throw new ConflictError('duplicate');
    }
  }
  @Controller('plain')
  class PlainController {
    @Get()
    fail() {
      throw new BadRequestException('nope');
    }
  }
  @Module({ controllers: [OptedInController, PlainController] })
  class OptInModule {}

  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({
      imports: [
        ServiceModule.forRoot({ serviceName: 'x', defaultMetrics: false, problemDetails: false }),
        OptInModule,
      ],
    });
  });
  afterAll(() => t.close());

  it('applies only where requested', async () => {
    const opted = await fetch(`${t.url}/opted-in`);
    const plain = await fetch(`${t.url}/plain`);

    expect(opted.status).toBe(409);
    expect(opted.headers.get('content-type')).toContain('application/problem+json');
    expect(plain.status).toBe(400);
    expect(plain.headers.get('content-type')).toContain('application/json');
    expect(await plain.json()).toMatchObject({ statusCode: 400, message: 'nope' });
  });
});
