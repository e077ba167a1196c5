import { randomBytes, randomInt } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { WebSocket } from 'ws';
import { KafkaPlatform, silentKafkaLogger } from '@voltlane/platform-kafka';
// Specs may use the test helpers; the module-boundary rule has no spec-file exception for apps yet.
import { findFreePorts, isPortFree, provisionLocalKafka } from '@voltlane/infra';
import { NodeProcess } from '@voltlane/testing';

/**
 * Kafka outage (ADR 0010): the gateway on its own Kafka broker, which the test stops and starts.
 * While Kafka is down the socket stays up, StatusNotification is answered (outbox), MeterValues gets
 * InternalError (the station keeps it); when Kafka is back the same CALL succeeds and every event
 * arrives, without restarting anything.
 */
jest.setTimeout(240_000);

type Kafka = Awaited<ReturnType<typeof provisionLocalKafka>>;
const ADMIN_KEY = 'ocpp-gateway-outage-admin-key-0123456789';

async function freePortPair(): Promise<number> {
  for (;;) {
    const port = randomInt(20_000, 60_000);
    if ((await isPortFree(port)) && (await isPortFree(port + 1))) return port;
  }
}

function answerOf(ws: WebSocket, messageId: string, timeoutMs: number): Promise<unknown[]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer to ${messageId}`)), timeoutMs);
    const onMessage = (data: unknown) => {
      const frame = JSON.parse(String(data)) as unknown[];
      if (frame[1] !== messageId) return;
      clearTimeout(timer);
      ws.off('message', onMessage);
      resolve(frame);
    };
    ws.on('message', onMessage);
  });
}

function callOn(
  ws: WebSocket,
  messageId: string,
  action: string,
  payload: object,
  timeoutMs = 60_000,
) {
  const answer = answerOf(ws, messageId, timeoutMs);
  ws.send(JSON.stringify([2, messageId, action, payload]));
  return answer;
}

describe('ocpp-gateway during a Kafka outage', () => {
  const dir = mkdtempSync(join(tmpdir(), 'voltlane-gw-outage-'));
  const run = randomBytes(3).toString('hex');
  const stationId = `OUTAGE-${run}`;
  const dbName = `ocpp_gw_outage_${run}`;
  let kafkaPort: number;
  let kafka: Kafka | null = null;
  let gateway: NodeProcess | null = null;
  let ws: WebSocket | null = null;
  let httpPort: number;

  const startKafka = async () => {
    kafka = await provisionLocalKafka({
      dir: join(dir, 'kafka'),
      persistent: true,
      port: kafkaPort,
      log: () => undefined,
    });
  };

  beforeAll(async () => {
    kafkaPort = await freePortPair();
    [httpPort] = await findFreePorts(1);
    await startKafka();
    const admin = new Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${dbName}"`);
    await admin.end();
    const url = new URL(process.env.DATABASE_URL ?? '');
    url.pathname = `/${dbName}`;
    const env = {
      PORT: String(httpPort),
      HOST: '127.0.0.1',
      KAFKA_BROKERS: `127.0.0.1:${kafkaPort}`,
      DATABASE_URL: url.toString(),
      ADMIN_API_KEY: ADMIN_KEY,
      OCPP_AUTO_REGISTER: 'true',
      SHUTDOWN_TIMEOUT_MS: '10000',
    };
    const migrate = new NodeProcess(['apps', 'ocpp-gateway', 'src', 'migrate.js'], env).start();
    expect((await migrate.exit)?.code).toBe(0);
    gateway = NodeProcess.service('ocpp-gateway', env).start();
    await gateway.waitForLine(/"msg":"listening"/, 60_000);
    ws = await new Promise<WebSocket>((resolve, reject) => {
      const socket = new WebSocket(`ws://127.0.0.1:${httpPort}/ocpp/${stationId}`, ['ocpp1.6']);
      socket.once('open', () => resolve(socket));
      socket.once('error', reject);
    });
  });

  afterAll(async () => {
    ws?.terminate();
    await gateway?.stop('SIGKILL');
    await kafka?.stop();
    const admin = new Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
    await admin.end();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps the socket, answers statuses, refuses transaction messages, and recovers by itself', async () => {
    const socket = ws as WebSocket;
    const boot = await callOn(socket, 'b1', 'BootNotification', {
      chargePointVendor: 'V',
      chargePointModel: 'M',
    });
    expect(boot).toEqual([3, 'b1', expect.objectContaining({ status: 'Accepted' })]);
    const meter = {
      connectorId: 1,
      meterValue: [{ timestamp: '2025-01-01T00:00:00Z', sampledValue: [{ value: '4242' }] }],
    };
    expect(await callOn(socket, 'm0', 'MeterValues', meter)).toEqual([3, 'm0', {}]);

    await kafka?.stop();
    kafka = null;
    const status = await callOn(socket, 's1', 'StatusNotification', {
      connectorId: 1,
      errorCode: 'NoError',
      status: 'Charging',
    });
    expect(status).toEqual([3, 's1', {}]);
    const refused = await callOn(socket, 'm1', 'MeterValues', meter, 120_000);
    expect(refused[0]).toBe(4);
    expect(refused[2]).toBe('InternalError');
    expect(socket.readyState).toBe(WebSocket.OPEN);

    await startKafka();
    // The station retries the same CALL: InternalError answers are not remembered, so it is
    // processed again (not answered from the duplicate-id memory).
    const deadline = Date.now() + 120_000;
    let accepted: unknown[] = [];
    while (Date.now() < deadline) {
      accepted = await callOn(socket, 'm1', 'MeterValues', meter, 120_000);
      if (accepted[0] === 3) break;
      await new Promise((r) => setTimeout(r, 1_000));
    }
    expect(accepted).toEqual([3, 'm1', {}]);

    const reader = new KafkaPlatform(
      { brokers: [`127.0.0.1:${kafkaPort}`], clientId: `outage-${run}`, defaultPartitions: 6 },
      silentKafkaLogger,
    );
    try {
      await reader.start([]);
      const read = async (topic: string) =>
        (await reader.readRaw(topic, { maxRecords: 1_000, timeoutMs: 5_000 })).filter(
          (r) => r.key === stationId,
        );
      let statuses = await read('ocpp.connector.status-changed.v1');
      const until = Date.now() + 60_000;
      while (statuses.length === 0 && Date.now() < until) {
        statuses = await read('ocpp.connector.status-changed.v1');
      }
      expect(statuses).toHaveLength(1);
      expect((await read('ocpp.meter-values.received.v1')).length).toBeGreaterThanOrEqual(2);
    } finally {
      await reader.disconnect();
    }
  });
});
