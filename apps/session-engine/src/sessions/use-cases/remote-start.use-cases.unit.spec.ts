import type {
  CommandCompletedV1,
  CommandRequestedV1,
  TransactionStartedV1,
} from '@voltlane/contracts-events';
import { Topics } from '@voltlane/contracts-events';
import { SessionEngineEnv } from '../../config/session-engine.env';
import type { ChargingSessionState } from '../domain/charging-session';
import type { KnownToken } from '../domain/known-token';
import type { CommandResult, PendingSession } from '../domain/remote-start';
import { pendingSessionIdOf } from '../domain/remote-start';
import { sessionIdOf } from '../domain/session-id';
import type { ConnectorMapping } from '../domain/session-place';
import type { ChargingSessionStore, StoredSession } from '../persistence/charging-session.store';
import type { KnownTokenStore } from '../persistence/known-token.repository';
import type {
  RemoteStartStore,
  SessionPlaceStore,
  StoredPendingSession,
} from '../persistence/remote-start.store';
import { SessionEngineSettings } from '../session-engine.settings';
import type { LifecycleTx } from './lifecycle-tx';
import { PendingSessionEvents } from './pending-session-events';
import { RecordCommandResultUseCase } from './record-command-result/record-command-result.use-case';
import { RecordLocationUseCase } from './record-location/record-location.use-case';
import { RequestRemoteStartUseCase } from './request-remote-start/request-remote-start.use-case';
import { SessionEvents } from './session-events';
import { StartSessionUseCase } from './start-session/start-session.use-case';

/**
 * The lifecycle use cases against in-memory stores (the SQL behind them is covered by
 * remote-start-and-location.int.spec.ts on real Kafka and PostgreSQL).
 */
const NOW = Date.parse('2026-11-20T10:00:00.000Z');
const STATION = 'CP-UNIT-1';

class World {
  sessions = new Map<string, StoredSession>();
  pending = new Map<string, StoredPendingSession>();
  early = new Map<string, CommandResult>();
  mappings: ConnectorMapping[] = [];
  locations = new Map<string, Record<string, unknown>>();
  published: { topic: string; data: Record<string, unknown> }[] = [];
  tokens: KnownToken[] = [];

  tx(): LifecycleTx {
    const store: Partial<ChargingSessionStore> = {
      lockSessionKeys: async () => undefined,
      lockByIds: async (ids) => ids.flatMap((id) => this.sessions.get(id)?.state ?? []),
      lockActiveOnConnectors: async () => [],
      lockActiveOnStations: async (stations) =>
        [...this.sessions.values()]
          .map((s) => s.state)
          .filter((s) => stations.includes(s.start.stationId) && s.status === 'ACTIVE'),
      insert: async (s) => {
        if (this.sessions.has(s.state.start.sessionId)) return false;
        this.sessions.set(s.state.start.sessionId, s);
        return true;
      },
      saveAll: async (all) => {
        for (const s of all) this.sessions.set(s.state.start.sessionId, s);
      },
      loadSamples: async () => [],
      takeEarlyStop: async () => undefined,
    };
    const remoteStarts: RemoteStartStore = {
      insert: async (p) => {
        const dup = [...this.pending.values()].some(
          (x) => x.state.request.commandId === p.state.request.commandId,
        );
        if (dup) return false;
        this.pending.set(p.state.sessionId, p);
        return true;
      },
      save: async (p) => void this.pending.set(p.state.sessionId, p),
      lockByCommandId: async (commandId) =>
        [...this.pending.values()].find((p) => p.state.request.commandId === commandId)?.state,
      lockMatching: async (start) =>
        [...this.pending.values()]
          .map((p) => p.state)
          .filter(
            (p) =>
              p.status === 'PENDING' &&
              p.request.stationId === start.stationId &&
              p.request.idTag.toUpperCase() === start.idTag.toUpperCase() &&
              (p.request.connectorId === undefined || p.request.connectorId === start.connectorId),
          )
          .sort((a, b) => a.createdAt - b.createdAt)[0],
      lockExpired: async () => [],
      saveEarlyResult: async (id, r) => void this.early.set(id, r),
      takeEarlyResult: async (id) => {
        const r = this.early.get(id);
        this.early.delete(id);
        return r;
      },
    };
    const places: SessionPlaceStore = {
      lockStations: async () => undefined,
      recordLocation: async (v) => {
        this.mappings = [
          ...this.mappings.filter((m) => m.locationId !== v.locationId),
          ...v.mappings,
        ];
        this.locations.set(v.locationId, v.location);
        return true;
      },
      mappingOf: async (stationId, connectorId) =>
        this.mappings.find(
          (m) =>
            m.stationId === stationId &&
            (connectorId === undefined || m.ocppConnectorId === connectorId),
        ),
      locationAt: async (id) => this.locations.get(id),
    };
    const tokens: KnownTokenStore = {
      upsert: async (t) => void this.tokens.push(t),
      findByIdTag: async (idTag) =>
        this.tokens
          .filter((t) => t.uid.toUpperCase() === idTag.toUpperCase())
          .sort((a, b) => Number(b.type === 'RFID') - Number(a.type === 'RFID'))[0],
    };
    return {
      store: store as ChargingSessionStore,
      remoteStarts,
      places,
      tokens,
      now: NOW,
      publish: (topic, data) =>
        this.published.push({ topic, data: data as Record<string, unknown> }),
    };
  }

