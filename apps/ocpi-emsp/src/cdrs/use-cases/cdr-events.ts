import { type EmspCdrReceivedV1, Topics } from '@voltlane/contracts-events';
import type { OutboxMessage } from '@voltlane/platform-persistence';
import { money, toUtc } from '../../shared/domain/received-object';
import type { CdrJson } from '../domain/received-cdr';

/** `emsp.cdr.received.v1`: the full OCPI CDR as received (cdr-billing invoices it). */
export function cdrReceived(
  cdr: CdrJson,
  correlationId: string,
  driverId: string | null = null,
): OutboxMessage {
  const data: EmspCdrReceivedV1 = {
    cdrId: cdr.id,
    countryCode: cdr.country_code,
    partyId: cdr.party_id,
    ...(cdr.session_id ? { sessionId: cdr.session_id } : {}),
    tokenUid: cdr.cdr_token.uid,
    ...(driverId ? { driverId } : {}),
    currency: cdr.currency,
    totalCost: {
      exclVat: money(cdr.total_cost.excl_vat),
      ...(typeof cdr.total_cost.incl_vat === 'number'
        ? { inclVat: money(cdr.total_cost.incl_vat) }
        : {}),
    },
    totalEnergyKwh: cdr.total_energy,
    startDateTime: toUtc(cdr.start_date_time),
    endDateTime: toUtc(cdr.end_date_time),
    credit: cdr.credit === true,
    receivedAt: new Date().toISOString(),
    cdr,
  };
  return { topic: Topics.EmspCdrReceived, data, correlationId, causationId: null };
}
