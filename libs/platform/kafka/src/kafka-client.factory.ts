import { Kafka, logLevel, type LogEntry } from 'kafkajs';
import type { KafkaLogger, KafkaSettings } from './kafka.settings';

/**
 * The one place that constructs a kafkajs client. kafkajs' own log lines are routed into our JSON
 * logger (warn and above only: its info level is chatty and adds nothing operators act on).
 */
export function createKafkaClient(settings: KafkaSettings, logger: KafkaLogger): Kafka {
  return new Kafka({
    clientId: settings.clientId,
    brokers: settings.brokers,
    connectionTimeout: settings.connectionTimeoutMs ?? 3_000,
    requestTimeout: settings.requestTimeoutMs ?? 30_000,
    retry: { initialRetryTime: 100, retries: 8, maxRetryTime: 5_000 },
    logLevel: logLevel.WARN,
    logCreator:
      () =>
      ({ level, namespace, log }: LogEntry) => {
        const { message, timestamp: _ts, logger: _l, ...rest } = log;
        // Retries are bounded on purpose (a send must fail eventually so callers back off); the
        // duplicates a resend may cause are absorbed by idempotent consumers (ADR 0004).
        if (message.startsWith('Limiting retries for the idempotent producer')) return;
        const fields = { kafkaNamespace: namespace, ...rest };
        // A broker's error answer to one request ("Response Metadata…", "coordinator is loading")
        // is retried by kafkajs itself; what finally fails reaches our code as a thrown error.
        const retriedRequest = namespace === 'Connection' && message.startsWith('Response ');
        if (level <= logLevel.ERROR && !retriedRequest) logger.error(`kafkajs: ${message}`, fields);
        else logger.warn(`kafkajs: ${message}`, fields);
      },
  });
}
