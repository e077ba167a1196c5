import { Injectable } from '@nestjs/common';
import {
  type ChargingSessionCompletedV1,
  type PriceV1,
  type SessionRatedV1,
  Topics,
} from '@voltlane/contracts-events';
import type { TransactionScope } from '@voltlane/platform-persistence';
import type { TariffDto } from '@voltlane/protocols-ocpi';
import { ResolveTariffAssignmentUseCase } from '../../assignments/use-cases/resolve-tariff-assignment.use-case';
import { TariffRatingEnv } from '../../config/tariff-rating.env';
import { compileTariff } from '../../rating/domain/compiled-tariff';
import type { Money } from '../../rating/domain/rating-decimal';
import type { ChargingPeriodInput } from '../../rating/domain/rating-session';
import { rateSession } from '../../rating/domain/tariff-pricing';
import { SessionRatingRepository } from '../persistence/session-rating.repository';

interface OcpiSessionLike {
  start_date_time?: string;
  end_date_time?: string | null;
  location_id?: string;
  evse_uid?: string;
  connector_id?: string;
  charging_periods?: ChargingPeriodInput[] | null;
}

/**
 * session.charging-session.completed.v1 → rating.session.rated.v1: resolves the tariff assigned to
 * the connector for the session's eMSP at the session start, prices the charging periods in the
 * location's time zone and publishes the final price, once per session (same transaction as the
 * inbox). No assigned tariff or an unpriceable session is a non-retriable error (dead letter).
 */
@Injectable()
export class RateCompletedSessionUseCase {
  constructor(
    private readonly resolveTariff: ResolveTariffAssignmentUseCase,
    private readonly ratings: SessionRatingRepository,
    private readonly env: TariffRatingEnv,
  ) {}

  async execute(data: ChargingSessionCompletedV1, scope: TransactionScope): Promise<void> {
    const session = data.session as OcpiSessionLike;
    const resolved = await this.resolveTariff.execute({
      location_id: session.location_id,
      evse_uid: session.evse_uid,
      connector_id: session.connector_id,
      emsp_country_code: data.emspCountryCode,
      emsp_party_id: data.emspPartyId,
      at: data.startedAt,
    });
    const tariff = resolved.tariff as unknown as TariffDto;
    const timeZone =
      (await this.ratings.timeZoneOf(scope.manager, session.location_id ?? '')) ??
      this.env.RATING_DEFAULT_TIME_ZONE;
    const start = session.start_date_time ?? data.startedAt;
    const end = session.end_date_time ?? data.endedAt;
    const periods = session.charging_periods?.length
      ? session.charging_periods
      : [
          {
            start_date_time: start,
            dimensions: [
              { type: 'ENERGY', volume: data.energyWh / 1000 },
              { type: 'TIME', volume: (Date.parse(end) - Date.parse(start)) / 3_600_000 },
            ],
          },
        ];
    const result = rateSession(compileTariff(tariff), {
      start_date_time: start,
      end_date_time: end,
      time_zone: timeZone,
      charging_periods: periods,
    });
    if (!(await this.ratings.markRated(scope.manager, data.sessionId, data.revision, tariff.id))) {
      return; // rated before (a re-sent completion): at most one rating per session
    }
    const rated: SessionRatedV1 = {
      sessionId: data.sessionId,
      countryCode: data.countryCode,
      partyId: data.partyId,
      sessionRevision: data.revision,
      tariffIds: [tariff.id],
      currency: result.currency,
      totalCost: price(result.totalCost),
      totalFixedCost: price(result.totalFixedCost),
      totalEnergyCost: price(result.totalEnergyCost),
      totalTimeCost: price(result.totalTimeCost),
      totalParkingCost: price(result.totalParkingCost),
      totalEnergyWh: Math.max(0, Math.round(result.totalEnergy.times(1000).toNumber())),
      totalTimeSeconds: Math.max(0, Math.round(result.totalTime.times(3600).toNumber())),
      totalParkingTimeSeconds: Math.round(result.totalParkingTime.times(3600).toNumber()),
      chargingPeriods: periods.map((p) => ({ ...p, tariff_id: tariff.id })),
      ratedAt: new Date().toISOString(),
    };
    scope.publish(Topics.RatingSessionRated, rated);
  }
}

/** Event money: half-up to the contract's 4 decimals. */
function price(money: Money): PriceV1 {
  return {
    exclVat: Number(money.exclVat.toDecimalPlaces(4).toString()),
    inclVat: Number(money.inclVat.toDecimalPlaces(4).toString()),
  };
}
