import { type EmspLocationUpdatedV1, Topics } from '@voltlane/contracts-events';
import type { OutboxMessage } from '@voltlane/platform-persistence';
import { toUtc } from '../../shared/domain/received-object';
import type { LocationJson, LocationTarget } from '../domain/received-location';

/** `emsp.location.updated.v1` for a Location after an applied PUT/PATCH (whole merged object). */
export function locationUpdated(
  location: LocationJson,
  changeKind: 'PUT' | 'PATCH',
  target: LocationTarget,
  correlationId: string,
): OutboxMessage {
  const data: EmspLocationUpdatedV1 = {
    locationId: location.id,
    countryCode: location.country_code,
    partyId: location.party_id,
    changeKind,
    ...(target.evseUid !== undefined ? { evseUid: target.evseUid } : {}),
    ...(target.connectorId !== undefined ? { connectorId: target.connectorId } : {}),
    lastUpdated: toUtc(location.last_updated),
    receivedAt: new Date().toISOString(),
    location,
  };
  return { topic: Topics.EmspLocationUpdated, data, correlationId, causationId: null };
}
