import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Pool } from 'pg';
import {
  type ChargingSessionStartedV1,
  createEnvelope,
  keyOf,
  type TokenUpsertedV1,
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

/**
 * The `cdr_token` of a session started by a StartTransaction, on real Kafka and PostgreSQL with
 * session-engine's own Nest application in this process: an idTag known from
 * `token.token.upserted` (an external eMSP's RFID token) names that eMSP and contract id; an unknown
 * idTag gets the documented fallback (our party, contract id = idTag).
 */
const run = randomUUID().slice(0, 8);
const database = `se_token_${run}`;
const STATION = `SE-TK-${run.toUpperCase()}`;
const UID = `04${run.toUpperCase()}AB`;
const T0 = Date.parse('2026-11-20T10:00:00.000Z');
const at = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();

type Published = { topic: string; data: Record<string, unknown> & { sessionId: string } };

describe('session-engine cdr_token from known tokens (real Kafka + PostgreSQL, in process)', () => {
  let admin: Pool;
  let kafka: KafkaPlatform;
  let app: INestApplication;
  const published: Published[] = [];

  const url = () => {
    const u = new URL(process.env.DATABASE_URL as string);
    u.pathname = `/${database}`;
    return u.toString();
  };

  const publish = async <T extends TopicName>(topic: T, data: TopicDataMap[T]) => {
    const envelope = createEnvelope(topic, data, {
      producer: topic === Topics.TokenUpserted ? 'ocpi-cpo' : 'ocpp-gateway',
      correlationId: `se-token-${run}`,
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

  const token = (
    type: TokenUpsertedV1['type'],
    contractId: string,
    lastUpdated: string,
  ): TokenUpsertedV1 => ({
    countryCode: 'DE',
    partyId: 'EXT',
    uid: UID,
    type,
    contractId,
    valid: true,
    whitelist: 'ALLOWED',
    origin: 'received-from-emsp',
    lastUpdated,
    token: {
      country_code: 'DE',
      party_id: 'EXT',
      uid: UID,
      type,
      contract_id: contractId,
      issuer: 'External eMSP',
      valid: true,
      whitelist: 'ALLOWED',
      last_updated: lastUpdated,
    },
  });

  const startOn = async (connectorId: number, idTag: string) => {
    const transactionId = String(Math.floor(Math.random() * 1e9) + 1);
    await publish(Topics.OcppTransactionStarted, {
      stationId: STATION,
      connectorId,
      idTag,
      idTagStatus: 'Accepted',
      meterStartWh: 1_000,
      timestamp: at(connectorId),
      transactionId,
    });
    const [started] = await waitFor(
      async () =>
        published.filter(
          (p) => p.topic === Topics.SessionStarted && p.data.transactionId === transactionId,
        ),
      (s) => s.length === 1,
      { timeoutMs: 60_000, what: `the started session of ${idTag}` },
    );
    return started.data as unknown as ChargingSessionStartedV1;
  };

  beforeAll(async () => {
    admin = new Pool({ connectionString: process.env.DATABASE_URL, max: 1 });
    await admin.query(`CREATE DATABASE "${database}"`);
    const ds = createServiceDataSource({
      url: url(),
      schema: 'session_engine',
      applicationName: 'se-token-int',
      migrations: MIGRATIONS,
    });
    await runServiceMigrations(ds, 'session_engine');
    if (ds.isInitialized) await ds.destroy();

    kafka = new KafkaPlatform(
      {
        brokers: (process.env.KAFKA_BROKERS as string).split(','),
        clientId: `se-token-${run}`,
        defaultPartitions: 3,
      },
      silentKafkaLogger,
    );
    await kafka.start([
      Topics.TokenUpserted,
      Topics.LocationUpserted,
      Topics.OcppCommandRequested,
      Topics.OcppCommandCompleted,
      Topics.OcppTransactionStarted,
      Topics.OcppTransactionStopped,
      Topics.SessionStarted,
    ]);
    const collector = kafka.createConsumer({
      groupId: `se-token-collector-${run}`,
      topics: [Topics.SessionStarted],
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
      ADMIN_API_KEY: 'session-engine-token-int-key-0123456789',
      OCPI_COUNTRY_CODE: 'NL',
      OCPI_PARTY_ID: 'VLT',
      KAFKA_CONSUMER_GROUP: `se-token-${run}`,
      KAFKA_TOPIC_PARTITIONS: '3',
    });
    setDefaultLogLevel('warn');
    @Module({ imports: [ServiceConfigModule.forRoot(config), AppModule] })
    class TestRoot {}
    app = await NestFactory.create(TestRoot, { logger: ['error'] });
    await app.listen(0, '127.0.0.1');
  });

  afterAll(async () => {
    await app?.close();
    await kafka?.disconnect();
    await admin?.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`).catch(() => undefined);
    await admin?.end();
  });

  it('names the external eMSP and its contract id in the cdr_token of an RFID start', async () => {
    // Given the eMSP's RFID token (a newer version, then an older one arriving late) and a token of
    // another type with the same uid
    await publish(Topics.TokenUpserted, token('RFID', 'DE-EXT-C0000NEW', at(-60)));
    await publish(Topics.TokenUpserted, token('RFID', 'DE-EXT-C0000OLD', at(-120)));
    await publish(Topics.TokenUpserted, token('OTHER', 'DE-EXT-OTHER', at(-30)));
    // (one key, one partition, consumed in order: the OTHER row exists → all three were consumed)
    await waitFor(
      () => rows(`SELECT "type" FROM session_engine.known_tokens WHERE uid_key = $1`, [UID]),
      (r) => r.length === 2,
      { timeoutMs: 60_000, what: 'both tokens recorded' },
    );

    // When the station starts a transaction with the uid (in lower case)
    const started = await startOn(1, UID.toLowerCase());

    // Then the session (ours) carries the eMSP's RFID token, the newest version, the idTag as sent
    expect(started).toMatchObject({
      tokenUid: UID.toLowerCase(),
      tokenType: 'RFID',
      authMethod: 'WHITELIST',
      emspCountryCode: 'DE',
      emspPartyId: 'EXT',
    });
    expect(started.session).toMatchObject({
      country_code: 'NL',
      party_id: 'VLT',
      auth_method: 'WHITELIST',
      cdr_token: {
        country_code: 'DE',
        party_id: 'EXT',
        uid: UID.toLowerCase(),
        type: 'RFID',
        contract_id: 'DE-EXT-C0000NEW',
      },
    });
  });

  it('falls back to our party and the idTag as contract id for an unknown idTag', async () => {
    // Given no token for this idTag; When the station starts a transaction with it
    const started = await startOn(2, 'UNKNOWN-TAG-1');

    // Then the documented fallback
    expect(started.emspCountryCode).toBeUndefined();
    expect(started.session).toMatchObject({
      cdr_token: {
        country_code: 'NL',
        party_id: 'VLT',
        uid: 'UNKNOWN-TAG-1',
        type: 'RFID',
        contract_id: 'UNKNOWN-TAG-1',
      },
    });
  });
});
