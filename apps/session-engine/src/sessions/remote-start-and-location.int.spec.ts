import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Pool } from 'pg';
import {
  type ChargingSessionCompletedV1,
  type ChargingSessionInvalidatedV1,
  type ChargingSessionPendingV1,
  type ChargingSessionStartedV1,
  type CommandCompletedV1,
  type CommandRequestedV1,
  createEnvelope,
  keyOf,
  type LocationUpsertedV1,
  toHeaders,
  type TopicDataMap,
  type TopicName,
  Topics,
} from '@voltlane/contracts-events';
import { setDefaultLogLevel, validateEnv } from '@voltlane/platform-core';
import { type InboundEvent, KafkaPlatform, silentKafkaLogger } from '@voltlane/platform-kafka';
import { createServiceDataSource, runServiceMigrations } from '@voltlane/platform-persistence';
import { ServiceConfigModule } from '@voltlane/platform-service';
import { waitFor } from '@voltlane/testing';
import { AppModule } from '../app.module';
import { SessionEngineEnv } from '../config/session-engine.env';
import { MIGRATIONS } from '../migrations';
import { pendingSessionIdOf } from './domain/remote-start';
import { sessionIdOf } from './domain/session-id';

/**
 * session-engine's lifecycle additions on real Kafka and PostgreSQL, the service's own Nest
 * application in this process (its own database and consumer group): remote starts from
 * `ocpp.command.requested` (PENDING → ACTIVE with the same id, or INVALID on a rejection, a
 * failure that overtook its command, and the start window), and the CdrLocation snapshot taken at
 * session start from `location.location.upserted` (a later location version does not change it).
 */
const run = randomUUID().slice(0, 8);
const database = `se_remote_${run}`;
const STATION = `SE-RS-${run.toUpperCase()}`;
const LOCATION_ID = `LOC-${run.toUpperCase()}`;
const T0 = Date.parse('2026-11-20T10:00:00.000Z');
const at = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();

type Published = { topic: string; data: Record<string, unknown> & { sessionId: string } };

