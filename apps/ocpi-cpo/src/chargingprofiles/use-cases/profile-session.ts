import { Injectable } from '@nestjs/common';
import type { OcpiCaller } from '@voltlane/ocpi-core';
import { ChargingProfileResponseDto } from '@voltlane/protocols-ocpi';
import type { EntityManager } from 'typeorm';
import {
  type CommandSession,
  CommandSessionRepository,
} from '../../commands/persistence/command-session.repository';
import { CommandDispatcher } from '../../commands/use-cases/command-dispatcher';
import { CommandPlaces } from '../../commands/use-cases/command-places';
import { checkedOutbound } from '../../commands/use-cases/ocpi-answers';

export type ProfileResponse = 'ACCEPTED' | 'REJECTED' | 'UNKNOWN_SESSION' | 'NOT_SUPPORTED';

/**
 * The session a charging-profile request addresses, checked: unknown or another eMSP's session →
 * UNKNOWN_SESSION; ended, without an OCPP 1.6 transaction id, or its station offline → REJECTED.
 */
@Injectable()
export class ProfileSessions {
  constructor(
    private readonly sessions: CommandSessionRepository,
    private readonly places: CommandPlaces,
    readonly dispatcher: CommandDispatcher,
  ) {}

  async resolve(
    manager: EntityManager,
    caller: OcpiCaller,
    sessionId: string,
  ): Promise<
    | { ok: true; session: CommandSession; transactionId: number }
    | { ok: false; answer: ChargingProfileResponseDto }
  > {
    const session = await this.sessions.find(manager, sessionId);
    if (
      !session?.emspCountryCode ||
      !session.emspPartyId ||
      !caller.owns(session.emspCountryCode, session.emspPartyId, 'EMSP')
    ) {
      return { ok: false, answer: this.answer('UNKNOWN_SESSION') };
    }
    const transactionId = Number(session.transactionId);
    if (!session.active || !Number.isInteger(transactionId)) {
      return { ok: false, answer: this.answer('REJECTED') };
    }
    if (await this.places.isOffline(manager, session.stationId)) {
      return { ok: false, answer: this.answer('REJECTED') };
    }
    return { ok: true, session, transactionId };
  }

  answer(result: ProfileResponse): ChargingProfileResponseDto {
    return checkedOutbound(ChargingProfileResponseDto, {
      result,
      timeout: this.dispatcher.timeoutSeconds,
    });
  }
}