  topics = () => this.published.map((p) => p.topic);
}

const settings = new SessionEngineSettings(
  Object.assign(new SessionEngineEnv(), {
    OCPI_COUNTRY_CODE: 'NL',
    OCPI_PARTY_ID: 'VLT',
    SESSION_REMOTE_START_TIMEOUT_SECONDS: 120,
  }),
);
const sessionEvents = new SessionEvents(settings);
const pendingEvents = new PendingSessionEvents(settings);
const requestRemoteStart = new RequestRemoteStartUseCase(pendingEvents, sessionEvents, settings);
const recordCommandResult = new RecordCommandResultUseCase(pendingEvents);
const startSession = new StartSessionUseCase(sessionEvents);
const recordLocation = new RecordLocationUseCase(sessionEvents);

const command = (idTag: string, extra: Partial<CommandRequestedV1> = {}): CommandRequestedV1 => ({
  commandId: '0b7e5f3c-52a1-4e0d-8f77-2c1d9a6b4e10',
  stationId: STATION,
  command: 'RemoteStartTransaction',
  payload: { connectorId: 2, idTag },
  requester: 'ocpi-cpo',
  requestedAt: new Date(NOW).toISOString(),
  expiresAt: new Date(NOW + 60_000).toISOString(),
  ...extra,
});

const started = (idTag: string, transactionId = '501'): TransactionStartedV1 => ({
  stationId: STATION,
  connectorId: 2,
  idTag,
  idTagStatus: 'Accepted',
  meterStartWh: 100,
  timestamp: new Date(NOW + 30_000).toISOString(),
  transactionId,
});