describe('session-engine remote starts and location snapshots (real Kafka + PostgreSQL, in process)', () => {
  let admin: Pool;
  let kafka: KafkaPlatform;
  let app: INestApplication;
  let baseUrl: string;
  const api = async (path: string) => {
    const res = await fetch(`${baseUrl}${path}`, {
      headers: { authorization: 'Bearer session-engine-remote-int-key-0123456789' },
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const published: Published[] = [];
  const ofSession = (sessionId: string, topic?: string) =>
    published.filter((p) => p.data.sessionId === sessionId && (!topic || p.topic === topic));

  const url = () => {
    const u = new URL(process.env.DATABASE_URL as string);
    u.pathname = `/${database}`;
    return u.toString();
  };

  const publish = async <T extends TopicName>(topic: T, data: TopicDataMap[T]) => {
    const envelope = createEnvelope(topic, data, {
      producer: topic.startsWith('location') ? 'ocpi-cpo' : 'ocpp-gateway',
      correlationId: `se-remote-${run}`,
      causationId: null,
    });
    await kafka.producer.send([
      {
        topic,
        key: keyOf(topic, data),
        value: JSON.stringify(envelope),
        headers: toHeaders(envelope),
      },
    ]);
  };

  const rows = async (sql: string, params: unknown[]) => {
    const pool = new Pool({ connectionString: url(), max: 1 });
    try {
      return (await pool.query(sql, params)).rows;
    } finally {
      await pool.end();
    }
  };

  const location = (
    name: string,
    lastUpdated: string,
    stationId = STATION,
    locationId = LOCATION_ID,
  ): LocationUpsertedV1 => ({
    countryCode: 'NL',
    partyId: 'VLT',
    locationId,
    publish: true,
    timeZone: 'Europe/Amsterdam',
    lastUpdated,
    connectorMappings: [
      {
        stationId,
        ocppConnectorId: 1,
        evseUid: `EVSE-${run}-1`,
        evseId: `NL*VLT*E${run}*1`,
        connectorId: '1',
      },
    ],
    location: {
      country_code: 'NL',
      party_id: 'VLT',
      id: locationId,
      publish: true,
      name,
      address: 'Gustav Mahlerlaan 10, Parkeergarage Mahler4, niveau -2',
      city: 'Amsterdam',
      postal_code: '1082 PP',
      country: 'NLD',
      coordinates: { latitude: '52.338430', longitude: '4.872130' },
      time_zone: 'Europe/Amsterdam',
      evses: [
        {
          uid: `EVSE-${run}-1`,
          evse_id: `NL*VLT*E${run}*1`,
          status: 'AVAILABLE',
          connectors: [
            {
              id: '1',
              standard: 'IEC_62196_T2',
              format: 'SOCKET',
              power_type: 'AC_3_PHASE',
              max_voltage: 230,
              max_amperage: 32,
              last_updated: lastUpdated,
            },
          ],
          last_updated: lastUpdated,
        },
      ],
      last_updated: lastUpdated,
    },
  });

  const remoteStart = (idTag: string, commandId = randomUUID()): CommandRequestedV1 => ({
    commandId,
    stationId: STATION,
    command: 'RemoteStartTransaction',
    payload: { connectorId: 1, idTag },
    requester: 'ocpi-cpo',
    requestedAt: new Date().toISOString(),
    expiresAt: new Date(Date.now() + 60_000).toISOString(),
    ocpiStartSession: {
      token: {
        countryCode: 'DE',
        partyId: 'VLE',
        uid: idTag,
        type: 'APP_USER',
        contractId: `DE-VLE-${idTag}`,
      },
      authorizationReference: `AUTH-${idTag}`,
    },
  });

  const result = (
    command: CommandRequestedV1,
    outcome: CommandCompletedV1['outcome'],
    responseStatus?: string,
  ): CommandCompletedV1 => ({
    commandId: command.commandId,
    stationId: STATION,
    command: 'RemoteStartTransaction',
    requester: 'ocpi-cpo',
    outcome,
    ...(responseStatus ? { responseStatus, response: { status: responseStatus } } : {}),
    completedAt: new Date().toISOString(),
  });

  beforeAll(async () => {
    admin = new Pool({ connectionString: process.env.DATABASE_URL, max: 1 });
    await admin.query(`CREATE DATABASE "${database}"`);
    const ds = createServiceDataSource({
      url: url(),
      schema: 'session_engine',
      applicationName: 'se-remote-int',
      migrations: MIGRATIONS,
    });
    await runServiceMigrations(ds, 'session_engine');
    if (ds.isInitialized) await ds.destroy();

    kafka = new KafkaPlatform(
      {
        brokers: (process.env.KAFKA_BROKERS as string).split(','),
        clientId: `se-remote-${run}`,
        defaultPartitions: 3,
      },
      silentKafkaLogger,
    );
    const outputs = [
      Topics.SessionPending,
      Topics.SessionInvalidated,
      Topics.SessionStarted,
      Topics.SessionUpdated,
      Topics.SessionCompleted,
    ];
    await kafka.start([
      Topics.LocationUpserted,
      Topics.OcppCommandRequested,
      Topics.OcppCommandCompleted,
      Topics.OcppTransactionStarted,
      Topics.OcppTransactionStopped,
      ...outputs,
    ]);
    const collector = kafka.createConsumer({
      groupId: `se-remote-collector-${run}`,
      topics: outputs,
      isTransient: () => true,
      handler: async (events: InboundEvent[]) => {
        for (const e of events) {
          const data = e.envelope.data as Published['data'];
          if (String(data.stationId).startsWith(STATION)) published.push({ topic: e.topic, data });
        }
      },
    });
    await collector.start();

    const config = validateEnv(SessionEngineEnv, {
      KAFKA_BROKERS: process.env.KAFKA_BROKERS,
      DATABASE_URL: url(),
      PORT: '1',
      LOG_LEVEL: 'warn',
      ADMIN_API_KEY: 'session-engine-remote-int-key-0123456789',
      OCPI_COUNTRY_CODE: 'NL',
      OCPI_PARTY_ID: 'VLT',
      KAFKA_CONSUMER_GROUP: `se-remote-${run}`,
      KAFKA_TOPIC_PARTITIONS: '3',
      SESSION_COMPLETION_DELAY_MS: '1500',
      SESSION_REMOTE_START_TIMEOUT_SECONDS: '3',
      SESSION_STALE_SWEEP_INTERVAL_MS: '200',
    });
    setDefaultLogLevel('warn');
    @Module({ imports: [ServiceConfigModule.forRoot(config), AppModule] })
    class TestRoot {}
    app = await NestFactory.create(TestRoot, { logger: ['error'] });
    await app.listen(0, '127.0.0.1');
    baseUrl = await app.getUrl();

    // The station's location first (another topic: wait until it is recorded).
    await publish(Topics.LocationUpserted, location('Zuidas v1', at(-60)));
    await waitFor(
      () =>
        rows(`SELECT 1 FROM session_engine.station_connectors WHERE station_id = $1`, [STATION]),
      (r) => r.length === 1,
      { timeoutMs: 60_000, what: 'the location mapping recorded' },
    );
  });

  afterAll(async () => {
    await app?.close();
    await kafka?.disconnect();
    await admin?.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`).catch(() => undefined);
    await admin?.end();
  });

  it('turns a remote start into a PENDING session, then the same session ACTIVE and COMPLETED with the location of its start', async () => {
    // Given a remote start for an app user
    const command = remoteStart('APP-ACTIVE');
    const sessionId = pendingSessionIdOf(command.commandId);
    await publish(Topics.OcppCommandRequested, command);
    const [pending] = await waitFor(
      async () => ofSession(sessionId, Topics.SessionPending),
      (p) => p.length === 1,
      { timeoutMs: 60_000, what: 'the PENDING session' },
    );
    const pendingData = pending.data as unknown as ChargingSessionPendingV1;
    expect(pendingData).toMatchObject({
      revision: 1,
      commandId: command.commandId,
      tokenUid: 'APP-ACTIVE',
      authMethod: 'COMMAND',
      authorizationReference: 'AUTH-APP-ACTIVE',
      locationId: LOCATION_ID,
      evseUid: `EVSE-${run}-1`,
    });
    expect(pendingData.session).toMatchObject({ status: 'PENDING', location_id: LOCATION_ID });

    // When the station accepts and starts (idTag case differs: OCPP CiString), and the location
    // changes while the session runs (a version dated after the start)
    await publish(Topics.OcppCommandCompleted, result(command, 'Responded', 'Accepted'));
    const transactionId = String(Math.floor(Math.random() * 1e9) + 1);
    await publish(Topics.OcppTransactionStarted, {
      stationId: STATION,
      connectorId: 1,
      idTag: 'app-active',
      idTagStatus: 'Accepted',
      meterStartWh: 10_000,
      timestamp: at(0),
      transactionId,
    });
    await publish(Topics.LocationUpserted, location('Zuidas RENAMED', at(10)));
    const [started] = await waitFor(
      async () => ofSession(sessionId, Topics.SessionStarted),
      (s) => s.length === 1,
      { timeoutMs: 60_000, what: 'the ACTIVE session (same id)' },
    );
    const startedData = started.data as unknown as ChargingSessionStartedV1;
    expect(startedData).toMatchObject({
      revision: 2,
      transactionId,
      authMethod: 'COMMAND',
      authorizationReference: 'AUTH-APP-ACTIVE',
      emspCountryCode: 'DE',
      emspPartyId: 'VLE',
      locationId: LOCATION_ID,
    });
    expect(startedData.session).toMatchObject({
      id: sessionId,
      status: 'ACTIVE',
      start_date_time: '2026-11-20T10:00:00Z',
      authorization_reference: 'AUTH-APP-ACTIVE',
      cdr_token: { uid: 'APP-ACTIVE', type: 'APP_USER', country_code: 'DE', party_id: 'VLE' },
    });
    await waitFor(
      () =>
        rows(`SELECT 1 FROM session_engine.location_versions WHERE location_id = $1`, [
          LOCATION_ID,
        ]),
      (r) => r.length === 2,
      { timeoutMs: 60_000, what: 'the renamed location recorded' },
    );
    await publish(Topics.OcppTransactionStopped, {
      stationId: STATION,
      transactionId,
      connectorId: 1,
      meterStopWh: 21_000,
      timestamp: at(60),
      reason: 'Remote',
    });

    // Then one completed session, keyed by the PENDING id, with the location as of its start
    const [completed] = await waitFor(
      async () => ofSession(sessionId, Topics.SessionCompleted),
      (c) => c.length === 1,
      { timeoutMs: 60_000, what: 'the completed session' },
    );
    const completedData = completed.data as unknown as ChargingSessionCompletedV1;
    expect(completedData).toMatchObject({
      energyWh: 11_000,
      emspCountryCode: 'DE',
      emspPartyId: 'VLE',
    });
    expect(completedData.cdrLocation).toEqual({
      id: LOCATION_ID,
      name: 'Zuidas v1',
      address: 'Gustav Mahlerlaan 10, Parkeergarage Mahler4,',
      city: 'Amsterdam',
      postal_code: '1082 PP',
      country: 'NLD',
      coordinates: { latitude: '52.338430', longitude: '4.872130' },
      evse_uid: `EVSE-${run}-1`,
      evse_id: `NL*VLT*E${run}*1`,
      connector_id: '1',
      connector_standard: 'IEC_62196_T2',
      connector_format: 'SOCKET',
      connector_power_type: 'AC_3_PHASE',
    });
    expect(ofSession(sessionId, Topics.SessionInvalidated)).toEqual([]);
    // The operator API finds it by its OCPI id.
    expect(await api(`/api/v1/sessions/${sessionId}`)).toMatchObject({
      status: 200,
      body: { id: sessionId, status: 'COMPLETED', transactionId },
    });
    // The transaction's internal key is not what the world sees.
    expect(ofSession(sessionIdOf(STATION, transactionId))).toEqual([]);
  });

  it('links a start that overtook its remote start command: no PENDING session, the running one gets the token', async () => {
    const transactionId = String(Math.floor(Math.random() * 1e9) + 1);
    const internalId = sessionIdOf(STATION, transactionId);
    await publish(Topics.OcppTransactionStarted, {
      stationId: STATION,
      connectorId: 1,
      idTag: 'APP-LATE',
      idTagStatus: 'Accepted',
      meterStartWh: 0,
      timestamp: new Date().toISOString(),
      transactionId,
    });
    await waitFor(
      async () => ofSession(internalId, Topics.SessionStarted),
      (s) => s.length === 1,
      { timeoutMs: 60_000, what: 'the session started without a command' },
    );
    const command = remoteStart('APP-LATE');
    await publish(Topics.OcppCommandRequested, command);
    const [updated] = await waitFor(
      async () => ofSession(internalId, Topics.SessionUpdated),
      (u) => u.length === 1,
      { timeoutMs: 60_000, what: 'the session linked to the command' },
    );
    expect(updated.data).toMatchObject({ revision: 2, status: 'ACTIVE' });
    expect(updated.data.session).toMatchObject({
      id: internalId,
      auth_method: 'COMMAND',
      authorization_reference: 'AUTH-APP-LATE',
      cdr_token: { uid: 'APP-LATE', type: 'APP_USER', country_code: 'DE', party_id: 'VLE' },
    });
    expect(ofSession(pendingSessionIdOf(command.commandId))).toEqual([]);
  });

  it('does not let a re-sent StartTransaction claim a newer remote start of the same tag', async () => {
    // Given a remote start that became ACTIVE
    const first = remoteStart('APP-DUP');
    await publish(Topics.OcppCommandRequested, first);
    await waitFor(
      async () => ofSession(pendingSessionIdOf(first.commandId), Topics.SessionPending),
      (p) => p.length === 1,
      { timeoutMs: 60_000, what: 'the first PENDING session' },
    );
    const start = {
      stationId: STATION,
      connectorId: 1,
      idTag: 'APP-DUP',
      idTagStatus: 'Accepted' as const,
      meterStartWh: 0,
      timestamp: new Date().toISOString(),
      transactionId: String(Math.floor(Math.random() * 1e9) + 1),
    };
    await publish(Topics.OcppTransactionStarted, start);
    await waitFor(
      async () => ofSession(pendingSessionIdOf(first.commandId), Topics.SessionStarted),
      (s) => s.length === 1,
      { timeoutMs: 60_000, what: 'the first session ACTIVE' },
    );
    // When the same tag is remote-started again and the station re-sends its old start
    const second = remoteStart('APP-DUP');
    const secondId = pendingSessionIdOf(second.commandId);
    await publish(Topics.OcppCommandRequested, second);
    await waitFor(
      async () => ofSession(secondId, Topics.SessionPending),
      (p) => p.length === 1,
      { timeoutMs: 60_000, what: 'the second PENDING session' },
    );
    await publish(Topics.OcppTransactionStarted, start);
    // Then the second one is never started by it: it times out
    const [invalid] = await waitFor(
      async () => ofSession(secondId, Topics.SessionInvalidated),
      (i) => i.length === 1,
      { timeoutMs: 60_000, what: 'the second session timed out' },
    );
    expect(invalid.data).toMatchObject({ reason: 'START_TIMEOUT' });
    expect(ofSession(secondId, Topics.SessionStarted)).toEqual([]);
    expect(ofSession(pendingSessionIdOf(first.commandId), Topics.SessionStarted)).toHaveLength(1);
  });

  it('places a session whose start overtook its location once the location arrives, as of the start', async () => {
    const station = `${STATION}-B`;
    const locationId = `${LOCATION_ID}-B`;
    const transactionId = String(Math.floor(Math.random() * 1e9) + 1);
    const sessionId = sessionIdOf(station, transactionId);
    await publish(Topics.OcppTransactionStarted, {
      stationId: station,
      connectorId: 1,
      idTag: 'RFID-B',
      idTagStatus: 'Accepted',
      meterStartWh: 0,
      timestamp: at(0),
      transactionId,
    });
    const [started] = await waitFor(
      async () => published.filter((p) => p.data.sessionId === sessionId),
      (p) => p.length === 1,
      { timeoutMs: 60_000, what: 'the session started without location' },
    );
    expect(started.data.session).toMatchObject({ location_id: station, evse_uid: `${station}*1` });
    await publish(Topics.LocationUpserted, location('Zuidas B', at(-5), station, locationId));
    const [updated] = await waitFor(
      async () =>
        published.filter(
          (p) => p.data.sessionId === sessionId && p.topic === Topics.SessionUpdated,
        ),
      (p) => p.length === 1,
      { timeoutMs: 60_000, what: 'the session placed' },
    );
    expect(updated.data.session).toMatchObject({
      location_id: locationId,
      evse_uid: `EVSE-${run}-1`,
    });
    await publish(Topics.OcppTransactionStopped, {
      stationId: station,
      transactionId,
      connectorId: 1,
      meterStopWh: 5_000,
      timestamp: at(30),
      reason: 'Local',
    });
    const [completed] = await waitFor(
      async () =>
        published.filter(
          (p) => p.data.sessionId === sessionId && p.topic === Topics.SessionCompleted,
        ),
      (p) => p.length === 1,
      { timeoutMs: 60_000, what: 'the completed session' },
    );
    expect(completed.data.cdrLocation).toMatchObject({ id: locationId, name: 'Zuidas B' });
  });

  it('invalidates a remote start the station rejects; never a completed session for it', async () => {
    const command = remoteStart('APP-REJECT');
    const sessionId = pendingSessionIdOf(command.commandId);
    await publish(Topics.OcppCommandRequested, command);
    await waitFor(
      async () => ofSession(sessionId, Topics.SessionPending),
      (p) => p.length === 1,
      { timeoutMs: 60_000, what: 'the PENDING session' },
    );
    await publish(Topics.OcppCommandCompleted, result(command, 'Responded', 'Rejected'));
    const [invalid] = await waitFor(
      async () => ofSession(sessionId, Topics.SessionInvalidated),
      (i) => i.length === 1,
      { timeoutMs: 60_000, what: 'the INVALID session' },
    );
    const data = invalid.data as unknown as ChargingSessionInvalidatedV1;
    expect(data).toMatchObject({ revision: 2, reason: 'COMMAND_REJECTED' });
    expect(data.session).toMatchObject({ id: sessionId, status: 'INVALID' });
    expect(ofSession(sessionId, Topics.SessionCompleted)).toEqual([]);
    expect(await api(`/api/v1/sessions/${sessionId}`)).toMatchObject({
      status: 200,
      body: { id: sessionId, status: 'INVALID', invalidReason: 'COMMAND_REJECTED' },
    });
  });

  it('applies a failure that overtook its command: PENDING, then INVALID (COMMAND_FAILED)', async () => {
    const command = remoteStart('APP-EARLYFAIL');
    const sessionId = pendingSessionIdOf(command.commandId);
    await publish(Topics.OcppCommandCompleted, result(command, 'StationOffline'));
    await waitFor(
      () =>
        rows(`SELECT 1 FROM session_engine.early_command_results WHERE command_id = $1`, [
          command.commandId,
        ]),
      (r) => r.length === 1,
      { timeoutMs: 60_000, what: 'the early result kept' },
    );
    await publish(Topics.OcppCommandRequested, command);
    const [invalid] = await waitFor(
      async () => ofSession(sessionId, Topics.SessionInvalidated),
      (i) => i.length === 1,
      { timeoutMs: 60_000, what: 'the INVALID session' },
    );
    expect(invalid.data).toMatchObject({ revision: 2, reason: 'COMMAND_FAILED' });
    expect(ofSession(sessionId, Topics.SessionPending)).toHaveLength(1);
  });

  it('invalidates a remote start without StartTransaction when its window is over', async () => {
    const command = remoteStart('APP-NOSHOW');
    const sessionId = pendingSessionIdOf(command.commandId);
    await publish(Topics.OcppCommandRequested, command);
    await publish(Topics.OcppCommandCompleted, result(command, 'Responded', 'Accepted'));
    const [invalid] = await waitFor(
      async () => ofSession(sessionId, Topics.SessionInvalidated),
      (i) => i.length === 1,
      { timeoutMs: 60_000, what: 'the timed-out session' },
    );
    expect(invalid.data).toMatchObject({ revision: 2, reason: 'START_TIMEOUT' });
    const [row] = await rows(
      `SELECT status, extract(epoch FROM expires_at - created_at) AS window FROM session_engine.pending_sessions WHERE session_id = $1`,
      [sessionId],
    );
    expect(row).toMatchObject({ status: 'INVALID' });
    expect(Number(row.window)).toBe(3);
  });
});
