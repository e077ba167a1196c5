import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Optional } from '@nestjs/common';
import { createLogger } from '@voltlane/platform-core';
import {
  type ChargingSessionCompletedV1,
  type SessionRatedV1,
  Topics,
} from '@voltlane/contracts-events';
import type { TransactionScope } from '@voltlane/platform-persistence';
import { assembleCdr, cdrCreatedEvent } from '../domain/cdr-assembly';
import { CdrMetrics } from '../cdr.metrics';
import { CdrRepository, type SessionParts } from '../persistence/cdr.repository';
import { type TariffRef, TariffVersionRepository } from '../persistence/tariff-version.repository';

export type IssueSessionCdrCommand =
  | { part: 'completed'; data: ChargingSessionCompletedV1; scope: TransactionScope }
  | { part: 'rated'; data: SessionRatedV1; scope: TransactionScope };

/**
 * Records one of the two inputs of a CDR (completed session, final rating; either order) and, once
 * both are there and every tariff the rating used is known (`tariff.tariff.upserted`, another
 * topic), creates the session's single CDR and publishes `billing.cdr.created.v1` in the same
 * transaction. A CDR waiting for a tariff is issued when the tariff arrives (RecordTariffUseCase).
 */
@Injectable()
export class IssueSessionCdrUseCase {
  private readonly logger = createLogger('cdr-billing', 'IssueSessionCdr');

  constructor(
    private readonly cdrs: CdrRepository,
    private readonly tariffs: TariffVersionRepository,
    @Optional() @Inject(CdrMetrics) private readonly metrics?: CdrMetrics | null,
  ) {}

  async execute(command: IssueSessionCdrCommand): Promise<void> {
    const { manager } = command.scope;
    const parts =
      command.part === 'completed'
        ? await this.cdrs.saveCompleted(manager, command.data)
        : await this.cdrs.saveRated(manager, command.data);
    await this.issueIfReady(command.scope, parts);
  }

  /** Creates and publishes the CDR when both parts and all tariffs are there; true if created. */
  async issueIfReady(scope: TransactionScope, parts: SessionParts): Promise<boolean> {
    if (!parts.completed || !parts.rated) return false;
    const { manager } = scope;
    const rated = parts.rated;
    const refs: TariffRef[] = rated.tariffIds.map((tariffId) => ({
      countryCode: rated.countryCode,
      partyId: rated.partyId,
      tariffId,
    }));
    await this.tariffs.lock(manager, refs);
    const ratedAt = Date.parse(rated.ratedAt);
    const tariffs: Record<string, unknown>[] = [];
    for (const ref of refs) {
      const tariff = await this.tariffs.versionAt(manager, ref, ratedAt);
      if (!tariff) {
        this.logger.warn('CDR waits for a tariff not received yet', {
          sessionId: rated.sessionId,
          tariffId: ref.tariffId,
        });
        return false;
      }
      tariffs.push(tariff);
    }
    const record = assembleCdr(
      parts.completed,
      rated,
      { cdrId: randomUUID(), now: new Date().toISOString() },
      tariffs,
    );
    if (!(await this.cdrs.insertOriginal(manager, record))) return false;
    scope.publish(Topics.CdrCreated, cdrCreatedEvent(record));
    this.metrics?.created(record.kind);
    return true;
  }
}