describe('remote-start use cases', () => {
  it('Given no OCPI context, When an operator remote-starts, Then the PENDING session is ours, type OTHER, auth COMMAND, station fallback ids', async () => {
    const world = new World();
    await requestRemoteStart.execute(command('OPERATOR-1'), world.tx());
    expect(world.topics()).toEqual([Topics.SessionPending]);
    expect(world.published[0].data).toMatchObject({
      tokenUid: 'OPERATOR-1',
      tokenType: 'OTHER',
      emspCountryCode: 'NL',
      emspPartyId: 'VLT',
      authMethod: 'COMMAND',
      connectorId: 2,
      locationId: STATION,
      evseUid: `${STATION}*2`,
    });
  });

  it('Given a command that is not a RemoteStartTransaction (or has no valid idTag), When consumed, Then nothing happens', async () => {
    const world = new World();
    await requestRemoteStart.execute(
      command('X', { command: 'UnlockConnector', payload: { connectorId: 1 } }),
      world.tx(),
    );
    await requestRemoteStart.execute(command('X', { payload: { connectorId: 1 } }), world.tx());
    await requestRemoteStart.execute(command('T'.repeat(21)), world.tx()); // not an OCPP idTag
    expect(world.published).toEqual([]);
    expect(world.pending.size).toBe(0);
  });

  it('Given the same command twice, When consumed, Then one PENDING session, published once', async () => {
    const world = new World();
    await requestRemoteStart.execute(command('APP-1'), world.tx());
    await requestRemoteStart.execute(command('APP-1'), world.tx());
    expect(world.topics()).toEqual([Topics.SessionPending]);
  });

  it('Given a PENDING session, When the station starts on another connector, Then it stays PENDING and the start is a session of its own', async () => {
    const world = new World();
    await requestRemoteStart.execute(command('APP-1'), world.tx());
    await startSession.execute({ ...started('APP-1'), connectorId: 3 }, world.tx());
    const pending = [...world.pending.values()][0].state;
    expect(pending.status).toBe('PENDING');
    const [session] = [...world.sessions.values()];
    expect(session.state.start.ocpiSessionId).toBeUndefined();
    expect(world.published[1].data).toMatchObject({
      sessionId: sessionIdOf(STATION, '501'),
      authMethod: 'WHITELIST',
    });
  });

  it('Given a PENDING session, When the station starts it, Then the charging session keeps the PENDING id and continues its revisions', async () => {
    const world = new World();
    const c = command('APP-1');
    await requestRemoteStart.execute(c, world.tx());
    await startSession.execute(started('app-1'), world.tx());
    expect(world.topics()).toEqual([Topics.SessionPending, Topics.SessionStarted]);
    expect(world.published[1].data).toMatchObject({
      sessionId: pendingSessionIdOf(c.commandId),
      revision: 2,
      transactionId: '501',
      authMethod: 'COMMAND',
    });
    const pending = world.pending.get(pendingSessionIdOf(c.commandId))?.state as PendingSession;
    expect(pending).toMatchObject({
      status: 'ACTIVE',
      activatedSessionKey: sessionIdOf(STATION, '501'),
    });
    // A late failure of the command no longer invalidates it.
    const late: CommandCompletedV1 = {
      commandId: c.commandId,
      stationId: STATION,
      command: 'RemoteStartTransaction',
      requester: 'ocpi-cpo',
      outcome: 'Timeout',
      completedAt: new Date(NOW + 60_000).toISOString(),
    };
    await recordCommandResult.execute(late, world.tx());
    expect(world.topics()).toEqual([Topics.SessionPending, Topics.SessionStarted]);
  });

  it('Given a mapped station, When a session starts, Then it is placed on the mapped OCPI connector with the location snapshot', async () => {
    const world = new World();
    world.mappings.push({
      stationId: STATION,
      ocppConnectorId: 2,
      locationId: 'LOC-U',
      evseUid: 'EVSE-U-2',
      connectorId: 'B',
    });
    world.locations.set('LOC-U', {
      id: 'LOC-U',
      name: 'Unit',
      address: 'Street 1',
      city: 'Utrecht',
      country: 'NLD',
      coordinates: { latitude: '52.09', longitude: '5.12' },
      evses: [
        {
          uid: 'EVSE-U-2',
          evse_id: 'NL*VLT*EU2',
          connectors: [{ id: 'B', standard: 'CHADEMO', format: 'CABLE', power_type: 'DC' }],
        },
      ],
    });
    await startSession.execute(started('RFID-1'), world.tx());
    const [session] = [...world.sessions.values()];
    expect(session.ocpiSession).toMatchObject({
      location_id: 'LOC-U',
      evse_uid: 'EVSE-U-2',
      connector_id: 'B',
    });
    expect(session.state.start.place?.cdrLocation).toMatchObject({
      evse_id: 'NL*VLT*EU2',
      connector_standard: 'CHADEMO',
    });
    expect(world.published[0].data).toMatchObject({ locationId: 'LOC-U', evseUid: 'EVSE-U-2' });
  });

  it('Given a session that started before its station was mapped, When the location arrives, Then the ACTIVE session is placed (as of its start) and updated; placed sessions stay as they are', async () => {
    const world = new World();
    await startSession.execute(started('RFID-2'), world.tx());
    const key = sessionIdOf(STATION, '501');
    expect(world.sessions.get(key)?.ocpiSession).toMatchObject({ location_id: STATION });
    const location = {
      countryCode: 'NL',
      partyId: 'VLT',
      locationId: 'LOC-LATE',
      publish: true,
      timeZone: 'Europe/Amsterdam',
      lastUpdated: '2026-11-01T00:00:00Z',
      connectorMappings: [
        { stationId: STATION, ocppConnectorId: 2, evseUid: 'EVSE-L-2', connectorId: '1' },
      ],
      location: { id: 'LOC-LATE', name: 'Late', evses: [] },
    };
    await recordLocation.execute(location, world.tx());
    expect(world.topics()).toEqual([Topics.SessionStarted, Topics.SessionUpdated]);
    expect(world.published[1].data).toMatchObject({
      revision: 2,
      session: { location_id: 'LOC-LATE', evse_uid: 'EVSE-L-2', connector_id: '1' },
    });
    expect(world.sessions.get(key)?.state.start.place?.cdrLocation).toMatchObject({
      id: 'LOC-LATE',
      name: 'Late',
    });
    // A later version changes nothing for it: the session has its place.
    await recordLocation.execute(
      {
        ...location,
        lastUpdated: '2026-11-20T10:10:00Z',
        location: { id: 'LOC-LATE', name: 'New' },
      },
      world.tx(),
    );
    expect(world.published).toHaveLength(2);
  });

  it('Given a result that overtook its command, When the command arrives, Then PENDING then INVALID are published', async () => {
    const world = new World();
    const c = command('APP-1');
    await recordCommandResult.execute(
      {
        commandId: c.commandId,
        stationId: STATION,
        command: 'RemoteStartTransaction',
        requester: 'ocpi-cpo',
        outcome: 'CallError',
        error: { code: 'NotSupported', description: 'no remote start' },
        completedAt: new Date(NOW).toISOString(),
      },
      world.tx(),
    );
    expect(world.published).toEqual([]);
    await requestRemoteStart.execute(c, world.tx());
    expect(world.topics()).toEqual([Topics.SessionPending, Topics.SessionInvalidated]);
    expect(world.published[1].data).toMatchObject({ reason: 'COMMAND_FAILED', revision: 2 });
    expect(world.early.size).toBe(0);
  });

  it('Given a session already running for the tag, When its command arrives late, Then no PENDING session: the running one is linked and updated', async () => {
    const world = new World();
    await startSession.execute(started('APP-9'), world.tx());
    const c = command('APP-9', {
      ocpiStartSession: {
        token: {
          countryCode: 'DE',
          partyId: 'VLE',
          uid: 'APP-9',
          type: 'APP_USER',
          contractId: 'C-9',
        },
        authorizationReference: 'REF-9',
      },
    });
    await requestRemoteStart.execute(c, world.tx());
    expect(world.topics()).toEqual([Topics.SessionStarted, Topics.SessionUpdated]);
    const linked = world.sessions.get(sessionIdOf(STATION, '501'))?.state as ChargingSessionState;
    expect(linked.start.commandId).toBe(c.commandId);
    expect(world.published[1].data).toMatchObject({
      sessionId: sessionIdOf(STATION, '501'),
      revision: 2,
      session: { auth_method: 'COMMAND', authorization_reference: 'REF-9' },
    });
    expect(world.pending.get(pendingSessionIdOf(c.commandId))?.state.status).toBe('ACTIVE');
  });

  it('Given an external eMSP token for the idTag, When a StartTransaction starts a session, Then the session names the token’s eMSP and contract', async () => {
    const world = new World();
    world.tokens.push({
      countryCode: 'DE',
      partyId: 'EXT',
      uid: 'RFID-EXT-1',
      type: 'RFID',
      contractId: 'DE-EXT-C0001',
      lastUpdated: NOW - 1000,
    });
    await startSession.execute(started('rfid-ext-1'), world.tx());
    expect(world.published[0]).toMatchObject({
      topic: Topics.SessionStarted,
      data: {
        tokenUid: 'rfid-ext-1',
        tokenType: 'RFID',
        authMethod: 'WHITELIST',
        emspCountryCode: 'DE',
        emspPartyId: 'EXT',
        session: {
          country_code: 'NL',
          party_id: 'VLT',
          cdr_token: {
            country_code: 'DE',
            party_id: 'EXT',
            uid: 'rfid-ext-1',
            type: 'RFID',
            contract_id: 'DE-EXT-C0001',
          },
        },
      },
    });
  });
});
