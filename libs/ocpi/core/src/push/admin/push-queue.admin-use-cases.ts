import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  type PartnerPushSummary,
  type PushItemView,
  PushQueueRepository,
} from '../persistence/push-queue.repository';
import { PushItemNotFoundError, PushRetryRefusedError } from '../push.errors';
import type { PushStatus } from '../push.types';

/** `GET /admin/v1/push-queue`: per partner pending, failing, oldest pending age, last error. */
@Injectable()
export class GetPushQueueSummaryUseCase {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(PushQueueRepository) private readonly repository: PushQueueRepository,
  ) {}

  async execute(): Promise<{ partners: PartnerPushSummary[] }> {
    return { partners: await this.repository.summary(this.dataSource) };
  }
}

export interface ListPushItemsCommand {
  partnerId?: string;
  status?: PushStatus;
  offset: number;
  limit: number;
}

/** `GET /admin/v1/push-queue/items`: newest first, filtered by partner and status, paged. */
@Injectable()
export class ListPushItemsUseCase {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(PushQueueRepository) private readonly repository: PushQueueRepository,
  ) {}

  async execute(
    command: ListPushItemsCommand,
  ): Promise<{ items: PushItemView[]; total: number; offset: number; limit: number }> {
    const page = await this.repository.list(this.dataSource, command);
    return { ...page, offset: command.offset, limit: command.limit };
  }
}

const REFUSALS = {
  not_failed: 'only a failed push can be retried',
  newer_delivered:
    'a newer push of the same object was delivered since; sending this one would overwrite newer data at the partner (push the current object instead)',
  newer_in_flight: 'a newer push of the same object is being delivered right now; try again',
} as const;

/** `POST /admin/v1/push-queue/{id}/retry`: a failed push goes back into its object's order. */
@Injectable()
export class RetryPushItemUseCase {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(PushQueueRepository) private readonly repository: PushQueueRepository,
  ) {}

  async execute(command: { id: string }): Promise<{ id: string; status: 'pending' }> {
    if (!/^[1-9]\d{0,17}$/.test(command.id)) {
      throw new PushItemNotFoundError(`push ${command.id} not found`);
    }
    const result = await this.repository.retry(this.dataSource, command.id);
    if (result.ok) return { id: command.id, status: 'pending' };
    if (result.reason === 'not_found') {
      throw new PushItemNotFoundError(`push ${command.id} not found`);
    }
    throw new PushRetryRefusedError(`push ${command.id}: ${REFUSALS[result.reason]}`, {
      details: { reason: result.reason },
    });
  }
}
