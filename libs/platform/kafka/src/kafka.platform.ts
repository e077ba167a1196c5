import type { Admin, Kafka } from 'kafkajs';
import { dlqTopic } from '@voltlane/contracts-events';
import { ConsumerLagMonitor, type ConsumerLag } from './consumer-lag.monitor';
import { ConsumerRunner, type ConsumerRunnerOptions } from './consumer.runner';
import { createKafkaClient } from './kafka-client.factory';
import { EventProducer } from './event.producer';
import type { KafkaLogger, KafkaSettings } from './kafka.settings';
import { provisionTopics, type TopicSpec } from './topic.provisioner';
import { type RawRecord, readTopic, type ReadTopicOptions } from './topic.reader';

/**
 * A service's whole Kafka side: one client, the admin used for provisioning and health checks, one
 * producer and any number of consumer runners. Also a health indicator (`name`/`check`).
 */
export class KafkaPlatform {
  readonly name = 'kafka';
  readonly producer: EventProducer;
  private readonly kafka: Kafka;
  private readonly admin: Admin;
  private readonly consumers: ConsumerRunner[] = [];
  private adminConnected = false;
  private lastHealthy = 0;
  private readonly lagMonitor: ConsumerLagMonitor;

  constructor(
    private readonly settings: KafkaSettings,
    private readonly logger: KafkaLogger,
  ) {
    this.kafka = createKafkaClient(settings, logger);
    this.admin = this.kafka.admin();
    this.producer = new EventProducer(this.kafka, logger);
    this.lagMonitor = new ConsumerLagMonitor(
      async () => {
        await this.connectAdmin();
        return this.admin;
      },
      logger,
      settings.lagIntervalMs,
    );
  }

  /** Provisions the given topics (and their DLQs) and connects the producer. */
  async start(topics: string[] = [], extra: TopicSpec[] = []): Promise<void> {
    await this.connectAdmin();
    const specs: TopicSpec[] = [
      ...topics
        .flatMap((topic) => [topic, dlqTopic(topic)])
        .map((topic) => ({
          topic,
          numPartitions: this.settings.defaultPartitions,
          replicationFactor: this.settings.replicationFactor ?? 1,
        })),
      ...extra,
    ];
    if (specs.length > 0) await provisionTopics(this.admin, specs, this.logger);
    await this.producer.connect();
  }

  createConsumer(options: ConsumerRunnerOptions): ConsumerRunner {
    const runner = new ConsumerRunner(this.kafka, this.producer, options, this.logger);
    this.consumers.push(runner);
    this.lagMonitor.watch(options.groupId, options.topics);
    this.lagMonitor.start();
    return runner;
  }

  /**
   * Lag of this process's consumer groups per topic, as last fetched (every `lagIntervalMs`,
   * default 15 s, once a consumer exists). `refresh` fetches first.
   */
  async consumerLag(options: { refresh?: boolean } = {}): Promise<ConsumerLag[]> {
    if (options.refresh) await this.lagMonitor.refresh();
    return this.lagMonitor.snapshot();
  }

  /** The last fetched lag, without waiting (scrape time). */
  consumerLagSnapshot(): ConsumerLag[] {
    return this.lagMonitor.snapshot();
  }

  /** Topic names on the cluster (operations, tests). */
  async listTopics(): Promise<string[]> {
    await this.connectAdmin();
    return this.admin.listTopics();
  }

  /** Raw records of a topic (e.g. a DLQ), read outside any consumer group. */
  readRaw(topic: string, options: ReadTopicOptions): Promise<RawRecord[]> {
    return readTopic(this.kafka, topic, options);
  }

  /** Health: the broker answers a metadata request and no consumer has crashed for good. */
  async check(): Promise<void> {
    for (const c of this.consumers) {
      if (c.health.crashed) throw new Error(`consumer crashed: ${c.health.crashed.message}`);
    }
    if (Date.now() - this.lastHealthy < 1_000) return;
    await this.connectAdmin();
    await this.admin.describeCluster();
    this.lastHealthy = Date.now();
  }

  /** First half of shutdown: stop intake. In-flight chunks finish and commit their offsets. */
  async stopConsumers(): Promise<void> {
    await Promise.all(this.consumers.map((c) => c.stop()));
  }

  /** Second half: after everything that publishes has stopped. */
  async disconnect(): Promise<void> {
    this.lagMonitor.stop();
    await this.stopConsumers();
    await this.producer.disconnect();
    if (this.adminConnected) await this.admin.disconnect();
    this.adminConnected = false;
  }

  private async connectAdmin(): Promise<void> {
    if (this.adminConnected) return;
    await this.admin.connect();
    this.adminConnected = true;
  }
}
