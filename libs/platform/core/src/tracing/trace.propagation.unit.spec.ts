import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import {
  activeTraceId,
  extractTraceContext,
  otelTrace,
  publishSpanHeaders,
  runInSpan,
  spanContextOf,
  SpanKind,
  traceHeadersOf,
} from './trace.propagation';
import { createLogger } from '../logging/json.logger';
import { initTracing } from './tracing.sdk';

const exporter = new InMemorySpanExporter();
initTracing({ serviceName: 'propagation-spec', serviceVersion: '1.2.3', exporter, env: {} });

const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-01$/;
const REMOTE = {
  traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
  tracestate: 'vendor=value',
};

describe('trace propagation helpers', () => {
  beforeEach(() => exporter.reset());

  it('Given no active span, When trace headers are read, Then there are none', () => {
    expect(traceHeadersOf()).toEqual({});
    expect(activeTraceId()).toBeUndefined();
  });

  it('Given headers with a traceparent, When a span runs under them, Then it is their child and its headers carry the same trace', async () => {
    const headers = await runInSpan(
      'child',
      { parent: extractTraceContext(REMOTE), kind: SpanKind.CONSUMER },
      () => traceHeadersOf(),
    );
    const [span] = exporter.getFinishedSpans();
    expect(span.spanContext().traceId).toBe('0af7651916cd43dd8448eb211c80319c');
    expect(span.parentSpanContext?.spanId).toBe('b7ad6b7169203331');
    expect(span.resource.attributes['service.name']).toBe('propagation-spec');
    expect(span.resource.attributes['service.version']).toBe('1.2.3');
    const [, traceId, spanId] = TRACEPARENT.exec(headers.traceparent) ?? [];
    expect(traceId).toBe('0af7651916cd43dd8448eb211c80319c');
    expect(spanId).toBe(span.spanContext().spanId);
    expect(headers.tracestate).toBe('vendor=value');
  });

  it('Given a malformed traceparent, When extracted, Then the span starts a new trace', async () => {
    const ctx = extractTraceContext({ traceparent: '00-zz-11-01' });
    expect(otelTrace.getSpanContext(ctx)).toBeUndefined();
    expect(spanContextOf({ traceparent: 'garbage' })).toBeUndefined();
    await runInSpan('root', { parent: ctx }, () => undefined);
    expect(exporter.getFinishedSpans()[0].parentSpanContext).toBeUndefined();
  });

  it('Given a failing unit of work, When run in a span, Then the error is recorded and rethrown', async () => {
    await expect(runInSpan('fails', {}, () => Promise.reject(new Error('boom')))).rejects.toThrow(
      'boom',
    );
    const [span] = exporter.getFinishedSpans();
    expect(span.status).toEqual({ code: 2, message: 'boom' });
    expect(span.events.map((e) => e.name)).toEqual(['exception']);
  });

  it('Given a span, When work continues after an await, Then the span is still active', async () => {
    const seen = await runInSpan('outer', {}, async (span) => {
      await new Promise((r) => setTimeout(r, 5));
      return { active: activeTraceId(), own: span.spanContext().traceId };
    });
    expect(seen.active).toBe(seen.own);
    expect(activeTraceId()).toBeUndefined();
  });

  it('Given a batch span, When an event is published for one consumed event, Then its parent is that event and the batch is linked', async () => {
    const { headers, batch } = await runInSpan('process batch', {}, (span) => ({
      headers: publishSpanHeaders('publish topic', extractTraceContext(REMOTE)),
      batch: span.spanContext(),
    }));
    const publish = exporter.getFinishedSpans().find((s) => s.name === 'publish topic');
    expect(publish?.kind).toBe(SpanKind.PRODUCER);
    expect(publish?.spanContext().traceId).toBe('0af7651916cd43dd8448eb211c80319c');
    expect(publish?.parentSpanContext?.spanId).toBe('b7ad6b7169203331');
    expect(publish?.links.map((l) => l.context.spanId)).toEqual([batch.spanId]);
    expect(TRACEPARENT.exec(headers.traceparent)?.[2]).toBe(publish?.spanContext().spanId);
  });
});

describe('log lines inside a span', () => {
  it('Given an active span, When a line is logged, Then it carries the trace id', async () => {
    const lines: string[] = [];
    const write = jest
      .spyOn(process.stdout, 'write')
      .mockImplementation((chunk: string | Uint8Array) => {
        lines.push(String(chunk));
        return true;
      });
    try {
      const logger = createLogger('propagation-spec', 'Spec');
      logger.log('outside');
      const traceId = await runInSpan('logged', {}, (span) => {
        logger.log('inside');
        return span.spanContext().traceId;
      });
      const [outside, inside] = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
      expect(outside.traceId).toBeUndefined();
      expect(inside.traceId).toBe(traceId);
    } finally {
      write.mockRestore();
    }
  });
});
