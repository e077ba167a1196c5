import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import {
  createEnvelope,
  getEventDefinition,
  parseEvent,
  Topics,
  validateEventWithClassValidator,
} from '@voltlane/contracts-events';

/**
 * Micro-benchmark of the consume-side cost per MeterValues event (one core, no I/O): JSON parse +
 * envelope and data validation, the compiled path (`parseEvent`, what the consumer runner uses)
 * against the class-validator reference path. Same event shape as the session-ingest benchmark
 * (4 sampled values). Prints one JSON document. BENCH_ITERATIONS (default 50000).
 */
const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 50_000);
const topic = Topics.OcppMeterValuesReceived;
const definition = getEventDefinition(topic);

function rawEvent(i: number): Buffer {
  const timestamp = new Date(Date.parse('2025-03-14T09:00:00Z') + i * 30_000).toISOString();
  const base = { timestamp, context: 'Sample.Periodic' as const, location: 'Outlet' as const };
  const envelope = createEnvelope(
    topic,
    {
      stationId: `BENCH-${i % 1000}`,
      connectorId: 1,
      transactionId: String((i % 1000) + 1),
      sampledValues: [
        { ...base, measurand: 'Energy.Active.Import.Register', unit: 'Wh', value: 10_000 + i },
        { ...base, measurand: 'Power.Active.Import', unit: 'W', value: 11_000 },
        { ...base, measurand: 'Current.Import', unit: 'A', value: 16 },
        { ...base, measurand: 'SoC', unit: 'Percent', value: 42 },
      ],
    },
    { producer: 'ocpp-gateway', correlationId: randomUUID(), causationId: null },
  );
  return Buffer.from(JSON.stringify(envelope));
}

function measure(name: string, events: Buffer[], fn: (raw: Buffer) => boolean) {
  for (let i = 0; i < Math.min(5_000, events.length); i++) fn(events[i]); // warm-up
  const started = process.hrtime.bigint();
  for (const raw of events) if (!fn(raw)) throw new Error(`${name}: rejected a valid event`);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return {
    name,
    microsecondsPerEvent: Math.round((seconds / events.length) * 1e6 * 100) / 100,
    eventsPerSecond: Math.round(events.length / seconds),
  };
}

const events = Array.from({ length: ITERATIONS }, (_, i) => rawEvent(i));
const results = [
  measure('JSON.parse only', events, (raw) => JSON.parse(raw.toString('utf8')) !== null),
  measure('class-validator (reference)', events, (raw) => {
    const json: unknown = JSON.parse(raw.toString('utf8'));
    return validateEventWithClassValidator(definition, json).ok;
  }),
  measure('compiled (parseEvent)', events, (raw) => parseEvent(topic, raw).ok),
];
process.stdout.write(
  `${JSON.stringify({ benchmark: 'session-ingest-validation', iterations: ITERATIONS, results }, null, 2)}\n`,
);
