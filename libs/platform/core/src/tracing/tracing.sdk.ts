import { existsSync, readFileSync } from 'node:fs';
import { context } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { dirname, join } from 'node:path';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  BatchSpanProcessor,
  SimpleSpanProcessor,
  type SpanExporter,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { ATTR_SERVICE_NAME, ATTR_SERVICE_VERSION } from '@opentelemetry/semantic-conventions';
import { W3CTraceContextPropagator } from '@opentelemetry/core';

export interface TracingOptions {
  serviceName: string;
  /** Default: the `version` of the nearest package.json above this file. */
  serviceVersion?: string;
  /** Default: process.env (OTEL_* variables, read by the SDK as the OpenTelemetry spec says). */
  env?: NodeJS.ProcessEnv;
  /** Exporter to use instead of OTLP/HTTP (tests); tracing is then on whatever the env says. */
  exporter?: SpanExporter;
}

export interface TracingHandle {
  /** True when spans are recorded and exported. */
  readonly enabled: boolean;
  /** Why tracing is off, when it is. */
  readonly reason?: string;
  forceFlush(): Promise<void>;
  shutdown(): Promise<void>;
}

const DISABLED = (reason: string): TracingHandle => ({
  enabled: false,
  reason,
  forceFlush: () => Promise.resolve(),
  shutdown: () => Promise.resolve(),
});

/**
 * Tracing off: no provider, but a context manager, so a caller's trace context (a non-recording
 * span) still follows the request and is passed on to the services this one calls or feeds.
 */
function passThrough(reason: string): TracingHandle {
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  return DISABLED(reason);
}

let active: TracingHandle | null = null;

/**
 * Starts the process's tracer provider (once; later calls return the first handle):
 * - on only when `OTEL_EXPORTER_OTLP_ENDPOINT` or `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT` is set and
 *   `OTEL_SDK_DISABLED` is not `true`; spans go to it over OTLP/HTTP (JSON), batched;
 * - resource `service.name` (`OTEL_SERVICE_NAME` wins if set) and `service.version`;
 * - sampling from `OTEL_TRACES_SAMPLER` / `OTEL_TRACES_SAMPLER_ARG` (default parentbased_always_on);
 * - W3C trace context, async-hooks context propagation.
 * When off, the OpenTelemetry API stays a no-op, and incoming trace context is still passed on.
 */
export function initTracing(options: TracingOptions): TracingHandle {
  if (active) return active;
  const env = options.env ?? process.env;
  if (String(env.OTEL_SDK_DISABLED ?? '').toLowerCase() === 'true') {
    return (active = passThrough('OTEL_SDK_DISABLED=true'));
  }
  const endpoint = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT || env.OTEL_EXPORTER_OTLP_ENDPOINT;
  if (!options.exporter && !endpoint) {
    return (active = passThrough('no OTEL_EXPORTER_OTLP_ENDPOINT'));
  }
  const processor: SpanProcessor = options.exporter
    ? new SimpleSpanProcessor(options.exporter)
    : new BatchSpanProcessor(new OTLPTraceExporter(), {
        scheduledDelayMillis: Number(env.OTEL_BSP_SCHEDULE_DELAY) || 1_000,
      });
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({
      [ATTR_SERVICE_NAME]: env.OTEL_SERVICE_NAME || options.serviceName,
      [ATTR_SERVICE_VERSION]: options.serviceVersion ?? packageVersion(),
    }),
    spanProcessors: [processor],
  });
  provider.register({ propagator: new W3CTraceContextPropagator() });
  active = {
    enabled: true,
    forceFlush: () => provider.forceFlush(),
    shutdown: () => provider.shutdown(),
  };
  return active;
}

/** The handle `initTracing` returned in this process (a disabled one before it was called). */
export function tracingHandle(): TracingHandle {
  return active ?? DISABLED('not initialised');
}

function packageVersion(): string {
  let dir = __dirname;
  for (let i = 0; i < 8; i++) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) {
      try {
        const version = (JSON.parse(readFileSync(file, 'utf8')) as { version?: unknown }).version;
        if (typeof version === 'string') return version;
      } catch {
        // unreadable: keep looking upwards
      }
    }
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return '0.0.0';
}
