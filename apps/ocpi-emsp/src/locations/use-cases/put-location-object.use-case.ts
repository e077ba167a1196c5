import { Injectable } from '@nestjs/common';
import { OcpiResult } from '@voltlane/ocpi-core';
import { OutboxWriter } from '@voltlane/platform-persistence';
import { OcpiStatus } from '@voltlane/protocols-ocpi';
import { DataSource } from 'typeorm';
import type { ReceivedRef } from '../../shared/domain/received-object';
import { rejectUnapplied, requireSameIds } from '../../shared/http/ocpi-receiver.checks';
import { correlationIdNow } from '../../shared/use-cases/correlation';
import {
  type ConnectorJson,
  type EvseJson,
  type LocationJson,
  type LocationTarget,
  receiveLocationPut,
} from '../domain/received-location';
import { ReceivedLocationRepository } from '../persistence/received-location.repository';
import { locationUpdated } from './location-events';

export interface PutLocationObjectCommand {
  /** The caller's partner and the URL's (owned) country_code/party_id/location_id. */
  ref: ReceivedRef;
  target: LocationTarget;
  /** Validated Location, EVSE or Connector (per target). */
  body: LocationJson | EvseJson | ConnectorJson;
}

/**
 * `PUT {locations}/{cc}/{pid}/{location_id}[/{evse_uid}[/{connector_id}]]`: stores the Location
 * (or child) and publishes `emsp.location.updated.v1` in the same transaction; older pushes are
 * ignored (1000); children of an unknown Location → HTTP 404 + 2003. Created → HTTP 201.
 */
@Injectable()
export class PutLocationObjectUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly locations: ReceivedLocationRepository,
    private readonly outbox: OutboxWriter,
  ) {}

  async execute({ ref, target, body }: PutLocationObjectCommand): Promise<OcpiResult<undefined>> {
    if (target.evseUid === undefined) {
      requireSameIds(
        body,
        { country_code: ref.countryCode, party_id: ref.partyId, id: ref.id },
        true,
      );
      Object.assign(body, { country_code: ref.countryCode, party_id: ref.partyId });
    } else if (target.connectorId === undefined) {
      requireSameIds(body, { uid: target.evseUid }, true);
    } else {
      requireSameIds(body, { id: target.connectorId }, true);
    }
    const plain = JSON.parse(JSON.stringify(body)) as LocationJson | EvseJson | ConnectorJson;
    const correlationId = correlationIdNow();
    const outcome = await this.dataSource.transaction(async (manager) => {
      const stored = await this.locations.lockAndFind(manager, ref);
      const result = receiveLocationPut(stored?.object ?? null, target, plain);
      if (result.kind === 'applied') {
        await this.locations.save(manager, ref, result.object, result.object.last_updated);
        await this.outbox.append(manager, [
          locationUpdated(result.object, 'PUT', target, correlationId),
        ]);
      }
      return result;
    });
    rejectUnapplied(outcome, OcpiStatus.UnknownLocation);
    const created = outcome.kind === 'applied' && outcome.created;
    return new OcpiResult(undefined, { httpStatus: created ? 201 : 200 });
  }
}
