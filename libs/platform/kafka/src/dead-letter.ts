import { DeadLetterHeaders, dlqTopic } from '@voltlane/contracts-events';

/** Header names are part of the event contracts (AsyncAPI documents the DLQ channels). */
export { DeadLetterHeaders };

export interface DeadLetterInput {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  value: Buffer | null;
  headers: Record<string, string>;
  consumerGroup: string;
  attempts: number;
  error: unknown;
  now?: Date;
}

export function describeError(err: unknown): { message: string; code: string } {
  if (err instanceof Error) {
    const code = (err as { code?: unknown }).code;
    return {
      message: `${err.name}: ${err.message}`.slice(0, 2_000),
      code: typeof code === 'string' ? code : err.name,
    };
  }
  return { message: String(err).slice(0, 2_000), code: 'UNKNOWN' };
}

/** Builds the record that goes to `<topic>.dlq`: the original bytes, key and headers plus the error. */
export function buildDeadLetter(input: DeadLetterInput) {
  const { message, code } = describeError(input.error);
  return {
    topic: dlqTopic(input.topic),
    key: input.key ?? '',
    value: input.value ?? Buffer.alloc(0),
    headers: {
      ...input.headers,
      [DeadLetterHeaders.error]: message,
      [DeadLetterHeaders.errorCode]: code,
      [DeadLetterHeaders.originalTopic]: input.topic,
      [DeadLetterHeaders.originalPartition]: String(input.partition),
      [DeadLetterHeaders.originalOffset]: input.offset,
      [DeadLetterHeaders.consumerGroup]: input.consumerGroup,
      [DeadLetterHeaders.attempts]: String(input.attempts),
      [DeadLetterHeaders.failedAt]: (input.now ?? new Date()).toISOString(),
    },
  };
}

/**
 * Kafka header values arrive as Buffer | string | array; we only ever write single strings. For a
 * repeated header the last value wins, as in the envelope contract (`envelopeFromHeaders`).
 */
export function decodeHeaders(
  headers: Record<string, Buffer | string | (Buffer | string)[] | undefined> | undefined,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers ?? {})) {
    if (v === undefined) continue;
    const last = Array.isArray(v) ? v[v.length - 1] : v;
    if (last !== undefined) out[k] = last.toString();
  }
  return out;
}
