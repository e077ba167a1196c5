import { RPCClient } from 'ocpp-rpc';
import { randomBytes, randomUUID } from 'node:crypto';
import { request } from 'node:http';
import { Client } from 'pg';
import { WebSocket } from 'ws';
import {
  createEnvelope,
  keyOf,
  toHeaders,
  type TopicDataMap,
  type TopicName,
} from '@voltlane/contracts-events';
import { KafkaPlatform, silentKafkaLogger } from '@voltlane/platform-kafka';
// Specs may use the test helpers; the module-boundary rule has no spec-file exception for apps yet.
import { findFreePorts } from '@voltlane/infra';
import { NodeProcess } from '@voltlane/testing';

export const ADMIN_KEY = 'ocpp-gateway-e2e-admin-key-0123456789';

/** A fresh database (the gateway's schema is fixed), migrated, and the gateway process on it. */
export async function startGateway(extraEnv: Record<string, string> = {}) {
  const base = process.env.DATABASE_URL ?? '';
  const kafkaBrokers = process.env.KAFKA_BROKERS ?? '';
  const dbName = `ocpp_gw_e2e_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${dbName}"`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${dbName}`;
  const [port] = await findFreePorts(1);
  const env = {
    PORT: String(port),
    HOST: '127.0.0.1',
    KAFKA_BROKERS: kafkaBrokers,
    DATABASE_URL: url.toString(),
    ADMIN_API_KEY: ADMIN_KEY,
    SHUTDOWN_TIMEOUT_MS: '10000',
    OCPP_MAX_FRAME_BYTES: '4096',
    OCPP_PING_INTERVAL_SECONDS: '1',
    // An isolated consumer group: other gateways on the shared test broker must not take our events.
    KAFKA_CONSUMER_GROUP: `ocpp-gateway-e2e-${dbName}`,
    ...extraEnv,
  };
  const migrate = new NodeProcess(['apps', 'ocpp-gateway', 'src', 'migrate.js'], env).start();
  const migrated = await migrate.exit;
  if (migrated?.code !== 0) throw new Error(`migrate failed:\n${migrate.tail()}`);
  const service = NodeProcess.service('ocpp-gateway', env).start();
  await service.waitForLine(/"msg":"listening"/, 60_000);
  return {
    service,
    port,
    databaseUrl: url.toString(),
    wsUrl: `ws://127.0.0.1:${port}/ocpp`,
    async stop() {
      await service.stop('SIGTERM');
      const cleanup = new Client({ connectionString: base });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
      await cleanup.end();
    },
  };
}

