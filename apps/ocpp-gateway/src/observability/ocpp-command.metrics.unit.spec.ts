import { MetricsService } from '@voltlane/platform-service';
import { RemoteStartGrants } from '../commands/remote-start-grants';
import { SendCommandUseCase } from '../commands/send-command.use-case';
import { ConnectionRegistry } from '../connection/connection.registry';
import type { StationConnection } from '../connection/station-connection';

/** A connected station whose answers the test scripts (only what SendCommandUseCase reads). */
function scriptedStation(stationId: string, replies: unknown[]): StationConnection {
  return {
    session: { stationId, connectionId: 'c', protocol: 'ocpp1.6', registrationStatus: 'Accepted' },
    call: () => Promise.resolve(replies.shift()),
  } as unknown as StationConnection;
}

describe('OCPP command metrics (SendCommandUseCase)', () => {
  beforeAll(() => jest.spyOn(process.stdout, 'write').mockImplementation(() => true));
  afterAll(() => jest.restoreAllMocks());

  it('Given commands answered, refused, timed out and not sent, When executed, Then only sent ones are counted by action and outcome', async () => {
    const metrics = new MetricsService({ serviceName: 'ocpp-gateway', defaultMetrics: false });
    const connections = new ConnectionRegistry();
    connections.replace(
      scriptedStation('CP-1', [
        { kind: 'result', payload: { status: 'Accepted' } },
        { kind: 'error', code: 'NotSupported', description: 'no' },
        { kind: 'timeout' },
      ]),
    );
    const useCase = new SendCommandUseCase(connections, new RemoteStartGrants(), metrics);
    const send = (stationId: string) =>
      useCase.execute({ stationId, command: 'Reset', payload: { type: 'Soft' }, timeoutMs: 100 });

    expect((await send('CP-1')).outcome).toBe('Responded');
    expect((await send('CP-1')).outcome).toBe('CallError');
    expect((await send('CP-1')).outcome).toBe('Timeout');
    expect((await send('CP-OFFLINE')).outcome).toBe('StationOffline');

    const sent = await metrics.registry.getSingleMetric('ocpp_commands_sent_total')?.get();
    expect(
      Object.fromEntries(
        (sent?.values ?? []).map((v) => [`${v.labels.action} ${v.labels.outcome}`, v.value]),
      ),
    ).toEqual({ 'Reset Responded': 1, 'Reset CallError': 1, 'Reset Timeout': 1 });
  });
});
