import { Injectable } from '@nestjs/common';
import { type LocationUpsertedV1, Topics } from '@voltlane/contracts-events';
import type { InboundEvent } from '@voltlane/platform-kafka';
import type { TransactionScope } from '@voltlane/platform-persistence';
import { ConsumeEvent } from '@voltlane/platform-runtime';
import { SessionRatingRepository } from '../persistence/session-rating.repository';

/** Keeps each location's time zone: time-of-day tariff restrictions are local time. */
@Injectable()
export class LocationUpsertedConsumer {
  constructor(private readonly ratings: SessionRatingRepository) {}

  @ConsumeEvent(Topics.LocationUpserted)
  handle(event: InboundEvent<LocationUpsertedV1>, scope: TransactionScope): Promise<void> {
    const { locationId, timeZone } = event.envelope.data;
    return this.ratings.upsertTimeZone(scope.manager, locationId, timeZone);
  }
}
