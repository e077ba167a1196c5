import { Controller, Get, Injectable, Module, Param } from '@nestjs/common';
import { currentContext, type HealthIndicator, withContextFields } from '@voltlane/platform-core';
import { startTestApp, type TestApp } from '../test/nest-test-app';
import { HealthService } from './health/health.service';
import { ServiceLifecycle } from './lifecycle/service-lifecycle.service';
import { MetricsService } from './metrics/metrics.service';
import { ServiceModule } from './service.module';

/** A real HealthIndicator whose outcome the test controls (not a mock of any infrastructure). */
@Injectable()
class SwitchableIndicator implements HealthIndicator {
  readonly name = 'switchable';
  failure: string | undefined;
  hang = false;

  async check(): Promise<void> {
    if (this.hang) await new Promise(() => undefined);
    if (this.failure) throw new Error(this.failure);
  }
}

class AlwaysUpIndicator implements HealthIndicator {
  readonly name = 'always-up';
  async check(): Promise<void> {}
}

@Controller('sessions')
class SessionsController {
  @Get(':id')
  get(@Param('id') id: string) {
    withContextFields({ sessionId: id });
    return { id, context: currentContext() };
  }
}

@Module({
  providers: [SwitchableIndicator],
  exports: [SwitchableIndicator],
  controllers: [SessionsController],
})
class FeatureModule {}

/** Value of the sample `name{labels}` in Prometheus text, whatever the label order. */
function sample(body: string, name: string, labels: Record<string, string>): number | undefined {
  for (const line of body.split('\n')) {
    const match = /^([a-z_:]+)\{(.*)\} (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const found = Object.fromEntries(
      [...match[2].matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]),
    );
    const same =
      Object.keys(found).length === Object.keys(labels).length &&
      Object.entries(labels).every(([k, v]) => found[k] === v);
    if (same) return Number(match[3]);
  }
  return undefined;
}

