import { extractTraceContext, runInSpan, traceHeadersOf } from './trace.propagation';
import { initTracing } from './tracing.sdk';

// A separate file: the tracer provider is process-wide (Jest gives each file its own globals).
const handle = initTracing({ serviceName: 'tracing-off-spec', env: {} });

describe('tracing off (no OTEL_EXPORTER_OTLP_ENDPOINT)', () => {
  it('Given no endpoint, When initialised, Then nothing is recorded and it says why', () => {
    expect(handle).toMatchObject({ enabled: false, reason: 'no OTEL_EXPORTER_OTLP_ENDPOINT' });
    expect(
      initTracing({ serviceName: 'again', env: { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://x' } }),
    ).toBe(handle);
  });

  it("Given a caller's traceparent, When work runs under it across awaits, Then the same trace context is passed on", async () => {
    const traceparent = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
    const passed = await runInSpan(
      'not recorded',
      { parent: extractTraceContext({ traceparent }) },
      async () => {
        await new Promise((r) => setTimeout(r, 5));
        return traceHeadersOf();
      },
    );
    expect(passed).toEqual({ traceparent });
  });
});
