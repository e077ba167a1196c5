import { Injectable } from '@nestjs/common';
import { OcpiResult } from '@voltlane/ocpi-core';
import { OutboxWriter } from '@voltlane/platform-persistence';
import { DataSource } from 'typeorm';
import type { ReceivedRef } from '../../shared/domain/received-object';
import { requireSameIds, requireUtcDateTimes } from '../../shared/http/ocpi-receiver.checks';
import { correlationIdNow } from '../../shared/use-cases/correlation';
import { receiveSessionPut, type SessionJson } from '../domain/received-session';
import { ReceivedSessionRepository } from '../persistence/received-session.repository';
import { sessionUpdated } from './session-events';

/**
 * `PUT {sessions}/{cc}/{pid}/{session_id}`: stores the Session (replacing ours, charging periods
 * included) and publishes `emsp.session.updated.v1` in the same transaction. New → HTTP 201.
 */
@Injectable()
export class PutSessionUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly sessions: ReceivedSessionRepository,
    private readonly outbox: OutboxWriter,
  ) {}

  async execute({ ref, body }: { ref: ReceivedRef; body: object }): Promise<OcpiResult<undefined>> {
    requireSameIds(
      body,
      { country_code: ref.countryCode, party_id: ref.partyId, id: ref.id },
      true,
    );
    requireUtcDateTimes(body, ['start_date_time', 'end_date_time', 'last_updated']);
    const session = {
      ...(JSON.parse(JSON.stringify(body)) as SessionJson),
      country_code: ref.countryCode,
      party_id: ref.partyId,
    };
    const correlationId = correlationIdNow();
    const outcome = await this.dataSource.transaction(async (manager) => {
      const stored = await this.sessions.lockAndFind(manager, ref);
      const result = receiveSessionPut(stored?.object ?? null, session);
      if (result.kind === 'applied') {
        await this.sessions.save(manager, ref, result.object, result.object.last_updated);
        await this.outbox.append(manager, [sessionUpdated(result.object, 'PUT', correlationId)]);
      }
      return result;
    });
    const created = outcome.kind === 'applied' && outcome.created;
    return new OcpiResult(undefined, { httpStatus: created ? 201 : 200 });
  }
}
