import { Injectable } from '@nestjs/common';
import type { CdrTotalsResponse, PriceResponse } from '../../http/dto/cdr-totals.response.dto';
import { compileTariff } from '../../domain/compiled-tariff';
import type { Money, RatingDecimal } from '../../domain/rating-decimal';
import { type RatingResult, rateSession } from '../../domain/tariff-pricing';
import type { CalculateRatingCommand } from './calculate-rating.command';

/** Money keeps 6 decimals (the spec's own examples show 5); quantities the OCPI default of 4. */
export const MONEY_DECIMALS = 6;
export const QUANTITY_DECIMALS = 4;

/** Prices one session with one tariff and answers the OCPI CDR totals. */
@Injectable()
export class CalculateRatingUseCase {
  execute(command: CalculateRatingCommand): CdrTotalsResponse {
    const { tariff, session } = command.request;
    return toCdrTotals(rateSession(compileTariff(tariff), session));
  }
}

export function toCdrTotals(result: RatingResult): CdrTotalsResponse {
  return {
    tariff_id: result.tariffId,
    currency: result.currency,
    total_cost: price(result.totalCost),
    total_fixed_cost: price(result.totalFixedCost),
    total_energy: quantity(result.totalEnergy),
    total_energy_cost: price(result.totalEnergyCost),
    total_time: quantity(result.totalTime),
    total_time_cost: price(result.totalTimeCost),
    total_parking_time: quantity(result.totalParkingTime),
    total_parking_cost: price(result.totalParkingCost),
    total_reservation_cost: price(result.totalReservationCost),
  };
}

function price(money: Money): PriceResponse {
  return {
    excl_vat: Number(money.exclVat.toDecimalPlaces(MONEY_DECIMALS).toString()),
    incl_vat: Number(money.inclVat.toDecimalPlaces(MONEY_DECIMALS).toString()),
  };
}

function quantity(value: RatingDecimal): number {
  return Number(value.toDecimalPlaces(QUANTITY_DECIMALS).toString());
}
