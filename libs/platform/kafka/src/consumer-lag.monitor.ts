import type { Admin } from 'kafkajs';
import type { KafkaLogger } from './kafka.settings';

const RETRY_MS = 1_000;

/** Messages a consumer group has not committed yet on one topic (sum over its partitions). */
export interface ConsumerLag {
  groupId: string;
  topic: string;
  lag: number;
}

export interface PartitionOffsets {
  partition: number;
  /** Next offset to be written (high watermark). */
  high: string;
  /** Earliest offset still in the log. */
  low: string;
}

/**
 * Lag of one topic for a group: per partition, the high watermark minus the committed offset; a
 * partition the group never committed on counts from the earliest retained offset.
 */
export function topicLag(
  offsets: readonly PartitionOffsets[],
  committed: readonly { partition: number; offset: string }[],
): number {
  const byPartition = new Map(committed.map((c) => [c.partition, c.offset]));
  let lag = 0n;
  for (const p of offsets) {
    const high = BigInt(p.high);
    const raw = byPartition.get(p.partition);
    const from = raw === undefined || BigInt(raw) < 0n ? BigInt(p.low) : BigInt(raw);
    if (high > from) lag += high - from;
  }
  return Number(lag);
}

/**
 * Periodically fetches, with the admin client, the committed offsets of this process's consumer
 * groups and the topics' high watermarks; `snapshot()` returns the last values (read at scrape time
 * without touching the broker). A failed fetch keeps the previous values, logs once per streak and
 * is retried after a second.
 */
export class ConsumerLagMonitor {
  private readonly subscriptions = new Map<string, Set<string>>();
  private lags: ConsumerLag[] = [];
  private timer: NodeJS.Timeout | null = null;
  private refreshing: Promise<void> | null = null;
  private failing = false;

  constructor(
    private readonly admin: () => Promise<Admin>,
    private readonly logger: KafkaLogger,
    private readonly intervalMs = 15_000,
  ) {}

  watch(groupId: string, topics: readonly string[]): void {
    const set = this.subscriptions.get(groupId) ?? new Set<string>();
    for (const t of topics) set.add(t);
    this.subscriptions.set(groupId, set);
  }

  start(): void {
    if (this.timer || this.subscriptions.size === 0) return;
    this.timer = setInterval(() => void this.refresh(), this.intervalMs);
    this.timer.unref();
    void this.refresh();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  snapshot(): ConsumerLag[] {
    return this.lags.map((l) => ({ ...l }));
  }

  /** Fetches now (also what the timer does); concurrent calls share one fetch. */
  refresh(): Promise<void> {
    this.refreshing ??= this.fetch().finally(() => (this.refreshing = null));
    return this.refreshing;
  }

  private async fetch(): Promise<void> {
    try {
      const admin = await this.admin();
      const next: ConsumerLag[] = [];
      const watermarks = new Map<string, PartitionOffsets[]>();
      for (const [groupId, topicSet] of this.subscriptions) {
        const topics = [...topicSet];
        const committed = await admin.fetchOffsets({ groupId, topics });
        for (const t of committed) {
          let offsets = watermarks.get(t.topic);
          if (!offsets) {
            offsets = await admin.fetchTopicOffsets(t.topic);
            watermarks.set(t.topic, offsets);
          }
          next.push({ groupId, topic: t.topic, lag: topicLag(offsets, t.partitions) });
        }
      }
      this.lags = next;
      this.failing = false;
    } catch (err) {
      if (!this.failing) {
        this.logger.warn('consumer lag fetch failed; keeping the last values', {
          error: String(err),
        });
      }
      this.failing = true;
      // Typically the group coordinator is still being elected right after start: retry soon.
      if (this.timer) setTimeout(() => void this.refresh(), RETRY_MS).unref();
    }
  }
}
