import {
  createEnvelope,
  MeasurementLocations,
  Measurands,
  Phases,
  ReadingContexts,
  UnitsOfMeasure,
  validateEvent,
} from '@voltlane/contracts-events';
import type { SampledValue16 } from '@voltlane/protocols-ocpp';
import {
  flattenMeterValues,
  InvalidSampledValueError,
  meterValuesEventData,
} from './sampled-values';

/** The meter-values event is published without re-validation: prove its data meets the contract. */
describe('meter-values event data is valid by construction', () => {
  const everything: SampledValue16[] = [
    ...Measurands.map((measurand) => ({ value: '1.5', measurand })),
    ...UnitsOfMeasure.map((unit) => ({ value: '-2', unit })),
    { value: '3', unit: 'Celcius' },
    ...ReadingContexts.map((context) => ({ value: '1e3', context })),
    ...MeasurementLocations.map((location) => ({ value: '.5', location })),
    ...Phases.map((phase) => ({ value: '+7.25', phase })),
    { value: '0', format: 'Raw' as const },
    { value: 'OCMF|{"x":1}', format: 'SignedData' as const },
    { value: 'OCMF|{"orphan":1}', format: 'SignedData' as const, measurand: 'Voltage' },
  ];

  it('given every measurand, unit, context, location, phase and format, the event validates', () => {
    const values = flattenMeterValues([
      { timestamp: '2025-03-14T10:46:00+01:00', sampledValue: everything },
      { timestamp: '2025-03-14T09:47:00Z', sampledValue: [{ value: '12' }] },
    ]);
    for (const [connectorId, transactionId] of [
      [0, undefined],
      [3, 2147483647],
      [1, -5],
    ] as const) {
      const data = meterValuesEventData('CP-AMS_0042:x', connectorId, transactionId, values);
      const envelope = createEnvelope('ocpp.meter-values.received.v1', data, {
        producer: 'ocpp-gateway',
        correlationId: 'c',
        causationId: null,
      });
      expect(validateEvent('ocpp.meter-values.received.v1', envelope)).toMatchObject({ ok: true });
    }
  });

  it.each([
    ['an infinite value', [{ value: '1e999' }]],
    ['an empty value', [{ value: '' }]],
    ['an unknown unit', [{ value: '1', unit: 'furlong' }]],
    ['signed data longer than 5000', [{ value: 'x'.repeat(5001), format: 'SignedData' as const }]],
  ])('given %s, it refuses the message', (_what, sampledValue) => {
    expect(() => flattenMeterValues([{ timestamp: '2025-03-14T09:47:00Z', sampledValue }])).toThrow(
      InvalidSampledValueError,
    );
  });

  it('refuses a negative connector id and an empty value list', () => {
    const one = flattenMeterValues([
      { timestamp: '2025-03-14T09:47:00Z', sampledValue: [{ value: '1' }] },
    ]);
    expect(() => meterValuesEventData('CP', -1, undefined, one)).toThrow(InvalidSampledValueError);
    expect(() => meterValuesEventData('CP', 1, undefined, [])).toThrow();
  });
});
