import { Injectable, Logger } from '@nestjs/common';
import {
  type ChargingSessionUpdatedV1,
  type SessionCostUpdatedV1,
  Topics,
} from '@voltlane/contracts-events';
import { DomainError } from '@voltlane/platform-core';
import type { TransactionScope } from '@voltlane/platform-persistence';
import type { TariffDto } from '@voltlane/protocols-ocpi';
import { ResolveTariffAssignmentUseCase } from '../../assignments/use-cases/resolve-tariff-assignment.use-case';
import { TariffRatingEnv } from '../../config/tariff-rating.env';
import { compileTariff } from '../../rating/domain/compiled-tariff';
import type { ChargingPeriodInput } from '../../rating/domain/rating-session';
import { rateSession } from '../../rating/domain/tariff-pricing';
import { SessionRatingRepository } from '../persistence/session-rating.repository';

interface RunningOcpiSession {
  start_date_time?: string;
  location_id?: string;
  evse_uid?: string;
  connector_id?: string;
  cdr_token?: { country_code?: string; party_id?: string } | null;
  charging_periods?: ChargingPeriodInput[] | null;
}

/**
 * session.charging-session.updated.v1 → rating.session-cost-updated.v1: the provisional price of an
 * ACTIVE session up to its newest meter reading. Older revisions are ignored. A session that cannot
 * be priced yet (no tariff assigned, no periods) gets no live price; that is not an error here (the
 * completion is where a missing tariff is reported).
 */
@Injectable()
export class RateRunningSessionUseCase {
  private readonly logger = new Logger(RateRunningSessionUseCase.name);

  constructor(
    private readonly resolveTariff: ResolveTariffAssignmentUseCase,
    private readonly ratings: SessionRatingRepository,
    private readonly env: TariffRatingEnv,
  ) {}

  async execute(data: ChargingSessionUpdatedV1, scope: TransactionScope): Promise<void> {
    const session = data.session as RunningOcpiSession;
    const periods = session.charging_periods ?? [];
    if (data.status !== 'ACTIVE' || periods.length === 0 || !session.start_date_time) return;
    const lastStart = periods[periods.length - 1].start_date_time;
    const end =
      Date.parse(lastStart) > Date.parse(data.lastMeterReadingAt)
        ? lastStart
        : data.lastMeterReadingAt;
    try {
      const resolved = await this.resolveTariff.execute({
        location_id: session.location_id,
        evse_uid: session.evse_uid,
        connector_id: session.connector_id,
        emsp_country_code: session.cdr_token?.country_code,
        emsp_party_id: session.cdr_token?.party_id,
        at: session.start_date_time,
      });
      const tariff = resolved.tariff as unknown as TariffDto;
      const timeZone =
        (await this.ratings.timeZoneOf(scope.manager, session.location_id ?? '')) ??
        this.env.RATING_DEFAULT_TIME_ZONE;
      const result = rateSession(compileTariff(tariff), {
        start_date_time: session.start_date_time,
        end_date_time: end,
        time_zone: timeZone,
        charging_periods: periods,
      });
      if (!(await this.ratings.advanceCostRevision(scope.manager, data.sessionId, data.revision))) {
        return; // an older revision arrived late
      }
      const cost: SessionCostUpdatedV1 = {
        sessionId: data.sessionId,
        sessionRevision: data.revision,
        tariffId: tariff.id,
        currency: result.currency,
        totalCost: {
          exclVat: Number(result.totalCost.exclVat.toDecimalPlaces(4).toString()),
          inclVat: Number(result.totalCost.inclVat.toDecimalPlaces(4).toString()),
        },
        energyWh: data.energyWh,
        calculatedAt: new Date().toISOString(),
      };
      scope.publish(Topics.RatingSessionCostUpdated, cost);
    } catch (err) {
      if (!(err instanceof DomainError) || err.retriable) throw err;
      this.logger.log('no live price', { sessionId: data.sessionId, code: err.code });
    }
  }
}