describe('ServiceModule over HTTP', () => {
  let t: TestApp;
  let indicator: SwitchableIndicator;

  beforeAll(async () => {
    t = await startTestApp({
      imports: [
        ServiceModule.forRoot({
          serviceName: 'session-engine',
          healthIndicators: [SwitchableIndicator, AlwaysUpIndicator],
          readinessTimeoutMs: 200,
        }),
        FeatureModule,
      ],
    });
    indicator = t.app.get(SwitchableIndicator);
  });

  afterAll(() => t.close());

  beforeEach(() => {
    indicator.failure = undefined;
    indicator.hang = false;
  });

  describe('health', () => {
    it('GET /health/live answers 200 ok', async () => {
      const res = await t.get('/health/live');
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ status: 'ok' });
      expect(res.headers.get('cache-control')).toBe('no-store');
    });

    it('GET /health/ready answers 200 when every indicator passes', async () => {
      const res = await t.get('/health/ready');
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({
        status: 'ok',
        checks: { switchable: 'up', 'always-up': 'up' },
      });
    });

    it('GET /health/ready answers 503 naming the failing indicator and its reason', async () => {
      indicator.failure = 'connect ECONNREFUSED postgres://app:pw@db:5432';

      const res = await t.get('/health/ready');

      expect(res.status).toBe(503);
      expect(await res.json()).toEqual({
        status: 'unavailable',
        checks: {
          switchable: 'down: connect ECONNREFUSED postgres://app:***@db:5432',
          'always-up': 'up',
        },
      });
    });

    it('GET /health/ready bounds each check with the timeout', async () => {
      indicator.hang = true;
      const started = Date.now();

      const res = await t.get('/health/ready');

      expect(res.status).toBe(503);
      expect(await res.json()).toMatchObject({
        checks: { switchable: 'down: switchable check timed out after 200 ms' },
      });
      expect(Date.now() - started).toBeLessThan(1500);
    });

    it('accepts indicators registered by libraries at run time', async () => {
      const health = t.app.get(HealthService);
      const late: HealthIndicator = { name: 'late', check: () => Promise.reject(new Error('no')) };
      health.register(late);
      health.register(late); // idempotent for the same instance

      const res = await t.get('/health/ready');
      expect(res.status).toBe(503);
      expect(((await res.json()) as { checks: object }).checks).toMatchObject({ late: 'down: no' });
      expect(() => health.register({ name: 'late', check: async () => undefined })).toThrow(
        /already registered/,
      );
    });
  });

  describe('metrics', () => {
    it('GET /metrics serves Prometheus text with default metrics labelled by service', async () => {
      const res = await t.get('/metrics');
      const body = await res.text();

      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
      expect(body).toMatch(/^process_cpu_user_seconds_total\{service="session-engine"\} /m);
      expect(body).toMatch(/^nodejs_eventloop_lag_seconds\{service="session-engine"\} /m);
    });

    it('shows counters registered through MetricsService (get-or-create)', async () => {
      const metrics = t.app.get(MetricsService);
      const def = {
        name: 'outbox_published_total',
        help: 'Events published',
        labelNames: ['topic'],
      };
      metrics.counter(def).inc({ topic: 'session.charging-session.completed.v1' }, 3);
      metrics.counter(def).inc({ topic: 'session.charging-session.completed.v1' });

      const body = await (await t.get('/metrics')).text();

      expect(body).toContain('# TYPE outbox_published_total counter');
      expect(
        sample(body, 'outbox_published_total', {
          topic: 'session.charging-session.completed.v1',
          service: 'session-engine',
        }),
      ).toBe(4);
      expect(() => metrics.gauge({ name: 'outbox_published_total', help: 'x' })).toThrow(
        /another metric type/,
      );
      expect(() => metrics.counter({ ...def, labelNames: ['other'] })).toThrow(/labels/);
    });

    it('counts HTTP requests by method, route template and status', async () => {
      await t.get('/sessions/s-1');
      await t.get('/sessions/s-2');
      await t.get('/no/such/route');

      const body = await (await t.get('/metrics')).text();

      const labels = {
        service: 'session-engine',
        method: 'GET',
        status: '200',
        route: '/sessions/:id',
      };
      expect(sample(body, 'http_requests_total', labels)).toBe(2);
      expect(sample(body, 'http_request_duration_seconds_count', labels)).toBe(2);
      expect(
        sample(body, 'http_requests_total', { ...labels, route: 'unmatched', status: '404' }),
      ).toBe(1);
    });
  });

  describe('correlation id', () => {
    it('takes x-correlation-id from the request, echoes it and exposes it to handlers', async () => {
      const res = await t.get('/sessions/s-7', { 'x-correlation-id': 'corr-123' });

      expect(res.headers.get('x-correlation-id')).toBe('corr-123');
      expect(await res.json()).toEqual({
        id: 's-7',
        context: { correlationId: 'corr-123', sessionId: 's-7' },
      });
    });

    it('generates a uuid when the header is missing or unacceptable', async () => {
      const missing = await t.get('/sessions/s-8');
      const forged = await t.get('/sessions/s-8', { 'x-correlation-id': 'a b"c' });

      const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
      expect(missing.headers.get('x-correlation-id')).toMatch(uuid);
      expect(forged.headers.get('x-correlation-id')).toMatch(uuid);
      expect(
        ((await missing.json()) as { context: { correlationId: string } }).context.correlationId,
      ).toBe(missing.headers.get('x-correlation-id'));
    });
  });

  describe('shutdown', () => {
    it('readiness answers 503 as soon as shutdown starts, liveness stays 200', async () => {
      t.app.get(ServiceLifecycle).markShuttingDown();

      const ready = await t.get('/health/ready');
      const live = await t.get('/health/live');

      expect(ready.status).toBe(503);
      expect(await ready.json()).toEqual({
        status: 'unavailable',
        reason: 'shutting down',
        checks: {},
      });
      expect(live.status).toBe(200);
    });
  });
});
