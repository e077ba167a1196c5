import { Injectable } from '@nestjs/common';
import { type LocationUpsertedV1, Topics } from '@voltlane/contracts-events';
import type { InboundEvent } from '@voltlane/platform-kafka';
import type { TransactionScope } from '@voltlane/platform-persistence';
import { ConsumeEvent } from '@voltlane/platform-runtime';
import { RecordLocationUseCase } from '../use-cases/record-location/record-location.use-case';
import { LifecycleTxFactory } from './lifecycle-tx.factory';
import { causeOf } from './session-tx.factory';

/** Our locations and the station ↔ EVSE map: OCPI ids and CdrLocation snapshots of sessions. */
@Injectable()
export class LocationUpsertedConsumer {
  constructor(
    private readonly recordLocation: RecordLocationUseCase,
    private readonly tx: LifecycleTxFactory,
  ) {}

  @ConsumeEvent(Topics.LocationUpserted)
  handle(event: InboundEvent<LocationUpsertedV1>, scope: TransactionScope): Promise<void> {
    return this.recordLocation.execute(event.envelope.data, this.tx.ofEvent(scope), causeOf(event));
  }
}
