import { Injectable } from '@nestjs/common';
import { OcpiException } from '@voltlane/ocpi-core';
import type { ReceivedRef } from '../../shared/domain/received-object';
import type { SessionJson } from '../domain/received-session';
import { ReceivedSessionRepository } from '../persistence/received-session.repository';

/** `GET {sessions}/{cc}/{pid}/{session_id}`: the Session we hold for the caller; else HTTP 404. */
@Injectable()
export class GetReceivedSessionUseCase {
  constructor(private readonly sessions: ReceivedSessionRepository) {}

  async execute({ ref }: { ref: ReceivedRef }): Promise<SessionJson> {
    const stored = await this.sessions.find(ref);
    if (!stored?.object) throw OcpiException.notFound('Unknown Session');
    return stored.object;
  }
}
