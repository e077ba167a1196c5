import type { EntityManager } from 'typeorm';
import { PushQueueRepository } from './persistence/push-queue.repository';
import type { PushItem } from './push.types';

const METHODS = new Set(['PUT', 'PATCH', 'POST', 'DELETE']);

/**
 * Enqueues OCPI pushes inside the caller's transaction (a Kafka consumer's `scope.manager`, an
 * admin use case's transaction): the inbox entry, the state change and the pushes it causes commit
 * together or not at all, so no push is lost and none is enqueued twice for one event.
 */
export class OcpiPushQueue {
  private readonly repository: PushQueueRepository;

  constructor(readonly schema: string) {
    this.repository = new PushQueueRepository(schema);
  }

  /** Returns the queue ids in item order. Items of one object are delivered in this order. */
  async enqueue(manager: EntityManager, items: PushItem[]): Promise<string[]> {
    if (items.length === 0) return [];
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error('OcpiPushQueue.enqueue must run inside a database transaction');
    }
    for (const item of items) {
      const problems: string[] = [];
      if (!item.partnerId) problems.push('partnerId is empty');
      if (!item.module) problems.push('module is empty');
      if (!item.objectKey) problems.push('objectKey is empty');
      if (!METHODS.has(item.method)) problems.push(`method ${String(item.method)} is not allowed`);
      if (item.replacesPending && item.method !== 'PUT') {
        problems.push('replacesPending is only for a full PUT');
      }
      if (item.url !== undefined && !/^https?:\/\/\S+$/i.test(item.url)) {
        problems.push('url must be an absolute http(s) URL');
      }
      if (item.url !== undefined && item.path !== undefined) {
        problems.push('url and path are exclusive');
      }
      if (item.lastUpdated !== undefined && Number.isNaN(Date.parse(item.lastUpdated))) {
        problems.push('lastUpdated is not a date-time');
      }
      if (problems.length > 0) {
        throw new Error(
          `Invalid push item for ${item.partnerId}/${item.objectKey}: ${problems.join('; ')}`,
        );
      }
    }
    return this.repository.insert(manager, items);
  }
}
