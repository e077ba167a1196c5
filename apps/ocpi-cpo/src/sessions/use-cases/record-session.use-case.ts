import { Inject, Injectable } from '@nestjs/common';
import { OCPI_PARTY_OPTIONS, type OcpiPartyOptions } from '@voltlane/ocpi-core';
import { ValidationFailedError } from '@voltlane/platform-core';
import { OcpiSession, validateOcpi } from '@voltlane/protocols-ocpi';
import type { EntityManager } from 'typeorm';
import {
  composeSession,
  isFinal,
  isStale,
  nextLastUpdated,
  sameContent,
  type SessionJson,
} from '../domain/session-sync';
import { SessionRepository } from '../persistence/session.repository';
import { SessionPusher } from './session-pusher';

export interface RecordSessionCommand {
  /** Revision of the session event (orders the events of one session). */
  revision: number;
  /** The OCPI Session object the event carries. */
  session: Record<string, unknown>;
  correlationId?: string;
}

/**
 * A session event of session-engine (pending / started / updated / completed / invalidated):
 * validates the OCPI Session, drops it when older than what we hold, stores it with the live cost
 * and pushes the change to the token's eMSP.
 */
@Injectable()
export class RecordSessionUseCase {
  constructor(
    private readonly sessions: SessionRepository,
    private readonly pusher: SessionPusher,
    @Inject(OCPI_PARTY_OPTIONS) private readonly party: OcpiPartyOptions,
  ) {}

  async execute(command: RecordSessionCommand, manager: EntityManager): Promise<void> {
    const source = this.validated(command.session);
    const held = await this.sessions.lock(manager, source.id);
    if (isStale(held, { revision: command.revision, lastUpdated: source.last_updated })) return;
    if (held.session && isFinal(held.session)) return;
    const composed = composeSession(source, held.cost);
    if (held.session) {
      composed.last_updated = sameContent(held.session, composed)
        ? held.session.last_updated
        : nextLastUpdated(held.session.last_updated, source.last_updated);
    }
    const partnerViews = await this.pusher.sessionChanged(
      manager,
      composed,
      held.partnerViews,
      command.correlationId,
    );
    await this.sessions.save(manager, {
      ...held,
      revision: command.revision,
      sourceLastUpdated: source.last_updated,
      source,
      session: composed,
      partnerViews,
    });
  }

  private validated(session: Record<string, unknown>): SessionJson {
    const result = validateOcpi(OcpiSession, session);
    if (!result.ok) {
      throw new ValidationFailedError('invalid OCPI Session in a session event', result.violations);
    }
    const s = session as unknown as SessionJson;
    if (
      s.country_code.toUpperCase() !== this.party.countryCode.toUpperCase() ||
      s.party_id.toUpperCase() !== this.party.partyId.toUpperCase()
    ) {
      throw new ValidationFailedError('a session event of another CPO party', [
        `country_code/party_id ${s.country_code}/${s.party_id} is not ours`,
      ]);
    }
    return s;
  }
}
