import { Controller, Get, Headers, Module, Param } from '@nestjs/common';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { initTracing, SpanKind, tracedFetch } from '@voltlane/platform-core';
import { startTestApp, type TestApp } from '../../test/nest-test-app';
import { ServiceModule } from '../service.module';

const exporter = new InMemorySpanExporter();
initTracing({ serviceName: 'http-tracing-spec', exporter, env: {} });

let baseUrl = '';

@Controller('stations')
class StationsController {
  /** Calls the service itself through tracedFetch: the second request must continue the trace. */
  @Get(':id')
  async get(@Param('id') id: string) {
    const res = await tracedFetch(`${baseUrl}/stations/${id}/echo?q=1`);
    return { id, echoed: (await res.json()) as unknown };
  }

  @Get(':id/echo')
  echo(@Headers('traceparent') traceparent: string | undefined) {
    return { traceparent: traceparent ?? null };
  }

  @Get(':id/fail')
  fail(): never {
    throw new Error('kaputt');
  }
}

@Module({ controllers: [StationsController] })
class FeatureModule {}

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const PARENT = `00-${TRACE_ID}-00f067aa0ba902b7-01`;

describe('HTTP tracing (ServiceModule)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({
      imports: [
        ServiceModule.forRoot({ serviceName: 'http-tracing-spec', healthIndicators: [] }),
        FeatureModule,
      ],
    });
    baseUrl = t.url;
  });
  afterAll(() => t.close());
  beforeEach(() => exporter.reset());

  const finished = async (count: number) => {
    for (let i = 0; i < 50 && exporter.getFinishedSpans().length < count; i++) {
      await new Promise((r) => setTimeout(r, 10));
    }
    return exporter.getFinishedSpans();
  };

  it('Given a request with a traceparent, When it calls another service with tracedFetch, Then server, client and downstream server spans form one trace', async () => {
    const res = await t.get('/stations/CP-1', { traceparent: PARENT });
    const body = (await res.json()) as { echoed: { traceparent: string } };
    const spans = await finished(3);
    const server = spans.find((s) => s.name === 'GET /stations/:id');
    const client = spans.find((s) => s.kind === SpanKind.CLIENT);
    const downstream = spans.find((s) => s.name === 'GET /stations/:id/echo');
    expect(server?.kind).toBe(SpanKind.SERVER);
    expect(server?.spanContext().traceId).toBe(TRACE_ID);
    expect(server?.parentSpanContext?.spanId).toBe('00f067aa0ba902b7');
    expect(server?.attributes['http.response.status_code']).toBe(200);
    expect(client?.parentSpanContext?.spanId).toBe(server?.spanContext().spanId);
    expect(client?.attributes['url.full']).toBe(`${baseUrl}/stations/CP-1/echo`);
    expect(client?.attributes['http.response.status_code']).toBe(200);
    expect(downstream?.parentSpanContext?.spanId).toBe(client?.spanContext().spanId);
    expect(body.echoed.traceparent).toBe(`00-${TRACE_ID}-${client?.spanContext().spanId}-01`);
  });

  it('Given a request without a traceparent, When handled, Then its span starts a new trace', async () => {
    await t.get('/stations/CP-2/echo');
    const [span] = await finished(1);
    expect(span.name).toBe('GET /stations/:id/echo');
    expect(span.parentSpanContext).toBeUndefined();
    expect(span.spanContext().traceId).not.toBe(TRACE_ID);
  });

  it('Given a failing handler, When answered 500, Then the span is marked failed', async () => {
    expect((await t.get('/stations/CP-3/fail')).status).toBe(500);
    const [span] = await finished(1);
    expect(span.attributes['http.response.status_code']).toBe(500);
    expect(span.status.code).toBe(2);
  });

  it('Given probes and scrapes, When answered, Then they make no spans', async () => {
    await t.get('/health/live');
    await t.get('/metrics');
    await t.get('/stations/CP-4/echo'); // a marker after them
    const spans = await finished(1);
    expect(spans.map((s) => s.name)).toEqual(['GET /stations/:id/echo']);
  });
});
