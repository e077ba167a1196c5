import { randomUUID } from 'node:crypto';
import { type INestApplication, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Pool } from 'pg';
import {
  type CdrCreatedV1,
  type ChargingSessionCompletedV1,
  createEnvelope,
  keyOf,
  type SessionRatedV1,
  type TariffUpsertedV1,
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
import { CdrBillingEnv } from '../config/cdr-billing.env';
import { MIGRATIONS } from '../migrations';

/**
 * cdr-billing's CDR content on real Kafka and PostgreSQL (its Nest application in this process,
 * own database and consumer group): `cdr_location` is the snapshot the completed session carries,
 * `tariffs` the OCPI Tariff objects the rating used as they were when it rated — and a CDR whose
 * tariff has not been consumed yet (another topic) waits for it instead of going out without it.
 */
const run = randomUUID().slice(0, 8);
const database = `cdr_tariffs_${run}`;
const TARIFF_ID = `T-${run.toUpperCase()}`;

describe('cdr-billing: cdr_location snapshot and tariffs (real Kafka + PostgreSQL, in process)', () => {
  let admin: Pool;
  let kafka: KafkaPlatform;
  let app: INestApplication;
  const cdrs: CdrCreatedV1[] = [];
  const cdrsOf = (sessionId: string) => cdrs.filter((c) => c.sessionId === sessionId);

  const url = () => {
    const u = new URL(process.env.DATABASE_URL as string);
    u.pathname = `/${database}`;
    return u.toString();
  };

  const publish = async <T extends TopicName>(topic: T, data: TopicDataMap[T]) => {
    const envelope = createEnvelope(topic, data, {
      producer: 'session-engine',
      correlationId: `cdr-tariffs-${run}`,
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

  const tariff = (lastUpdated: string, price: number): TariffUpsertedV1 => ({
    countryCode: 'NL',
    partyId: 'VLT',
    tariffId: TARIFF_ID,
    currency: 'EUR',
    lastUpdated,
    tariff: {
      country_code: 'NL',
      party_id: 'VLT',
      id: TARIFF_ID,
      currency: 'EUR',
      elements: [{ price_components: [{ type: 'ENERGY', price, vat: 21, step_size: 1 }] }],
      last_updated: lastUpdated,
    },
  });

  const cdrLocation = {
    id: `LOC-${run}`,
    name: 'Voltlane Amsterdam Zuidas',
    address: 'Gustav Mahlerlaan 10',
    city: 'Amsterdam',
    postal_code: '1082 PP',
    country: 'NLD',
    coordinates: { latitude: '52.338430', longitude: '4.872130' },
    evse_uid: 'EVSE-1',
    evse_id: 'NL*VLT*E1*1',
    connector_id: '1',
    connector_standard: 'IEC_62196_T2',
    connector_format: 'SOCKET',
    connector_power_type: 'AC_3_PHASE',
  };

  const completed = (sessionId: string): ChargingSessionCompletedV1 => ({
    sessionId,
    countryCode: 'NL',
    partyId: 'VLT',
    revision: 4,
    stationId: `CP-${run}`,
    transactionId: '1',
    tokenUid: 'TAG-1',
    startedAt: '2026-11-20T09:00:00.000Z',
    endedAt: '2026-11-20T10:00:00.000Z',
    meterStartWh: 0,
    meterStopWh: 10_000,
    energyWh: 10_000,
    stopReason: 'Local',
    cdrLocation,
    session: {
      country_code: 'NL',
      party_id: 'VLT',
      id: sessionId,
      location_id: `LOC-${run}`,
      evse_uid: 'EVSE-1',
      connector_id: '1',
    },
  });

  const rated = (sessionId: string): SessionRatedV1 => ({
    sessionId,
    countryCode: 'NL',
    partyId: 'VLT',
    sessionRevision: 4,
    tariffIds: [TARIFF_ID.toLowerCase()],
    currency: 'EUR',
    totalCost: { exclVat: 3, inclVat: 3.63 },
    totalEnergyWh: 10_000,
    totalTimeSeconds: 3_600,
    chargingPeriods: [
      {
        start_date_time: '2026-11-20T09:00:00Z',
        dimensions: [{ type: 'ENERGY', volume: 10 }],
        tariff_id: TARIFF_ID,
      },
    ],
    ratedAt: '2026-11-20T10:00:01.000Z',
  });

  beforeAll(async () => {
    admin = new Pool({ connectionString: process.env.DATABASE_URL, max: 1 });
    await admin.query(`CREATE DATABASE "${database}"`);
    const ds = createServiceDataSource({
      url: url(),
      schema: 'cdr_billing',
      applicationName: 'cdr-tariffs-int',
      migrations: MIGRATIONS,
    });
    await runServiceMigrations(ds, 'cdr_billing');
    if (ds.isInitialized) await ds.destroy();

    kafka = new KafkaPlatform(
      {
        brokers: (process.env.KAFKA_BROKERS as string).split(','),
        clientId: `cdr-tariffs-${run}`,
        defaultPartitions: 3,
      },
      silentKafkaLogger,
    );
    await kafka.start([
      Topics.SessionCompleted,
      Topics.RatingSessionRated,
      Topics.TariffUpserted,
      Topics.CdrCreated,
    ]);
    const collector = kafka.createConsumer({
      groupId: `cdr-tariffs-collector-${run}`,
      topics: [Topics.CdrCreated],
      isTransient: () => true,
      handler: async (events: InboundEvent[]) => {
        for (const e of events) cdrs.push(e.envelope.data as CdrCreatedV1);
      },
    });
    await collector.start();

    const config = validateEnv(CdrBillingEnv, {
      KAFKA_BROKERS: process.env.KAFKA_BROKERS,
      DATABASE_URL: url(),
      PORT: '1',
      LOG_LEVEL: 'error',
      ADMIN_API_KEY: 'cdr-billing-tariffs-int-key-0123456789',
      KAFKA_CONSUMER_GROUP: `cdr-tariffs-${run}`,
      KAFKA_TOPIC_PARTITIONS: '3',
    });
    setDefaultLogLevel('error');
    @Module({ imports: [ServiceConfigModule.forRoot(config), AppModule] })
    class TestRoot {}
    app = await NestFactory.create(TestRoot, { logger: ['error'] });
    await app.init();
  });

  afterAll(async () => {
    await app?.close();
    await kafka?.disconnect();
    await admin?.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`).catch(() => undefined);
    await admin?.end();
  });

  it('waits for the tariff the rating used, then issues one CDR with it (as of the rating) and the start-time location', async () => {
    // Given a completed and rated session whose tariff cdr-billing has not seen yet
    const sessionId = randomUUID();
    await publish(Topics.SessionCompleted, completed(sessionId));
    await publish(Topics.RatingSessionRated, rated(sessionId));
    const pool = new Pool({ connectionString: url(), max: 1 });
    try {
      await waitFor(
        async () =>
          (
            await pool.query(
              `SELECT 1 FROM cdr_billing.session_parts
               WHERE session_id = $1 AND completed IS NOT NULL AND rated IS NOT NULL`,
              [sessionId],
            )
          ).rowCount,
        (n) => n === 1,
        { timeoutMs: 60_000, what: 'both parts stored' },
      );
    } finally {
      await pool.end();
    }
    await new Promise((r) => setTimeout(r, 1_000));
    expect(cdrsOf(sessionId)).toEqual([]);

    // When the tariff arrives: the version valid at the rating, then a later change
    await publish(Topics.TariffUpserted, tariff('2026-11-01T00:00:00Z', 0.3));
    await publish(Topics.TariffUpserted, tariff('2026-11-21T00:00:00Z', 0.45));

    // Then exactly one CDR, with that tariff version and the location snapshot
    const [cdr] = await waitFor(
      async () => cdrsOf(sessionId),
      (c) => c.length >= 1,
      { timeoutMs: 60_000, what: 'the CDR' },
    );
    expect(cdr.cdr.cdr_location).toEqual(cdrLocation);
    expect(cdr.cdr.tariffs).toEqual([tariff('2026-11-01T00:00:00Z', 0.3).tariff]);
    await new Promise((r) => setTimeout(r, 1_500));
    expect(cdrsOf(sessionId)).toHaveLength(1);
  });

  it('issues the CDR at once when the tariff is known, with the version valid when it was rated', async () => {
    const sessionId = randomUUID();
    await publish(Topics.RatingSessionRated, rated(sessionId));
    await publish(Topics.SessionCompleted, completed(sessionId));
    const [cdr] = await waitFor(
      async () => cdrsOf(sessionId),
      (c) => c.length >= 1,
      { timeoutMs: 60_000, what: 'the CDR' },
    );
    // rated 2026-11-20: the 2026-11-21 change is not what was used
    expect(cdr.cdr.tariffs).toEqual([tariff('2026-11-01T00:00:00Z', 0.3).tariff]);
    expect(cdr.cdr.cdr_location).toMatchObject({ id: `LOC-${run}`, evse_id: 'NL*VLT*E1*1' });
  });
});
