import { DomainError } from '@voltlane/platform-core';
import {
  MeasurementLocations,
  Measurands,
  Phases,
  ReadingContexts,
  UnitsOfMeasure,
  type MeterValuesReceivedV1,
  type OcppSampledValueV1,
} from '@voltlane/contracts-events';
import type { MeterValue16, SampledValue16 } from '@voltlane/protocols-ocpp';

/** A sampled value the event contract cannot carry (e.g. a Raw value that is not a number). */
export class InvalidSampledValueError extends DomainError {
  readonly code = 'OCPP_GATEWAY.INVALID_SAMPLED_VALUE';
}

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

function oneOf<T extends string>(list: readonly T[], value: string, what: string): T {
  if ((list as readonly string[]).includes(value)) return value as T;
  throw new InvalidSampledValueError(`unknown ${what} "${value}"`);
}

function sameReading(a: SampledValue16, b: SampledValue16): boolean {
  return (
    (a.measurand ?? '') === (b.measurand ?? '') &&
    (a.phase ?? '') === (b.phase ?? '') &&
    (a.location ?? '') === (b.location ?? '')
  );
}

/**
 * The data of one `ocpp.meter-values.received` event, built so that it always satisfies the
 * contract (the gateway publishes it without re-validating, ADR 0010): the connector id is ≥ 0,
 * the transaction id an integer in decimal, at least one and at most 2000 sampled values.
 */
export function meterValuesEventData(
  stationId: string,
  connectorId: number,
  transactionId: number | undefined,
  sampledValues: OcppSampledValueV1[],
): MeterValuesReceivedV1 {
  if (!Number.isInteger(connectorId) || connectorId < 0) {
    throw new InvalidSampledValueError(`connectorId ${connectorId} must be 0 or more`);
  }
  if (sampledValues.length < 1 || sampledValues.length > 2000) {
    throw new Error('1-2000 sampled values per event');
  }
  return {
    stationId,
    connectorId,
    ...(transactionId !== undefined ? { transactionId: String(transactionId) } : {}),
    sampledValues,
  };
}

/**
 * Flattens OCPP 1.6 MeterValue[] into the event's sampled values, one per sampled value, with the
 * OCPP defaults filled in (Energy.Active.Import.Register, Wh, Sample.Periodic, Outlet) and every
 * measurand, phase, unit, context and location kept. `Celcius` (the 1.6 spelling) becomes
 * `Celsius`. A `SignedData` value is attached as `signedMeterValue` to the Raw value of the same
 * reading in the same MeterValue; without such a twin it is carried on its own with value 0.
 * Timestamps are normalised to UTC ISO-8601.
 */
export function flattenMeterValues(meterValues: readonly MeterValue16[]): OcppSampledValueV1[] {
  const out: OcppSampledValueV1[] = [];
  for (const mv of meterValues) {
    const timestamp = new Date(mv.timestamp).toISOString();
    const raws = mv.sampledValue.filter((sv) => sv.format !== 'SignedData');
    const signed = mv.sampledValue.filter((sv) => sv.format === 'SignedData');
    const start = out.length;
    for (const sv of raws) {
      const value = sv.value.trim();
      if (!NUMBER.test(value) || !Number.isFinite(Number(value))) {
        throw new InvalidSampledValueError(
          `sampled value "${sv.value.slice(0, 40)}" is not a number`,
        );
      }
      const unit = sv.unit === 'Celcius' ? 'Celsius' : (sv.unit ?? 'Wh');
      const flat: OcppSampledValueV1 = {
        timestamp,
        value: Number(value),
        measurand: oneOf(Measurands, sv.measurand ?? 'Energy.Active.Import.Register', 'measurand'),
        unit: oneOf(UnitsOfMeasure, unit, 'unit'),
        context: oneOf(ReadingContexts, sv.context ?? 'Sample.Periodic', 'context'),
        location: oneOf(MeasurementLocations, sv.location ?? 'Outlet', 'location'),
      };
      if (sv.phase !== undefined) flat.phase = oneOf(Phases, sv.phase, 'phase');
      out.push(flat);
    }
    for (const sv of signed) {
      if (sv.value.length > 5000) {
        throw new InvalidSampledValueError('signed meter data longer than 5000 characters');
      }
      const index = raws.findIndex((raw) => sameReading(raw, sv));
      const twin = index >= 0 ? out[start + index] : undefined;
      if (twin && twin.signedMeterValue === undefined) {
        twin.signedMeterValue = sv.value;
        continue;
      }
      const unit = sv.unit === 'Celcius' ? 'Celsius' : (sv.unit ?? 'Wh');
      const flat: OcppSampledValueV1 = {
        timestamp,
        value: 0,
        measurand: oneOf(Measurands, sv.measurand ?? 'Energy.Active.Import.Register', 'measurand'),
        unit: oneOf(UnitsOfMeasure, unit, 'unit'),
        context: oneOf(ReadingContexts, sv.context ?? 'Sample.Periodic', 'context'),
        location: oneOf(MeasurementLocations, sv.location ?? 'Outlet', 'location'),
        signedMeterValue: sv.value,
      };
      if (sv.phase !== undefined) flat.phase = oneOf(Phases, sv.phase, 'phase');
      out.push(flat);
    }
  }
  return out;
}
