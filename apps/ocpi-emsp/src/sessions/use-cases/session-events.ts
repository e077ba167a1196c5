import { type EmspSessionUpdatedV1, Topics } from '@voltlane/contracts-events';
import type { OutboxMessage } from '@voltlane/platform-persistence';
import { money, toUtc } from '../../shared/domain/received-object';
import type { SessionJson } from '../domain/received-session';

/** `emsp.session.updated.v1` for a Session after an applied PUT/PATCH (whole merged object). */
export function sessionUpdated(
  session: SessionJson,
  changeKind: 'PUT' | 'PATCH',
  correlationId: string,
): OutboxMessage {
  const cost = session.total_cost;
  const data: EmspSessionUpdatedV1 = {
    sessionId: session.id,
    countryCode: session.country_code,
    partyId: session.party_id,
    status: session.status as EmspSessionUpdatedV1['status'],
    tokenUid: session.cdr_token.uid,
    energyKwh: session.kwh,
    currency: session.currency,
    ...(cost
      ? {
          totalCost: {
            exclVat: money(cost.excl_vat),
            ...(typeof cost.incl_vat === 'number' ? { inclVat: money(cost.incl_vat) } : {}),
          },
        }
      : {}),
    changeKind,
    lastUpdated: toUtc(session.last_updated),
    receivedAt: new Date().toISOString(),
    session,
  };
  return { topic: Topics.EmspSessionUpdated, data, correlationId, causationId: null };
}
