import { Injectable } from '@nestjs/common';
import type { LocationUpsertedV1 } from '@voltlane/contracts-events';
import type { ChargingSessionState } from '../../domain/charging-session';
import type { LifecycleTx } from '../lifecycle-tx';
import { SessionEvents } from '../session-events';
import { resolvePlace } from '../session-places';
import type { EventCause } from '../session-tx';

/**
 * `location.location.upserted` → a new version of the location (kept for the CdrLocation snapshot
 * of sessions, as of their start time) and, when it is the newest, the station ↔ EVSE map. A
 * session keeps the place it was given; only an ACTIVE session that started without one (its start
 * was consumed before the location, another topic) is placed now, with the location as of its
 * start — the same result as if the location had been consumed first (ADR 0032).
 */
@Injectable()
export class RecordLocationUseCase {
  constructor(private readonly events: SessionEvents) {}

  async execute(data: LocationUpsertedV1, tx: LifecycleTx, cause?: EventCause): Promise<void> {
    const stations = [...new Set(data.connectorMappings.map((m) => m.stationId))];
    // A start on these stations either sees this mapping or is seen (committed) below.
    await tx.places.lockStations(stations);
    const recorded = await tx.places.recordLocation({
      locationId: data.locationId,
      lastUpdated: Date.parse(data.lastUpdated),
      timeZone: data.timeZone,
      location: data.location,
      mappings: data.connectorMappings.map((m) => ({
        stationId: m.stationId,
        ocppConnectorId: m.ocppConnectorId,
        locationId: data.locationId,
        evseUid: m.evseUid,
        connectorId: m.connectorId,
        ...(m.evseId !== undefined ? { evseId: m.evseId } : {}),
      })),
    });
    if (!recorded || stations.length === 0) return;
    const unplaced = (await tx.store.lockActiveOnStations(stations)).filter(
      (s) => s.start.place === undefined,
    );
    for (const session of unplaced) await this.place(session, tx, cause);
  }

  private async place(s: ChargingSessionState, tx: LifecycleTx, cause?: EventCause) {
    const place = await resolvePlace(
      tx.places,
      s.start.stationId,
      s.start.connectorId,
      s.start.startedAt,
    );
    if (!place) return; // this connector is not (or no longer) mapped
    const placed: ChargingSessionState = {
      ...s,
      start: { ...s.start, place },
      revision: s.revision + 1,
      lastUpdated: tx.now,
    };
    const stored = this.events.stored(placed);
    await tx.store.saveAll([stored]);
    this.events.updated(tx, stored, cause);
  }
}