export function api(port: number) {
  return async (
    method: string,
    path: string,
    body?: unknown,
    key: string | null = ADMIN_KEY,
  ): Promise<{ status: number; body: Record<string, unknown> }> => {
    const res = await fetch(`http://127.0.0.1:${port}${path}`, {
      method,
      headers: {
        ...(key ? { authorization: `Bearer ${key}` } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      body: body !== undefined ? JSON.stringify(body) : undefined,
      signal: AbortSignal.timeout(10_000),
    });
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
  };
}

/** A raw OCPP-J WebSocket for what a strict client refuses to send. */
export class RawStation {
  readonly received: unknown[] = [];
  private waiters: (() => void)[] = [];
  closed: Promise<{ code: number; reason: string }>;

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      this.received.push(JSON.parse(String(data)));
      for (const w of this.waiters.splice(0)) w();
    });
    this.closed = new Promise((resolve) =>
      ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
    );
  }

  static open(
    url: string,
    protocols: string[] = ['ocpp1.6'],
    headers: Record<string, string> = {},
  ): Promise<RawStation> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url, protocols, { headers });
      const station = new RawStation(ws);
      ws.once('open', () => resolve(station));
      ws.once('unexpected-response', (_req, res) =>
        reject(
          Object.assign(new Error(`HTTP ${res.statusCode}`), {
            status: res.statusCode,
            headers: res.headers,
          }),
        ),
      );
      ws.once('error', reject);
    });
  }

  send(frame: unknown): void {
    this.ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  /** The next answer with this message id (resolves with the first one not yet consumed). */
  async answer(messageId: string, timeoutMs = 10_000): Promise<unknown[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const index = this.received.findIndex((m) => Array.isArray(m) && m[1] === messageId);
      if (index >= 0) return this.received.splice(index, 1)[0] as unknown[];
      if (Date.now() > deadline) throw new Error(`no answer to ${messageId}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, 200);
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  async call(messageId: string, action: string, payload: unknown): Promise<unknown[]> {
    this.send([2, messageId, action, payload]);
    return this.answer(messageId);
  }

  close(): void {
    this.ws.close();
  }
}

/** Kafka access for the test: publish events as another service would, read topics raw. */
export async function testKafka() {
  const kafka = new KafkaPlatform(
    {
      brokers: (process.env.KAFKA_BROKERS ?? '').split(','),
      clientId: `ocpp-gw-e2e-${randomBytes(3).toString('hex')}`,
      defaultPartitions: 6,
    },
    silentKafkaLogger,
  );
  await kafka.start([]);
  return {
    kafka,
    async publish<T extends TopicName>(topic: T, data: TopicDataMap[T], producer: string) {
      const envelope = createEnvelope(topic, data, {
        producer,
        correlationId: randomBytes(8).toString('hex'),
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
    },
    /** The envelopes of `topic` with message key `key`. */
    async read(topic: string, key: string, timeoutMs = 4_000) {
      const records = await kafka.readRaw(topic, { maxRecords: 1_000_000, timeoutMs });
      return records
        .filter((r) => r.key === key)
        .map(
          (r) => JSON.parse(String(r.value)) as { eventId: string; data: Record<string, unknown> },
        );
    },
  };
}

/**
 * A bare WebSocket upgrade (a `ws` client gives up by itself when the server picks no
 * subprotocol): the HTTP status, the negotiated subprotocol and the close code the server sends.
 */
function rawUpgrade(
  port: number,
  path: string,
  protocol: string | null,
): Promise<{ status: number; protocol: string | undefined; closeCode: number | null }> {
  return new Promise((resolve, reject) => {
    const req = request({
      host: '127.0.0.1',
      port,
      path,
      headers: {
        connection: 'Upgrade',
        upgrade: 'websocket',
        'sec-websocket-version': '13',
        'sec-websocket-key': randomBytes(16).toString('base64'),
        ...(protocol ? { 'sec-websocket-protocol': protocol } : {}),
      },
    });
    req.on('upgrade', (res, socket, head: Buffer) => {
      let data = Buffer.from(head);
      const done = () => {
        // Server close frame: 0x88, length, 2-byte code.
        const code = data.length >= 4 && data[0] === 0x88 ? data.readUInt16BE(2) : null;
        socket.destroy();
        resolve({
          status: res.statusCode ?? 0,
          protocol: res.headers['sec-websocket-protocol'] as string | undefined,
          closeCode: code,
        });
      };
      if (data.length >= 4) return done();
      socket.on('data', (chunk: Buffer) => {
        data = Buffer.concat([data, chunk]);
        if (data.length >= 4) done();
      });
      socket.on('end', done);
    });
    req.on('response', (res) =>
      resolve({ status: res.statusCode ?? 0, protocol: undefined, closeCode: null }),
    );
    req.on('error', reject);
    req.end();
  });
}

/** A WebSocket that completes the handshake and then never answers anything (not even pings). */
function silentSocket(port: number, path: string): Promise<{ closed: Promise<void> }> {
  return new Promise((resolve, reject) => {
    const req = request({
      host: '127.0.0.1',
      port,
      path,
      headers: {
        connection: 'Upgrade',
        upgrade: 'websocket',
        'sec-websocket-version': '13',
        'sec-websocket-key': randomBytes(16).toString('base64'),
        'sec-websocket-protocol': 'ocpp1.6',
      },
    });
    req.on('upgrade', (_res, socket) => {
      socket.resume();
      resolve({ closed: new Promise<void>((done) => socket.once('close', () => done())) });
    });
    req.on('response', (res) => reject(new Error(`HTTP ${res.statusCode}`)));
    req.on('error', reject);
    req.end();
  });
}

// ---------------------------------------------------------------------------------------------

jest.setTimeout(120_000);

const run = randomBytes(3).toString('hex');
const sid = (name: string) => `E2E-${run}-${name}`;
const now = () => new Date().toISOString();
const rpcCode = (err: unknown) => (err as { rpcErrorCode?: string }).rpcErrorCode;

describe('ocpp-gateway over real WebSockets, Kafka and PostgreSQL', () => {
  let gw: Awaited<ReturnType<typeof startGateway>>;
  let call: ReturnType<typeof api>;
  let kafka: Awaited<ReturnType<typeof testKafka>>;
  const clients: RPCClient[] = [];

  const client = async (stationId: string, password?: string) => {
    // The typings declare every option as required; the client fills in defaults for the rest.
    const options: Partial<ConstructorParameters<typeof RPCClient>[0]> = {
      endpoint: gw.wsUrl,
      identity: stationId,
      password: password ?? null,
      protocols: ['ocpp1.6'],
      strictMode: true,
      reconnect: false,
      callTimeoutMs: 15_000,
    };
    const c = new RPCClient(options as ConstructorParameters<typeof RPCClient>[0]);
    clients.push(c);
    await c.connect();
    return c;
  };

  beforeAll(async () => {
    [gw, kafka] = await Promise.all([startGateway(), testKafka()]);
    call = api(gw.port);
  });

  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close({ force: true }).catch(() => undefined)));
    await kafka?.kafka.disconnect();
    await gw?.stop();
  });

  describe('station registry API', () => {
    it('requires the operator key', async () => {
      expect((await call('GET', `/api/v1/stations/${sid('x')}`, undefined, null)).status).toBe(401);
      expect((await call('PUT', `/api/v1/stations/${sid('x')}`, {}, 'wrong-key')).status).toBe(401);
    });

    it('creates (201), updates (200), shows and validates stations', async () => {
      const created = await call('PUT', `/api/v1/stations/${sid('reg')}`, {
        password: 'correct-horse-1',
        description: 'Test station',
      });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        stationId: sid('reg'),
        description: 'Test station',
        hasPassword: true,
        registrationStatus: 'Accepted',
        connection: { connected: false },
      });
      expect(JSON.stringify(created.body)).not.toContain('correct-horse-1');
      const updated = await call('PUT', `/api/v1/stations/${sid('reg')}`, { description: 'B' });
      expect(updated.status).toBe(200);
      expect(updated.body).toMatchObject({ description: 'B', hasPassword: true });
      const bad = await call('PUT', `/api/v1/stations/${sid('reg')}`, { password: 'short', x: 1 });
      expect(bad.status).toBe(400);
      expect((await call('GET', `/api/v1/stations/${sid('nope')}`)).status).toBe(404);
    });
  });

  describe('handshake', () => {
    beforeAll(async () => {
      await call('PUT', `/api/v1/stations/${sid('auth')}`, { password: 'correct-horse-2' });
      await call('PUT', `/api/v1/stations/${sid('open')}`, {});
    });

    it('refuses an unknown station with HTTP 401', async () => {
      await expect(RawStation.open(`${gw.wsUrl}/${sid('unknown')}`)).rejects.toMatchObject({
        status: 401,
      });
    });

    it('refuses a missing or wrong password with HTTP 401 and accepts the right one', async () => {
      await expect(RawStation.open(`${gw.wsUrl}/${sid('auth')}`)).rejects.toMatchObject({
        status: 401,
      });
      const basic = (user: string, pw: string) => ({
        authorization: `Basic ${Buffer.from(`${user}:${pw}`).toString('base64')}`,
      });
      await expect(
        RawStation.open(
          `${gw.wsUrl}/${sid('auth')}`,
          ['ocpp1.6'],
          basic(sid('auth'), 'wrong-pass-9'),
        ),
      ).rejects.toMatchObject({ status: 401 });
      await expect(
        RawStation.open(
          `${gw.wsUrl}/${sid('auth')}`,
          ['ocpp1.6'],
          basic(sid('open'), 'correct-horse-2'),
        ),
      ).rejects.toMatchObject({ status: 401 });
      const c = await client(sid('auth'), 'correct-horse-2');
      expect(c.protocol).toBe('ocpp1.6');
      await c.close();
    });

    it('answers 404 outside /ocpp/{stationId}', async () => {
      await expect(
        RawStation.open(`ws://127.0.0.1:${gw.port}/other/${sid('open')}`),
      ).rejects.toMatchObject({
        status: 404,
      });
    });

    it('completes the handshake without a subprotocol and closes (1002) when none is supported', async () => {
      for (const offered of [null, 'ocpp1.5', 'ocpp2.0.1']) {
        const result = await rawUpgrade(gw.port, `/ocpp/${sid('open')}`, offered);
        expect(result.status).toBe(101);
        expect(result.protocol).toBeUndefined();
        expect(result.closeCode).toBe(1002);
      }
    });
  });

  describe('station → CSMS messages (strict ocpp-rpc client)', () => {
    const station = sid('happy');
    const other = sid('happy2');
    const tokenUid = `TK${run}`.toUpperCase();
    const blockedUid = `BL${run}`.toUpperCase();
    let c: RPCClient;
    let transactionId: number;

    beforeAll(async () => {
      await call('PUT', `/api/v1/stations/${station}`, { password: 'happy-pass-123' });
      await call('PUT', `/api/v1/stations/${other}`, {});
      const token = (uid: string, valid: boolean) => ({
        countryCode: 'DE',
        partyId: 'VLE',
        uid,
        type: 'RFID' as const,
        contractId: `DE-VLE-${uid}`,
        valid,
        whitelist: 'ALLOWED' as const,
        origin: 'received-from-emsp' as const,
        lastUpdated: '2025-03-01T08:00:00Z',
        token: { country_code: 'DE', party_id: 'VLE', uid, valid },
      });
      await kafka.publish('token.token.upserted.v1', token(tokenUid, true), 'ocpi-cpo');
      await kafka.publish('token.token.upserted.v1', token(blockedUid, false), 'ocpi-cpo');
      c = await client(station, 'happy-pass-123');
    });

    it('BootNotification: Accepted with the heartbeat interval', async () => {
      const conf = await c.call('BootNotification', {
        chargePointVendor: 'Alfen BV',
        chargePointModel: 'NG920',
        firmwareVersion: '6.4.0',
      });
      expect(conf).toMatchObject({ status: 'Accepted', interval: 300 });
    });

    it('Heartbeat: the current time', async () => {
      const conf = (await c.call('Heartbeat', {})) as { currentTime: string };
      expect(Math.abs(Date.parse(conf.currentTime) - Date.now())).toBeLessThan(10_000);
    });

    it('StatusNotification for connector 0 and 1', async () => {
      await expect(
        c.call('StatusNotification', { connectorId: 0, errorCode: 'NoError', status: 'Available' }),
      ).resolves.toEqual({});
      await expect(
        c.call('StatusNotification', {
          connectorId: 1,
          errorCode: 'NoError',
          status: 'Preparing',
          timestamp: now(),
          info: 'plugged',
        }),
      ).resolves.toEqual({});
    });

    it('Authorize: Accepted from the token cache, Blocked for an invalid token, Invalid when unknown', async () => {
      const status = async (idTag: string) =>
        ((await c.call('Authorize', { idTag })) as { idTagInfo: { status: string } }).idTagInfo
          .status;
      const deadline = Date.now() + 60_000;
      while ((await status(tokenUid)) !== 'Accepted' && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 500));
      }
      expect(await status(tokenUid)).toBe('Accepted');
      expect(await status(blockedUid)).toBe('Blocked');
      expect(await status('NOBODY')).toBe('Invalid');
    });

    it('StartTransaction: a transactionId, the same one for a repeated start', async () => {
      const start = {
        connectorId: 1,
        idTag: tokenUid,
        meterStart: 1000,
        timestamp: '2025-03-14T09:31:00.000Z',
      };
      const conf = (await c.call('StartTransaction', start)) as {
        transactionId: number;
        idTagInfo: { status: string };
      };
      expect(conf.idTagInfo.status).toBe('Accepted');
      expect(conf.transactionId).toBeGreaterThan(0);
      transactionId = conf.transactionId;
      const again = (await c.call('StartTransaction', start)) as { transactionId: number };
      expect(again.transactionId).toBe(transactionId);
    });

    it('Authorize/StartTransaction on another station while the token charges: ConcurrentTx', async () => {
      const o = await client(other);
      const conf = (await o.call('Authorize', { idTag: tokenUid })) as {
        idTagInfo: { status: string };
      };
      expect(conf.idTagInfo.status).toBe('ConcurrentTx');
      await o.close();
    });

    it('MeterValues: acknowledged', async () => {
      await expect(
        c.call('MeterValues', {
          connectorId: 1,
          transactionId,
          meterValue: [
            {
              timestamp: '2025-03-14T09:46:00.000Z',
              sampledValue: [
                { value: '1500' },
                {
                  value: '230.4',
                  measurand: 'Voltage',
                  unit: 'V',
                  phase: 'L1-N',
                  context: 'Sample.Clock',
                  location: 'Inlet',
                },
                { value: '16.2', measurand: 'Current.Import', unit: 'A', phase: 'L2' },
                { value: '21.5', measurand: 'Temperature', unit: 'Celcius', location: 'Body' },
              ],
            },
          ],
        }),
      ).resolves.toEqual({});
    });

    it('StopTransaction with transactionData, and a duplicate stop acknowledged too', async () => {
      const stop = {
        transactionId,
        idTag: tokenUid,
        meterStop: 2500,
        timestamp: '2025-03-14T10:58:41.000Z',
        reason: 'EVDisconnected',
        transactionData: [
          {
            timestamp: '2025-03-14T10:58:41.000Z',
            sampledValue: [{ value: '2500', context: 'Transaction.End' }],
          },
        ],
      };
      await expect(c.call('StopTransaction', stop)).resolves.toEqual({
        idTagInfo: { status: 'Accepted' },
      });
      await expect(c.call('StopTransaction', stop)).resolves.toEqual({
        idTagInfo: { status: 'Accepted' },
      });
    });

    it('DataTransfer: UnknownVendorId; diagnostics and firmware status notifications', async () => {
      await expect(
        c.call('DataTransfer', { vendorId: 'com.example', messageId: 'x', data: 'y' }),
      ).resolves.toEqual({ status: 'UnknownVendorId' });
      await expect(
        c.call('DiagnosticsStatusNotification', { status: 'Uploaded' }),
      ).resolves.toEqual({});
      await expect(c.call('FirmwareStatusNotification', { status: 'Installed' })).resolves.toEqual(
        {},
      );
    });

    it('GET shows the connection, connector statuses and last boot', async () => {
      const res = await call('GET', `/api/v1/stations/${station}`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        connection: { connected: true, ocppProtocol: 'ocpp1.6' },
        lastBoot: { chargePointVendor: 'Alfen BV', chargePointModel: 'NG920', status: 'Accepted' },
        connectors: [
          { connectorId: 0, status: 'Available', errorCode: 'NoError' },
          { connectorId: 1, status: 'Preparing', info: 'plugged' },
        ],
      });
    });

    it('publishes every fact on Kafka, keyed by stationId; the duplicate stop only once', async () => {
      const read = (topic: string) => kafka.read(topic, station);
      const waitEvents = async (topic: string, n: number) => {
        const deadline = Date.now() + 60_000;
        for (;;) {
          const events = await read(topic);
          if (events.length >= n || Date.now() > deadline) return events;
        }
      };
      const [connected, booted, status, started, meter, stopped, transfer, diagnostics, firmware] =
        await Promise.all([
          waitEvents('ocpp.station.connected.v1', 1),
          waitEvents('ocpp.station.booted.v1', 1),
          waitEvents('ocpp.connector.status-changed.v1', 2),
          waitEvents('ocpp.transaction.started.v1', 1),
          waitEvents('ocpp.meter-values.received.v1', 1),
          waitEvents('ocpp.transaction.stopped.v1', 1),
          waitEvents('ocpp.data-transfer.received.v1', 1),
          waitEvents('ocpp.diagnostics.status-changed.v1', 1),
          waitEvents('ocpp.firmware.status-changed.v1', 1),
        ]);
      expect(transfer[0].data).toMatchObject({
        vendorId: 'com.example',
        messageId: 'x',
        data: 'y',
        respondedStatus: 'UnknownVendorId',
      });
      expect(diagnostics[0].data).toMatchObject({ stationId: station, status: 'Uploaded' });
      expect(firmware[0].data).toMatchObject({ stationId: station, status: 'Installed' });
      expect(connected[0].data).toMatchObject({ stationId: station, ocppProtocol: 'ocpp1.6' });
      expect(booted[0].data).toMatchObject({
        stationId: station,
        chargePointVendor: 'Alfen BV',
        registrationStatus: 'Accepted',
        heartbeatIntervalSeconds: 300,
      });
      expect(status.map((e) => e.data.connectorId).sort()).toEqual([0, 1]);
      expect(started.map((e) => e.data)).toEqual([
        expect.objectContaining({
          transactionId: String(transactionId),
          idTag: tokenUid,
          idTagStatus: 'Accepted',
          meterStartWh: 1000,
          connectorId: 1,
        }),
        ...(started.length > 1
          ? [expect.objectContaining({ transactionId: String(transactionId) })]
          : []),
      ]);
      expect(meter[0].data).toEqual({
        stationId: station,
        connectorId: 1,
        transactionId: String(transactionId),
        sampledValues: [
          {
            timestamp: '2025-03-14T09:46:00.000Z',
            value: 1500,
            measurand: 'Energy.Active.Import.Register',
            unit: 'Wh',
            context: 'Sample.Periodic',
            location: 'Outlet',
          },
          {
            timestamp: '2025-03-14T09:46:00.000Z',
            value: 230.4,
            measurand: 'Voltage',
            unit: 'V',
            context: 'Sample.Clock',
            location: 'Inlet',
            phase: 'L1-N',
          },
          {
            timestamp: '2025-03-14T09:46:00.000Z',
            value: 16.2,
            measurand: 'Current.Import',
            unit: 'A',
            context: 'Sample.Periodic',
            location: 'Outlet',
            phase: 'L2',
          },
          {
            timestamp: '2025-03-14T09:46:00.000Z',
            value: 21.5,
            measurand: 'Temperature',
            unit: 'Celsius',
            context: 'Sample.Periodic',
            location: 'Body',
          },
        ],
      });
      expect(stopped).toHaveLength(1);
      expect(stopped[0].data).toMatchObject({
        transactionId: String(transactionId),
        connectorId: 1,
        meterStopWh: 2500,
        reason: 'EVDisconnected',
        transactionData: [expect.objectContaining({ value: 2500, context: 'Transaction.End' })],
      });
    });
  });

  describe('registration states', () => {
    it('Pending and Rejected stations get their status and the retry interval; Rejected may only boot', async () => {
      await call('PUT', `/api/v1/stations/${sid('pending')}`, { registrationStatus: 'Pending' });
      await call('PUT', `/api/v1/stations/${sid('rejected')}`, { registrationStatus: 'Rejected' });
      const boot = { chargePointVendor: 'V', chargePointModel: 'M' };
      const p = await client(sid('pending'));
      await expect(p.call('BootNotification', boot)).resolves.toMatchObject({
        status: 'Pending',
        interval: 60,
      });
      const r = await client(sid('rejected'));
      await expect(r.call('BootNotification', boot)).resolves.toMatchObject({
        status: 'Rejected',
        interval: 60,
      });
      const err: unknown = await r.call('Heartbeat', {}).catch((e: unknown) => e);
      expect(rpcCode(err)).toBe('SecurityError');
    });
  });

  describe('CALLERROR codes and robustness (raw frames)', () => {
    let s: RawStation;
    const station = sid('raw');

    beforeAll(async () => {
      await call('PUT', `/api/v1/stations/${station}`, {});
      s = await RawStation.open(`${gw.wsUrl}/${station}`);
    });

    it.each([
      ['FormationViolation', 'a payload that is not an object', [2, 'f1', 'Heartbeat', []]],
      ['FormationViolation', 'an unknown property', [2, 'f2', 'Heartbeat', { x: 1 }]],
      ['ProtocolError', 'a CALL without payload', [2, 'p1', 'Heartbeat']],
      ['ProtocolError', 'an unknown message type', [5, 'p2', 'Heartbeat', {}]],
      [
        'PropertyConstraintViolation',
        'a value outside the enum',
        [
          2,
          'v1',
          'StatusNotification',
          { connectorId: 1, errorCode: 'NoError', status: 'Sleeping' },
        ],
      ],
      [
        'PropertyConstraintViolation',
        'a non-numeric meter value',
        [
          2,
          'v2',
          'MeterValues',
          {
            connectorId: 1,
            meterValue: [{ timestamp: '2025-01-01T00:00:00Z', sampledValue: [{ value: 'abc' }] }],
          },
        ],
      ],
      [
        'OccurenceConstraintViolation',
        'a missing required field',
        [2, 'o1', 'BootNotification', { chargePointVendor: 'V' }],
      ],
      [
        'TypeConstraintViolation',
        'a wrong type',
        [
          2,
          't1',
          'StatusNotification',
          { connectorId: '1', errorCode: 'NoError', status: 'Available' },
        ],
      ],
      ['NotImplemented', 'an unknown action', [2, 'n1', 'FlyToTheMoon', {}]],
      [
        'NotSupported',
        'a CSMS → station action sent by the station',
        [2, 'n2', 'RemoteStartTransaction', { idTag: 'X' }],
      ],
    ])('%s for %s', async (code, _what, frame) => {
      s.send(frame);
      const answer = await s.answer((frame as unknown[])[1] as string);
      expect(answer[0]).toBe(4);
      expect(answer[2]).toBe(code);
      expect(typeof answer[3]).toBe('string');
      expect(answer[4]).toEqual(expect.any(Object));
    });

    it('answers a repeated CALL id with the same answer and processes it once', async () => {
      const frame = [
        2,
        'dup-1',
        'MeterValues',
        {
          connectorId: 2,
          meterValue: [{ timestamp: '2025-01-01T00:00:00Z', sampledValue: [{ value: '77' }] }],
        },
      ];
      s.send(frame);
      s.send(frame);
      const first = await s.answer('dup-1');
      const second = await s.answer('dup-1');
      expect(first).toEqual([3, 'dup-1', {}]);
      expect(second).toEqual(first);
      const events = await kafka.read('ocpp.meter-values.received.v1', station, 6_000);
      expect(events.filter((e) => e.data.connectorId === 2)).toHaveLength(1);
    });

    it('survives garbage, binary frames and an oversized frame without affecting other stations', async () => {
      const bystander = await RawStation.open(`${gw.wsUrl}/${sid('open')}`);
      s.send('this is not json');
      s.send('[2, "unterminated"');
      s.send('{"an":"object"}');
      s.ws.send(Buffer.from([0xde, 0xad, 0xbe, 0xef]), { binary: true });
      expect(await s.call('h-after-garbage', 'Heartbeat', {})).toEqual([
        3,
        'h-after-garbage',
        expect.any(Object),
      ]);
      s.send(
        JSON.stringify([2, 'big', 'DataTransfer', { vendorId: 'x', data: 'x'.repeat(8_000) }]),
      );
      expect((await s.closed).code).toBe(1009);
      expect(await bystander.call('h-bystander', 'Heartbeat', {})).toEqual([
        3,
        'h-bystander',
        expect.any(Object),
      ]);
      bystander.close();
      expect((await call('GET', '/health/live')).status).toBe(200);
    });
  });

  describe('CSMS → station commands', () => {
    const station = sid('cmd');
    let c: RPCClient;
    const received: { method: string; params: unknown }[] = [];

    beforeAll(async () => {
      await call('PUT', `/api/v1/stations/${station}`, {});
      c = await client(station);
      c.handle('Reset', ({ params }) => {
        received.push({ method: 'Reset', params });
        return Promise.resolve({ status: 'Accepted' });
      });
      c.handle('RemoteStartTransaction', ({ params }) => {
        received.push({ method: 'RemoteStartTransaction', params });
        return Promise.resolve({ status: 'Accepted' });
      });
      c.handle('UnlockConnector', () => new Promise(() => undefined));
      c.handle('ClearCache', () => Promise.reject(new Error('nope')));
    });

    it('POST /commands/{Action} returns the station answer', async () => {
      const res = await call('POST', `/api/v1/stations/${station}/commands/Reset`, {
        type: 'Soft',
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        outcome: 'Responded',
        responseStatus: 'Accepted',
        response: { status: 'Accepted' },
      });
      expect(received).toContainEqual({ method: 'Reset', params: { type: 'Soft' } });
    });

    it('reports a CALLERROR, a timeout (504), an offline station (409) and refuses bad requests (400)', async () => {
      const err = await call('POST', `/api/v1/stations/${station}/commands/ClearCache`, {});
      expect(err.status).toBe(200);
      expect(err.body).toMatchObject({ outcome: 'CallError', error: { code: expect.any(String) } });
      const slow = await call(
        'POST',
        `/api/v1/stations/${station}/commands/UnlockConnector?timeoutMs=500`,
        { connectorId: 1 },
      );
      expect(slow.status).toBe(504);
      expect(slow.body).toMatchObject({ outcome: 'Timeout' });
      const offline = await call('POST', `/api/v1/stations/${sid('nobody')}/commands/Reset`, {
        type: 'Hard',
      });
      expect(offline.status).toBe(409);
      expect(
        (await call('POST', `/api/v1/stations/${station}/commands/Reset`, { type: 'Medium' }))
          .status,
      ).toBe(400);
      expect(
        (await call('POST', `/api/v1/stations/${station}/commands/SelfDestruct`, {})).status,
      ).toBe(400);
      expect(
        (await call('POST', `/api/v1/stations/${station}/commands/Reset`, { type: 'Soft' }, null))
          .status,
      ).toBe(401);
    });

    it('accepts the idTag of an accepted RemoteStartTransaction for the start that follows', async () => {
      const idTag = `RS${run}`.toUpperCase();
      const res = await call(
        'POST',
        `/api/v1/stations/${station}/commands/RemoteStartTransaction`,
        {
          connectorId: 1,
          idTag,
        },
      );
      expect(res.body).toMatchObject({ outcome: 'Responded', responseStatus: 'Accepted' });
      const start = (await c.call('StartTransaction', {
        connectorId: 1,
        idTag,
        meterStart: 0,
        timestamp: now(),
      })) as { idTagInfo: { status: string } };
      expect(start.idTagInfo.status).toBe('Accepted');
      const unknown = (await c.call('Authorize', { idTag })) as { idTagInfo: { status: string } };
      expect(unknown.idTagInfo.status).toBe('Invalid');
    });

    it('ocpp.command.requested → the station → ocpp.command.completed', async () => {
      const commandId = randomUUID();
      await kafka.publish(
        'ocpp.command.requested.v1',
        {
          commandId,
          stationId: station,
          command: 'Reset',
          payload: { type: 'Hard' },
          requester: 'ocpi-cpo',
          requesterReference: 'ref-1',
          requestedAt: now(),
          expiresAt: new Date(Date.now() + 60_000).toISOString(),
        },
        'ocpi-cpo',
      );
      const deadline = Date.now() + 60_000;
      let done: { data: Record<string, unknown> } | undefined;
      while (!done && Date.now() < deadline) {
        const events = await kafka.read('ocpp.command.completed.v1', station);
        done = events.find((e) => e.data.commandId === commandId);
      }
      expect(done?.data).toMatchObject({
        commandId,
        command: 'Reset',
        requester: 'ocpi-cpo',
        requesterReference: 'ref-1',
        outcome: 'Responded',
        responseStatus: 'Accepted',
      });
      expect(received).toContainEqual({ method: 'Reset', params: { type: 'Hard' } });
    });
  });

  describe('keepalive', () => {
    it('terminates a connection that stops answering pings (disconnected: heartbeat-timeout)', async () => {
      const station = sid('silent');
      await call('PUT', `/api/v1/stations/${station}`, {});
      const started = Date.now();
      const socket = await silentSocket(gw.port, `/ocpp/${station}`);
      await socket.closed;
      expect(Date.now() - started).toBeLessThan(15_000);
      const deadline = Date.now() + 60_000;
      let reasons: unknown[] = [];
      while (!reasons.includes('heartbeat-timeout') && Date.now() < deadline) {
        reasons = (await kafka.read('ocpp.station.disconnected.v1', station)).map(
          (e) => e.data.reason,
        );
      }
      expect(reasons).toEqual(['heartbeat-timeout']);
    });
  });

  describe('DELETE', () => {
    it('removes the station and closes its socket', async () => {
      await call('PUT', `/api/v1/stations/${sid('gone')}`, {});
      const s = await RawStation.open(`${gw.wsUrl}/${sid('gone')}`);
      expect((await call('DELETE', `/api/v1/stations/${sid('gone')}`)).status).toBe(204);
      expect((await s.closed).code).toBe(4001);
      expect((await call('GET', `/api/v1/stations/${sid('gone')}`)).status).toBe(404);
      await expect(RawStation.open(`${gw.wsUrl}/${sid('gone')}`)).rejects.toMatchObject({
        status: 401,
      });
    });
  });

  describe('shutdown', () => {
    it('closes station sockets with 1001 and exits 0 on SIGTERM', async () => {
      const s = await RawStation.open(`${gw.wsUrl}/${sid('open')}`);
      const result = await gw.service.stop('SIGTERM');
      expect((await s.closed).code).toBe(1001);
      expect(result?.code).toBe(0);
      expect(gw.service.tail(400)).not.toMatch(/not recorded/);
    });
  });
});
