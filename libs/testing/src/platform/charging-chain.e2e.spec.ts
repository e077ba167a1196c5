import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import {
  createEnvelope,
  keyOf,
  toHeaders,
  type TopicDataMap,
  type TopicName,
  Topics,
} from '@voltlane/contracts-events';
import { findFreePorts } from '@voltlane/infra';
import { KafkaPlatform, silentKafkaLogger } from '@voltlane/platform-kafka';
import { waitFor } from '../backbone/wait-for';
import { httpStatus, NodeProcess } from './service.process';

/**
 * The priced chain of issue 4 across three real service processes on real Kafka and PostgreSQL:
 * our location (`location.location.upserted`: station → OCPI location / EVSE / connector) and
 * OCPP transaction events → session-engine (session on the mapped OCPI connector, charging
 * periods, CdrLocation snapshot) → tariff-rating (the connector's tariff, final price) →
 * cdr-billing → exactly one `billing.cdr.created.v1` with the totals computed here,
 * independently, the location as it was at the session start and the tariff used.
 * session-engine is SIGKILLed and restarted mid-transaction and the stop is delivered twice:
 * still exactly one CDR.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON bodies
type Json = Record<string, any>;

const SERVICES = ['session-engine', 'tariff-rating', 'cdr-billing'] as const;
type Service = (typeof SERVICES)[number];
const ADMIN_API_KEY = 'charging-chain-e2e-operator-key-0123456789';

describe('OCPP events → session → price → exactly one CDR (three services as processes)', () => {
  const run = randomBytes(4).toString('hex');
  const stationId = `CHAIN-${run.toUpperCase()}`;
  const transactionId = String(randomInt(1_000_000, 2_000_000_000));
  const tariffId = `CHAIN-${run.toUpperCase()}`;
  const locationId = `LOC-CHAIN-${run.toUpperCase()}`;
  const evseUid = `EVSE-CHAIN-${run.toUpperCase()}-1`;
  const database = `chain_${run}`;
  let databaseUrl: string;
  let ports: Record<Service, number>;
  const processes = new Map<Service, NodeProcess>();
  let kafka: KafkaPlatform;

  const env = (service: Service) => ({
    KAFKA_BROKERS: process.env.KAFKA_BROKERS ?? '',
    DATABASE_URL: databaseUrl,
    PORT: String(ports[service]),
    HOST: '127.0.0.1',
    ADMIN_API_KEY,
    OCPI_COUNTRY_CODE: 'NL',
    OCPI_PARTY_ID: 'VLT',
    KAFKA_CONSUMER_GROUP: `chain-${service}-${run}`,
    SESSION_COMPLETION_DELAY_MS: '500',
    LOG_LEVEL: 'warn',
  });

  const start = async (service: Service) => {
    const p = NodeProcess.service(service, env(service)).start();
    processes.set(service, p);
    await waitFor(
      () => httpStatus(ports[service], '/health/ready'),
      (status) => status === 200,
      { timeoutMs: 60_000, what: `${service} ready` },
    ).catch((err: unknown) => {
      throw new Error(`${String(err)}\n${p.tail()}`);
    });
  };

  const publish = async <T extends TopicName>(topic: T, data: TopicDataMap[T]) => {
    const envelope = createEnvelope(topic, data, {
      producer: 'ocpp-gateway',
      correlationId: `chain-${run}`,
      causationId: null,
      eventId: randomUUID(),
    });
    const record = {
      topic,
      key: keyOf(topic, data),
      value: JSON.stringify(envelope),
      headers: toHeaders(envelope),
    };
    await kafka.producer.send([record]);
    return record;
  };

  const cdrsForStation = async () =>
    (await kafka.readRaw(Topics.CdrCreated, { maxRecords: 1_000_000, timeoutMs: 3_000 }))
      .map((r) => JSON.parse(String(r.value)) as { data: Json })
      .filter((e) => e.data.cdr?.cdr_location?.id === locationId);

  beforeAll(async () => {
    const admin = new Pool({ connectionString: process.env.DATABASE_URL, max: 1 });
    await admin.query(`CREATE DATABASE ${database}`);
    await admin.end();
    const url = new URL(process.env.DATABASE_URL ?? '');
    url.pathname = `/${database}`;
    databaseUrl = url.toString();
    const free = await findFreePorts(SERVICES.length);
    ports = Object.fromEntries(SERVICES.map((s, i) => [s, free[i]])) as Record<Service, number>;
    for (const service of SERVICES) {
      const migrate = new NodeProcess(['apps', service, 'src', 'migrate.js'], env(service)).start();
      if ((await migrate.exit)?.code !== 0)
        throw new Error(`migrate ${service}:\n${migrate.tail()}`);
    }
    await Promise.all(SERVICES.map((s) => start(s)));
    kafka = new KafkaPlatform(
      {
        brokers: (process.env.KAFKA_BROKERS ?? '').split(','),
        clientId: `chain-${run}`,
        defaultPartitions: 6,
      },
      silentKafkaLogger,
    );
    await kafka.start([]);
  });

  afterAll(async () => {
    for (const p of processes.values()) await p.stop('SIGTERM', 15_000);
    await kafka?.disconnect();
  });

  /** Our location with the station's connector 1 as EVSE `evseUid`, connector "1". */
  const location = (name: string, lastUpdated: string) => ({
    countryCode: 'NL',
    partyId: 'VLT',
    locationId,
    publish: true,
    timeZone: 'Europe/Berlin',
    lastUpdated,
    connectorMappings: [
      { stationId, ocppConnectorId: 1, evseUid, evseId: `NL*VLT*E${run}*1`, connectorId: '1' },
    ],
    location: {
      country_code: 'NL',
      party_id: 'VLT',
      id: locationId,
      publish: true,
      name,
      address: 'Voltlane Straße 1, Parkhaus Süd, Ebene 3, Stellplätze 40-48',
      city: 'Berlin',
      postal_code: '10115',
      country: 'DEU',
      coordinates: { latitude: '52.520008', longitude: '13.404954' },
      time_zone: 'Europe/Berlin',
      evses: [
        {
          uid: evseUid,
          evse_id: `NL*VLT*E${run}*1`,
          status: 'AVAILABLE',
          connectors: [
            {
              id: '1',
              standard: 'IEC_62196_T2_COMBO',
              format: 'CABLE',
              power_type: 'DC',
              max_voltage: 920,
              max_amperage: 200,
              last_updated: lastUpdated,
            },
          ],
          last_updated: lastUpdated,
        },
      ],
      last_updated: lastUpdated,
    },
  });

  it('prices the session with the connector tariff and issues exactly one CDR', async () => {
    // The station's location, recorded by session-engine before the session starts (other topic).
    await publish(Topics.LocationUpserted, location('Chain Hub', '2026-11-01T00:00:00Z'));
    const db = new Pool({ connectionString: databaseUrl, max: 1 });
    try {
      await waitFor(
        async () =>
          (
            await db.query(
              `SELECT 1 FROM session_engine.station_connectors WHERE station_id = $1`,
              [stationId],
            )
          ).rowCount,
        (n) => n === 1,
        { timeoutMs: 60_000, intervalMs: 250, what: 'session-engine knows the location' },
      );
    } finally {
      await db.end();
    }

    // The connector's tariff: 0.30 €/kWh and 2.00 €/h charging, 20 % VAT, no step rounding.
    const tariff = {
      country_code: 'NL',
      party_id: 'VLT',
      id: tariffId,
      currency: 'EUR',
      elements: [
        {
          price_components: [
            { type: 'ENERGY', price: 0.3, vat: 20, step_size: 1 },
            { type: 'TIME', price: 2.0, vat: 20, step_size: 1 },
          ],
        },
      ],
      last_updated: '2026-11-01T00:00:00Z',
    };
    const api = async (method: string, path: string, body: unknown) => {
      const res = await fetch(`http://127.0.0.1:${ports['tariff-rating']}${path}`, {
        method,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_API_KEY}` },
        body: JSON.stringify(body),
      });
      return { status: res.status, body: (await res.json()) as Json };
    };
    expect((await api('PUT', `/v1/tariffs/NL/VLT/${tariffId}`, tariff)).status).toBe(201);
    const assignment = await api('POST', '/v1/tariff-assignments', {
      location_id: locationId,
      evse_uid: evseUid,
      connector_id: '1',
      tariff_country_code: 'NL',
      tariff_party_id: 'VLT',
      tariff_id: tariffId,
    });
    expect(assignment.status).toBe(201);

    // One hour of charging at 22 kW: 100.000 → 122.000 kWh on the register.
    const t0 = Date.parse('2026-11-20T10:00:00.000Z');
    const at = (minutes: number) => new Date(t0 + minutes * 60_000).toISOString();
    const sample = (minutes: number, wh: number) => [
      {
        timestamp: at(minutes),
        value: wh,
        measurand: 'Energy.Active.Import.Register' as const,
        unit: 'Wh' as const,
        context: 'Sample.Periodic' as const,
        location: 'Outlet' as const,
      },
      {
        timestamp: at(minutes),
        value: 22_000,
        measurand: 'Power.Active.Import' as const,
        unit: 'W' as const,
        context: 'Sample.Periodic' as const,
        location: 'Outlet' as const,
      },
    ];
    await publish(Topics.OcppTransactionStarted, {
      stationId,
      connectorId: 1,
      idTag: `TAG${run.toUpperCase()}`,
      idTagStatus: 'Accepted',
      meterStartWh: 100_000,
      timestamp: at(0),
      transactionId,
    });
    await publish(Topics.OcppMeterValuesReceived, {
      stationId,
      connectorId: 1,
      transactionId,
      sampledValues: sample(30, 111_000),
    });

    // The location changes while the session runs: the CDR keeps the location of the start.
    await publish(Topics.LocationUpserted, location('Chain Hub (renamed)', at(20)));

    // session-engine dies mid-transaction and comes back.
    expect((await processes.get('session-engine')?.stop('SIGKILL'))?.signal).toBe('SIGKILL');
    await start('session-engine');

    await publish(Topics.OcppMeterValuesReceived, {
      stationId,
      connectorId: 1,
      transactionId,
      sampledValues: sample(60, 122_000),
    });
    const stop = {
      stationId,
      transactionId,
      connectorId: 1,
      idTag: `TAG${run.toUpperCase()}`,
      meterStopWh: 122_000,
      timestamp: at(60),
      reason: 'EVDisconnected' as const,
    };
    await publish(Topics.OcppTransactionStopped, stop);
    await publish(Topics.OcppTransactionStopped, stop); // a station resending its stop

    const [cdr] = await waitFor(cdrsForStation, (cdrs) => cdrs.length >= 1, {
      timeoutMs: 120_000,
      intervalMs: 1_000,
      what: `the CDR of ${stationId}`,
    }).catch((err: unknown) => {
      const tails = [...processes.entries()].map(([s, p]) => `--- ${s}\n${p.tail(20)}`);
      throw new Error(`${String(err)}\n${tails.join('\n')}`);
    });

    // Expected, computed here: 22 kWh × 0.30 = 6.60, 1 h × 2.00 = 2.00 → 8.60 excl., 10.32 incl.
    expect(cdr.data.totalEnergyWh).toBe(22_000);
    expect(cdr.data.currency).toBe('EUR');
    expect(cdr.data.totalCost.exclVat).toBeCloseTo(8.6, 6);
    expect(cdr.data.totalCost.inclVat).toBeCloseTo(10.32, 6);
    expect(cdr.data.cdr.total_energy).toBeCloseTo(22, 4);
    expect(cdr.data.cdr.total_time).toBeCloseTo(1, 4);
    expect(cdr.data.cdr.total_energy_cost.excl_vat).toBeCloseTo(6.6, 6);
    expect(cdr.data.cdr.total_time_cost.excl_vat).toBeCloseTo(2.0, 6);

    // Where: the location as it was at the session start (address cut to the CDR's 45 chars).
    expect(cdr.data.cdr.cdr_location).toEqual({
      id: locationId,
      name: 'Chain Hub',
      address: 'Voltlane Straße 1, Parkhaus Süd, Ebene 3, Ste',
      city: 'Berlin',
      postal_code: '10115',
      country: 'DEU',
      coordinates: { latitude: '52.520008', longitude: '13.404954' },
      evse_uid: evseUid,
      evse_id: `NL*VLT*E${run}*1`,
      connector_id: '1',
      connector_standard: 'IEC_62196_T2_COMBO',
      connector_format: 'CABLE',
      connector_power_type: 'DC',
    });
    // Which tariff: the one assigned to the connector, as it was when the session was rated.
    // (tariff-rating stores `last_updated` with milliseconds: the same instant.)
    expect(cdr.data.cdr.tariffs).toEqual([
      { ...tariff, last_updated: expect.stringMatching(/^2026-11-01T00:00:00(\.000)?Z$/) },
    ]);

    // Nothing more arrives: exactly one CDR for this session.
    await new Promise((r) => setTimeout(r, 3_000));
    const all = await cdrsForStation();
    expect(all).toHaveLength(1);
    expect(all[0].data.sessionId).toBe(cdr.data.sessionId);
  });
});
