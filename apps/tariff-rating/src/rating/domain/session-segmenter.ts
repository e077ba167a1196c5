import type { CompiledTariff } from './compiled-tariff';
import { localMoment, type LocalMoment, nextLocalBoundary } from './local-clock';
import type { ParsedPeriod, ParsedSession } from './rating-session';

/** What restrictions are evaluated against, constant within one segment. */
export interface SegmentState {
  /** Local time at the segment start; `null` when the tariff has no time/date restriction. */
  readonly local: LocalMoment | null;
  /** Energy charged in the session before the segment start, mWh. */
  readonly energyBefore: number;
  /** Seconds since the charging session (or, for reservation time, the reservation) started. */
  readonly durationSec: number;
  readonly minCurrent?: number;
  readonly maxCurrent?: number;
  readonly minPower?: number;
  readonly maxPower?: number;
}

type Volumes = Pick<ParsedPeriod, 'energy' | 'time' | 'parkingTime' | 'reservationTime'>;

/** A piece of a charging period within which no restriction can change. Volumes in mWh / ms. */
export interface Segment extends Volumes {
  readonly periodIndex: number;
  readonly start: number;
  readonly end: number;
  readonly reservation: boolean;
  readonly state: SegmentState;
}

/**
 * Splits every charging period where a restriction of the tariff could switch: at local times of
 * day (and local midnight for dates and weekdays), at min/max_duration and at min/max_kwh. Volumes
 * are spread evenly over a period's wall-clock time (integer units, the last piece takes the
 * remainder); at a kWh threshold the energy is exact.
 */
export function segmentSession(tariff: CompiledTariff, session: ParsedSession): Segment[] {
  const segments: Segment[] = [];
  const boundaries = tariff.timeOfDayBoundaries;
  const zone = session.timeZone;
  const segment = (period: ParsedPeriod, start: number, end: number, v: Volumes, before: number) =>
    segmentOf(
      period,
      start,
      end,
      v,
      before,
      period.reservation ? session.start : session.chargingStart,
      tariff,
      zone,
    );
  let energyBefore = 0;

  for (const period of session.periods) {
    const origin = period.reservation ? session.start : session.chargingStart;
    const span = period.end - period.start;
    const periodEnergyEnd = energyBefore + period.energy;
    if (span <= 0) {
      segments.push(segment(period, period.start, period.end, period, energyBefore));
      energyBefore = periodEnergyEnd;
      continue;
    }
    let cursor = period.start;
    let cursorEnergy = energyBefore;
    let usedTime = 0;
    let usedParking = 0;
    let usedReservation = 0;
    while (cursor < period.end) {
      let next = period.end;
      let nextEnergy: number | null = null;
      if (period.energy > 0) {
        for (const k of tariff.kwhThresholds) {
          if (k <= cursorEnergy) continue;
          if (k >= periodEnergyEnd) break;
          const at = period.start + Math.round(((k - energyBefore) / period.energy) * span);
          if (at > cursor && at < next) {
            next = at;
            nextEnergy = k;
          }
          break;
        }
      }
      if (boundaries.length > 0) {
        const at = nextLocalBoundary(zone, cursor, boundaries);
        if (at < next) {
          next = at;
          nextEnergy = null;
        }
      }
      for (const seconds of tariff.durationThresholds) {
        const at = origin + seconds * 1000;
        if (at <= cursor) continue;
        if (at < next) {
          next = at;
          nextEnergy = null;
        }
        break;
      }
      if (cursor === period.start && next >= period.end) {
        segments.push(segment(period, cursor, period.end, period, cursorEnergy)); // not split
        break;
      }
      const last = next >= period.end;
      const share = (volume: number) =>
        last ? volume : Math.round((volume * (next - period.start)) / span);
      const energyAtNext = last
        ? periodEnergyEnd
        : (nextEnergy ?? energyBefore + share(period.energy));
      const timeAtNext = share(period.time);
      const parkingAtNext = share(period.parkingTime);
      const reservationAtNext = share(period.reservationTime);
      segments.push(
        segment(
          period,
          cursor,
          next,
          {
            energy: energyAtNext - cursorEnergy,
            time: timeAtNext - usedTime,
            parkingTime: parkingAtNext - usedParking,
            reservationTime: reservationAtNext - usedReservation,
          },
          cursorEnergy,
        ),
      );
      usedTime = timeAtNext;
      usedParking = parkingAtNext;
      usedReservation = reservationAtNext;
      cursor = next;
      cursorEnergy = energyAtNext;
    }
    energyBefore = periodEnergyEnd;
  }
  return segments;
}

function segmentOf(
  period: ParsedPeriod,
  start: number,
  end: number,
  volumes: Volumes,
  energyBefore: number,
  origin: number,
  tariff: CompiledTariff,
  zone: string,
): Segment {
  return {
    periodIndex: period.index,
    start,
    end,
    reservation: period.reservation,
    energy: volumes.energy,
    time: volumes.time,
    parkingTime: volumes.parkingTime,
    reservationTime: volumes.reservationTime,
    state: {
      local: tariff.timeOfDayBoundaries.length > 0 ? localMoment(zone, start) : null,
      energyBefore,
      durationSec: (start - origin) / 1000,
      minCurrent: period.minCurrent,
      maxCurrent: period.maxCurrent,
      minPower: period.minPower,
      maxPower: period.maxPower,
    },
  };
}
