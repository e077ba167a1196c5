import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  Topics,
  type StationConnectedV1,
  type StationDisconnectedV1,
  type TopicName,
} from '@voltlane/contracts-events';
import { createLogger } from '@voltlane/platform-core';
import { OcppGatewayEnv } from '../config/ocpp-gateway.env';
import { SERVICE } from '../ocpp-gateway.service';
import { StationRepository } from '../persistence/station.repository';
import { OcppEventPublisher } from '../publishing/ocpp-event.publisher';

interface OutboxEvent {
  topic: TopicName;
  data: unknown;
  correlationId: string;
}

type EntryBody = { events: OutboxEvent[] } & (
  | { kind: 'connected'; event: StationConnectedV1 }
  | { kind: 'disconnected'; event: StationDisconnectedV1 }
  | { kind: 'change'; apply: (manager: EntityManager) => Promise<void> }
);

type Entry = EntryBody & { done: () => void; fail: (err: unknown) => void };

/** Where other replicas reach this one (operator command forwarding). */
export function gatewayUrlOf(env: OcppGatewayEnv): string {
  const scheme = env.OCPP_TLS_CERT_FILE ? 'https' : 'http';
  return env.GATEWAY_INTERNAL_URL ?? `${scheme}://127.0.0.1:${env.PORT}`;
}

/** Largest number of changes written in one transaction. */
const MAX_BATCH = 500;

/**
 * Writes station state changes with their outbox events in batches — connections (set-based),
 * boots and connector statuses. During a reconnect storm thousands of sockets open, close and boot
 * within seconds; one transaction per change would queue them behind the database pool. Changes
 * queued while a batch is written form the next batch, so under low load each change is written
 * at once. Callers are resolved after their batch committed (outbox durability, ADR 0010).
 * A failed batch is retried entry by entry: a connection change is retried until it is recorded,
 * any other change fails its caller (the station gets InternalError).
 */
@Injectable()
export class ConnectionStateWriter {
  private readonly logger = createLogger(SERVICE.serviceName, 'StationStateWriter');
  private queue: Entry[] = [];
  private running = false;
  private stopping = false;
  private idle: (() => void)[] = [];

  private readonly gatewayUrl: string;

  constructor(
    private readonly stations: StationRepository,
    private readonly publisher: OcppEventPublisher,
    env: OcppGatewayEnv,
  ) {
    this.gatewayUrl = gatewayUrlOf(env);
  }

  connected(event: StationConnectedV1): Promise<void> {
    return this.push({
      kind: 'connected',
      event,
      events: [
        { topic: Topics.OcppStationConnected, data: event, correlationId: event.connectionId },
      ],
    });
  }

  disconnected(event: StationDisconnectedV1): Promise<void> {
    return this.push({
      kind: 'disconnected',
      event,
      events: [
        { topic: Topics.OcppStationDisconnected, data: event, correlationId: event.connectionId },
      ],
    });
  }

  /**
   * Shutdown: waits (bounded) until queued changes are written — the disconnects of the sockets the
   * gateway just closed — and stops retrying failed connection changes.
   */
  async drain(timeoutMs: number): Promise<void> {
    this.stopping = true;
    if (!this.running && this.queue.length === 0) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      this.idle.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  /** Any station change plus its events, written in the next batch. */
  change(apply: (manager: EntityManager) => Promise<void>, events: OutboxEvent[]): Promise<void> {
    return this.push({ kind: 'change', apply, events });
  }

  private push(entry: EntryBody): Promise<void> {
    return new Promise((done, fail) => {
      this.queue.push({ ...entry, done, fail });
      if (!this.running) void this.run();
    });
  }

  private async run(): Promise<void> {
    this.running = true;
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, MAX_BATCH);
        try {
          await this.write(batch);
          for (const e of batch) e.done();
        } catch (err) {
          this.logger.warn('batch failed; writing its changes one by one', {
            changes: batch.length,
            error: (err as Error).message,
          });
          await this.writeOneByOne(batch);
        }
      }
    } finally {
      this.running = false;
      for (const resolve of this.idle.splice(0)) resolve();
    }
  }

  private async writeOneByOne(batch: Entry[]): Promise<void> {
    const retry: Entry[] = [];
    for (const e of batch) {
      try {
        await this.write([e]);
        e.done();
      } catch (err) {
        if (e.kind === 'change') e.fail(err);
        else retry.push(e);
      }
    }
    if (retry.length > 0 && this.stopping) {
      this.logger.error('connection changes not recorded at shutdown', { changes: retry.length });
      for (const e of retry) e.done();
    } else if (retry.length > 0) {
      this.logger.error('connection changes not recorded; retrying', { changes: retry.length });
      await new Promise((r) => setTimeout(r, 1_000));
      this.queue.unshift(...retry);
    }
  }

  private async write(batch: Entry[]): Promise<void> {
    await this.publisher.transaction(async (manager) => {
      const connects = new Map<string, StationConnectedV1>();
      const disconnects: StationDisconnectedV1[] = [];
      for (const e of batch) {
        if (e.kind === 'connected') connects.set(e.event.stationId, e.event);
        else if (e.kind === 'disconnected') disconnects.push(e.event);
      }
      await this.stations.markConnectedMany(manager, [...connects.values()], this.gatewayUrl);
      await this.stations.markDisconnectedMany(manager, disconnects);
      for (const e of batch) if (e.kind === 'change') await e.apply(manager);
      await this.publisher.appendToOutbox(
        manager,
        batch.flatMap((e) => e.events),
      );
    });
  }
}
