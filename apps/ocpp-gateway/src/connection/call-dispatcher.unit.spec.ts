import type { CallFrame } from '@voltlane/protocols-ocpp';
import { CallDispatcher } from './call-dispatcher';
import type { StationCallContext, StationCallHandler } from './station-call.handler';

const ctx = (registrationStatus: 'Accepted' | 'Rejected' = 'Accepted'): StationCallContext => ({
  session: { stationId: 'CP-1', connectionId: 'c', protocol: 'ocpp1.6', registrationStatus },
  messageId: 'm1',
  correlationId: 'corr',
  receivedAt: new Date(),
});

const frame = (action: string, payload: Record<string, unknown>): CallFrame => ({
  type: 2,
  messageId: 'm1',
  action,
  payload,
});

const handler = (action: string, handle: () => Promise<object>): StationCallHandler => ({
  action,
  handle,
});

describe('CallDispatcher', () => {
  beforeAll(() => jest.spyOn(process.stdout, 'write').mockImplementation(() => true));
  afterAll(() => jest.restoreAllMocks());

  it('given a valid CALL, when dispatched, then the handler answers', async () => {
    const d = new CallDispatcher([
      handler('Heartbeat', () => Promise.resolve({ currentTime: '2025-01-01T00:00:00.000Z' })),
    ]);
    await expect(d.dispatch('ocpp1.6', frame('Heartbeat', {}), ctx())).resolves.toEqual({
      ok: true,
      payload: { currentTime: '2025-01-01T00:00:00.000Z' },
    });
  });

  it('given a handler that fails unexpectedly, then InternalError', async () => {
    const d = new CallDispatcher([
      handler('Heartbeat', () => Promise.reject(new Error('kafka down'))),
    ]);
    const out = await d.dispatch('ocpp1.6', frame('Heartbeat', {}), ctx());
    expect(out.ok ? null : out.error.kind).toBe('InternalError');
  });

  it('given a handler that builds an invalid confirmation, then InternalError', async () => {
    const d = new CallDispatcher([handler('Heartbeat', () => Promise.resolve({ wrong: true }))]);
    const out = await d.dispatch('ocpp1.6', frame('Heartbeat', {}), ctx());
    expect(out.ok ? null : out.error.kind).toBe('InternalError');
  });

  it('given an action of the version without handler, then NotSupported; unknown, NotImplemented', async () => {
    const d = new CallDispatcher([]);
    const a = await d.dispatch('ocpp1.6', frame('Reset', { type: 'Hard' }), ctx());
    const b = await d.dispatch('ocpp1.6', frame('Teleport', {}), ctx());
    expect(a.ok ? null : a.error.kind).toBe('NotSupported');
    expect(b.ok ? null : b.error.kind).toBe('NotImplemented');
  });

  it('given a Rejected station, then only BootNotification is processed (SecurityError)', async () => {
    const d = new CallDispatcher([
      handler('Heartbeat', () => Promise.resolve({ currentTime: '2025-01-01T00:00:00.000Z' })),
    ]);
    const out = await d.dispatch('ocpp1.6', frame('Heartbeat', {}), ctx('Rejected'));
    expect(out.ok ? null : out.error.kind).toBe('SecurityError');
  });
});
