import { Injectable } from '@nestjs/common';
import { OutboxWriter } from '@voltlane/platform-persistence';
import { OcpiStatus } from '@voltlane/protocols-ocpi';
import { DataSource } from 'typeorm';
import type { ReceivedRef } from '../../shared/domain/received-object';
import { rejectUnapplied, requireSameIds } from '../../shared/http/ocpi-receiver.checks';
import { correlationIdNow } from '../../shared/use-cases/correlation';
import { type LocationTarget, receiveLocationPatch } from '../domain/received-location';
import { ReceivedLocationRepository } from '../persistence/received-location.repository';
import { locationUpdated } from './location-events';

export interface PatchLocationObjectCommand {
  ref: ReceivedRef;
  target: LocationTarget;
  /** Validated Location/EVSE/Connector PATCH body (`last_updated` required). */
  patch: { last_updated: string };
}

/**
 * `PATCH {locations}/{cc}/{pid}/{location_id}[/{evse_uid}[/{connector_id}]]`: merges the patch
 * (ADR 0063), bumps the parents' `last_updated` and publishes `emsp.location.updated.v1` with the
 * merged Location. Unknown Location/EVSE/Connector → HTTP 404 + 2003; older patches ignored.
 */
@Injectable()
export class PatchLocationObjectUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly locations: ReceivedLocationRepository,
    private readonly outbox: OutboxWriter,
  ) {}

  async execute({ ref, target, patch }: PatchLocationObjectCommand): Promise<void> {
    if (target.evseUid === undefined) {
      requireSameIds(
        patch,
        { country_code: ref.countryCode, party_id: ref.partyId, id: ref.id },
        false,
      );
    } else if (target.connectorId === undefined) {
      requireSameIds(patch, { uid: target.evseUid }, false);
    } else {
      requireSameIds(patch, { id: target.connectorId }, false);
    }
    const plain = JSON.parse(JSON.stringify(patch)) as { last_updated: string };
    const correlationId = correlationIdNow();
    const outcome = await this.dataSource.transaction(async (manager) => {
      const stored = await this.locations.lockAndFind(manager, ref);
      const result = receiveLocationPatch(stored?.object ?? null, target, plain);
      if (result.kind === 'applied') {
        await this.locations.save(manager, ref, result.object, result.object.last_updated);
        await this.outbox.append(manager, [
          locationUpdated(result.object, 'PATCH', target, correlationId),
        ]);
      }
      return result;
    });
    rejectUnapplied(outcome, OcpiStatus.UnknownLocation);
  }
}
