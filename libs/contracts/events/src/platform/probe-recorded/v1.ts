import { IsInt, Min } from 'class-validator';
import { IsBoundedString, IsOptionalField, IsUtcDateTime } from '../../common';
import { defineEvent } from '../../event-definition';
import { Topics } from '../../topics';

/**
 * The platform's own diagnostic event: the event-backbone integration test and benchmark publish
 * probes through the real outbox → Kafka → idempotent-consumer path and check order, duplicates
 * and sums. No business service produces or consumes it.
 */
export class ProbeRecordedV1 {
  /** Ordering scope of the probe (the message key). */
  @IsBoundedString(200)
  probeKey: string;

  /** Position of this probe within its key, from 0; lets a consumer check per-key order. */
  @IsInt()
  @Min(0)
  sequence: number;

  /** A value the consumer adds up, to check exactly-once effects (may be negative). */
  @IsInt()
  amount: number;

  @IsOptionalField()
  @IsUtcDateTime()
  sentAt?: string;
}

export const ProbeRecordedV1Definition = defineEvent({
  topic: Topics.PlatformProbeRecorded,
  schemaVersion: 1,
  dataClass: ProbeRecordedV1,
  keyField: 'probeKey',
  producers: ['platform-probe'],
  consumers: ['platform-probe'],
  description:
    "The platform's own probe/diagnostic event, used by the event-backbone integration test and " +
    'benchmark to check per-key order, idempotency and throughput. Not a business event.',
  example: {
    probeKey: 'probe-key-0007',
    sequence: 42,
    amount: 5,
    sentAt: '2025-03-14T09:00:00.000Z',
  },
});
