import { randomUUID } from 'node:crypto';
import { Injectable, Module, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { Topics } from '@voltlane/contracts-events';
import { initTracing, runInSpan, SpanKind } from '@voltlane/platform-core';
import type { InboundEvent } from '@voltlane/platform-kafka';
import {
  type BatchTransactionScope,
  OutboxWriter,
  type TransactionScope,
} from '@voltlane/platform-persistence';
import { ConsumeEvent, ConsumeEventBatch } from './consume-event.decorator';
import { PlatformRuntimeModule } from './platform-runtime.module';

/**
 * Trace context through the transactional outbox on real PostgreSQL and Kafka: captured when a
 * business operation writes an outbox row, restored when the relay publishes it, continued by the
 * consumer's span (per-event handlers) or linked by the batch span, whose publishes stay in the
 * trace of the event that caused them.
 */
const exporter = new InMemorySpanExporter();
initTracing({ serviceName: 'trace-propagation-it', exporter, env: {} });

const TOPIC = Topics.PlatformProbeRecorded;
type Probe = { probeKey: string; sequence: number; amount: number };
const run = randomUUID().slice(0, 8);
const singleKey = `trace-single-${run}`;
const batchKey = `trace-batch-${run}`;
const seen: { handler: string; sequence: number }[] = [];

@Injectable()
class SingleEventConsumer {
  @ConsumeEvent(TOPIC)
  async handle(event: InboundEvent, scope: TransactionScope): Promise<void> {
    const data = event.envelope.data as Probe;
    if (data.probeKey !== singleKey) return;
    seen.push({ handler: 'single', sequence: data.sequence });
    if (data.sequence === 0) scope.publish(TOPIC, { ...data, sequence: 1 });
  }
}

@Injectable()
class BatchConsumer {
  @ConsumeEventBatch(TOPIC)
  async handle(events: InboundEvent[], scope: BatchTransactionScope): Promise<void> {
    for (const event of events) {
      const data = event.envelope.data as Probe;
      if (data.probeKey !== batchKey) continue;
      seen.push({ handler: 'batch', sequence: data.sequence });
      if (data.sequence === 0) {
        scope.publish(
          TOPIC,
          { ...data, sequence: 1 },
          {
            correlationId: event.envelope.correlationId,
            causationId: event.envelope.eventId,
          },
        );
      }
    }
  }
}

async function startService(
  name: string,
  schema: string,
  consumer: new (...args: never[]) => unknown,
): Promise<INestApplicationContext> {
  @Module({
    imports: [
      PlatformRuntimeModule.forRootAsync({
        useFactory: () => ({
          serviceName: name,
          consumerGroup: `${name}-${run}`,
          schema,
          databaseUrl: process.env.DATABASE_URL ?? '',
          kafkaBrokers: (process.env.KAFKA_BROKERS ?? '').split(','),
          topicPartitions: 3,
          producesTopics: [TOPIC],
          requireMigrated: false,
          logger: {
            log: () => undefined,
            warn: () => undefined,
            error: () => undefined,
            debug: () => undefined,
          },
        }),
      }),
    ],
    providers: [consumer],
  })
  class TestServiceModule {}
  const app = await NestFactory.createApplicationContext(TestServiceModule, { logger: false });
  await app.init();
  return app;
}

/** Writes one probe event through the outbox inside a business-operation span; returns the span. */
async function writeInSpan(app: INestApplicationContext, probeKey: string) {
  return runInSpan('business operation', { kind: SpanKind.SERVER }, async (span) => {
    await app.get(DataSource).transaction((manager) =>
      app.get(OutboxWriter).append(manager, [
        {
          topic: TOPIC,
          data: { probeKey, sequence: 0, amount: 1 },
          correlationId: probeKey,
          causationId: null,
        },
      ]),
    );
    return span.spanContext();
  });
}

async function spansUntil(predicate: (spans: ReadableSpan[]) => boolean, what: string) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const spans = exporter.getFinishedSpans();
    if (predicate(spans)) return spans;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}; seen: ${JSON.stringify(seen)}`);
}

const dataOf = (s: ReadableSpan) => s.attributes['messaging.message.id'];

describe('trace context through outbox, relay and consumers (real Kafka + PostgreSQL)', () => {
  const schemas = [`trace_single_${run.replace(/-/g, '')}`, `trace_batch_${run.replace(/-/g, '')}`];
  let pool: Pool;
  const apps: INestApplicationContext[] = [];

  beforeAll(async () => {
    pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 2 });
    const { platformTablesUpSql } = await import('@voltlane/platform-persistence');
    for (const schema of schemas) {
      await pool.query(`CREATE SCHEMA "${schema}"`);
      for (const sql of platformTablesUpSql(schema)) await pool.query(sql);
    }
    apps.push(await startService('trace-single', schemas[0], SingleEventConsumer));
    apps.push(await startService('trace-batch', schemas[1], BatchConsumer));
  });

  afterAll(async () => {
    for (const app of apps) await app.close();
    for (const schema of schemas) await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await pool.end();
  });

  it('Given an outbox row written in a span, When a per-event consumer handles it and publishes, Then each consumer span is a child of the operation that wrote its event', async () => {
    const op = await writeInSpan(apps[0], singleKey);
    const consumerSpans = (spans: ReadableSpan[]) =>
      spans.filter(
        (s) =>
          s.kind === SpanKind.CONSUMER &&
          s.spanContext().traceId === op.traceId &&
          s.attributes['messaging.consumer.group.name'] === `trace-single-${run}`,
      );
    const spans = await spansUntil((s) => consumerSpans(s).length >= 2, 'two consumer spans');
    const [first, second] = consumerSpans(spans).sort(
      (a, b) => a.startTime[0] - b.startTime[0] || a.startTime[1] - b.startTime[1],
    );
    expect(first.name).toBe(`process ${TOPIC}`);
    // The consumer's parent is the business operation, not the relay (which has no span at all).
    expect(first.parentSpanContext?.spanId).toBe(op.spanId);
    // The event it published went through the outbox too and continues from the consumer's span.
    expect(second.parentSpanContext?.spanId).toBe(first.spanContext().spanId);
    expect(dataOf(first)).not.toBe(dataOf(second));
    expect(seen.filter((s) => s.handler === 'single').map((s) => s.sequence)).toEqual([0, 1]);
  });

  it('Given a batch consumer, When it handles the event and publishes on its behalf, Then the batch span links the event and the publish stays in its trace', async () => {
    const op = await writeInSpan(apps[1], batchKey);
    const spans = await spansUntil(
      (all) =>
        all.some((s) => s.kind === SpanKind.PRODUCER && s.spanContext().traceId === op.traceId) &&
        seen.filter((s) => s.handler === 'batch').length >= 2,
      'the batch publish span and the second batch',
    );
    const publish = spans.find(
      (s) => s.kind === SpanKind.PRODUCER && s.spanContext().traceId === op.traceId,
    );
    expect(publish?.name).toBe(`publish ${TOPIC}`);
    expect(publish?.parentSpanContext?.spanId).toBe(op.spanId);
    const batchSpans = spans.filter(
      (s) =>
        s.kind === SpanKind.CONSUMER &&
        s.attributes['messaging.consumer.group.name'] === `trace-batch-${run}`,
    );
    const linking = (spanId: string | undefined) =>
      batchSpans.filter((s) => s.links.some((l) => l.context.spanId === spanId));
    // The batch that received the operation's event links it…
    expect(linking(op.spanId)).toHaveLength(1);
    expect(linking(op.spanId)[0].spanContext().traceId).not.toBe(op.traceId);
    // …and the publish span of the event it caused is linked by the batch that received that one.
    await spansUntil(
      (all) =>
        all.some(
          (s) =>
            s.kind === SpanKind.CONSUMER &&
            s.links.some((l) => l.context.spanId === publish?.spanContext().spanId),
        ),
      'the batch receiving the published event',
    );
  });
});
