import type { OcppSampledValueV1 } from '@voltlane/contracts-events';
import type { MeterSample } from '../domain/meter-sample';

/** OCPP sampled values (as the gateway publishes them) → domain meter samples. */
export function toMeterSamples(values: readonly OcppSampledValueV1[] | undefined): MeterSample[] {
  return (values ?? []).map((v) => {
    const sample: MeterSample = {
      at: Date.parse(v.timestamp),
      measurand: v.measurand,
      value: v.value,
      unit: v.unit,
      location: v.location,
      context: v.context,
    };
    if (v.phase !== undefined) sample.phase = v.phase;
    return sample;
  });
}
