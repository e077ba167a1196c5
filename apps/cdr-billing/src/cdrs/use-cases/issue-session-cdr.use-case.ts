import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  type ChargingSessionCompletedV1,
  type SessionRatedV1,
  Topics,
} from '@voltlane/contracts-events';
import type { TransactionScope } from '@voltlane/platform-persistence';
import { assembleCdr, cdrCreatedEvent } from '../domain/cdr-assembly';
import { CdrRepository } from '../persistence/cdr.repository';

export type IssueSessionCdrCommand =
  | { part: 'completed'; data: ChargingSessionCompletedV1; scope: TransactionScope }
  | { part: 'rated'; data: SessionRatedV1; scope: TransactionScope };

/**
 * Records one of the two inputs of a CDR (completed session, final rating; either order) and, once
 * both are there, creates the session's single CDR and publishes `billing.cdr.created.v1` in the
 * same transaction.
 */
@Injectable()
export class IssueSessionCdrUseCase {
  constructor(private readonly cdrs: CdrRepository) {}

  async execute(command: IssueSessionCdrCommand): Promise<void> {
    const { manager } = command.scope;
    const parts =
      command.part === 'completed'
        ? await this.cdrs.saveCompleted(manager, command.data)
        : await this.cdrs.saveRated(manager, command.data);
    if (!parts.completed || !parts.rated) return;
    const record = assembleCdr(parts.completed, parts.rated, {
      cdrId: randomUUID(),
      now: new Date().toISOString(),
    });
    if (await this.cdrs.insertOriginal(manager, record)) {
      command.scope.publish(Topics.CdrCreated, cdrCreatedEvent(record));
    }
  }
}
