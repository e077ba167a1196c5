import { Injectable } from '@nestjs/common';
import { OutboxWriter } from '@voltlane/platform-persistence';
import { DataSource } from 'typeorm';
import type { ReceivedRef } from '../../shared/domain/received-object';
import {
  rejectUnapplied,
  requireSameIds,
  requireUtcDateTimes,
} from '../../shared/http/ocpi-receiver.checks';
import { correlationIdNow } from '../../shared/use-cases/correlation';
import { receiveSessionPatch } from '../domain/received-session';
import { ReceivedSessionRepository } from '../persistence/received-session.repository';
import { sessionUpdated } from './session-events';

/**
 * `PATCH {sessions}/{cc}/{pid}/{session_id}`: merges the patch (charging periods appended) and
 * publishes the merged Session. Unknown session → HTTP 404 + 2000 (T&F › PATCH: the CPO then
 * PUTs it); older patches ignored.
 */
@Injectable()
export class PatchSessionUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly sessions: ReceivedSessionRepository,
    private readonly outbox: OutboxWriter,
  ) {}

  async execute({ ref, patch }: { ref: ReceivedRef; patch: { last_updated: string } }) {
    requireSameIds(
      patch,
      { country_code: ref.countryCode, party_id: ref.partyId, id: ref.id },
      false,
    );
    requireUtcDateTimes(patch, ['start_date_time', 'end_date_time', 'last_updated']);
    const plain = JSON.parse(JSON.stringify(patch)) as { last_updated: string };
    const correlationId = correlationIdNow();
    const outcome = await this.dataSource.transaction(async (manager) => {
      const stored = await this.sessions.lockAndFind(manager, ref);
      const result = receiveSessionPatch(stored?.object ?? null, plain);
      if (result.kind === 'applied') {
        await this.sessions.save(manager, ref, result.object, result.object.last_updated);
        await this.outbox.append(manager, [sessionUpdated(result.object, 'PATCH', correlationId)]);
      }
      return result;
    });
    rejectUnapplied(outcome);
  }
}
