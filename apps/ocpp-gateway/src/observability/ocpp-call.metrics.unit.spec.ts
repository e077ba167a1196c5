import { MetricsService } from '@voltlane/platform-service';
import type { CallFrame } from '@voltlane/protocols-ocpp';
import { CallDispatcher } from '../connection/call-dispatcher';
import type { StationCallContext } from '../connection/station-call.handler';

const ctx: StationCallContext = {
  session: {
    stationId: 'CP-1',
    connectionId: 'c',
    protocol: 'ocpp1.6',
    registrationStatus: 'Accepted',
  },
  messageId: 'm1',
  correlationId: 'corr',
  receivedAt: new Date(),
};
const frame = (action: string): CallFrame => ({ type: 2, messageId: 'm1', action, payload: {} });

describe('OCPP CALL metrics (CallDispatcher)', () => {
  beforeAll(() => jest.spyOn(process.stdout, 'write').mockImplementation(() => true));
  afterAll(() => jest.restoreAllMocks());

  it('Given answered, failed and unknown CALLs, When dispatched, Then they are counted by action and outcome with their latency', async () => {
    const metrics = new MetricsService({ serviceName: 'ocpp-gateway', defaultMetrics: false });
    let fail = false;
    const d = new CallDispatcher(
      [
        {
          action: 'Heartbeat',
          handle: () =>
            fail
              ? Promise.reject(new Error('kafka down'))
              : Promise.resolve({ currentTime: '2026-01-01T00:00:00.000Z' }),
        },
      ],
      metrics,
    );
    await d.dispatch('ocpp1.6', frame('Heartbeat'), ctx);
    await d.dispatch('ocpp1.6', frame('Heartbeat'), ctx);
    fail = true;
    await d.dispatch('ocpp1.6', frame('Heartbeat'), ctx);
    await d.dispatch('ocpp1.6', frame('Teleport'), ctx);
    await d.dispatch('ocpp1.6', frame('Reset'), ctx);

    const calls = await metrics.registry.getSingleMetric('ocpp_calls_total')?.get();
    expect(
      Object.fromEntries(
        (calls?.values ?? []).map((v) => [`${v.labels.action} ${v.labels.outcome}`, v.value]),
      ),
    ).toEqual({
      'Heartbeat accepted': 2,
      'Heartbeat InternalError': 1,
      // Station input never becomes a label value: undefined actions are `unknown`.
      'unknown NotImplemented': 1,
      'Reset NotSupported': 1,
    });
    const text = await metrics.metrics();
    expect(text).toMatch(
      /^ocpp_call_duration_seconds_count\{service="ocpp-gateway",action="Heartbeat"\} 3$/m,
    );
  });
});
