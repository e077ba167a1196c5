import { randomBytes, randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { RPCClient } from 'ocpp-rpc';
import { WebSocket } from 'ws';
import {
  createEnvelope,
  keyOf,
  toHeaders,
  Topics,
  type AuthorizationDecidedV1,
  type AuthorizationRequestedV1,
  type TopicDataMap,
  type TopicName,
} from '@voltlane/contracts-events';
import { KafkaPlatform, silentKafkaLogger, type InboundEvent } from '@voltlane/platform-kafka';
// Specs may use the test helpers; the module-boundary rule has no spec-file exception for apps yet.
import { findFreePorts } from '@voltlane/infra';
import { NodeProcess } from '@voltlane/testing';

/**
 * Real-time authorization (ADR 0014) against the real gateway process and broker, with a test-side
 * responder standing in for ocpi-cpo: the eMSP's decisions reach the station (Accepted with expiry
 * and parent, Blocked, Expired), the fallback policy applies when no decision comes in time, and a
 * remembered acceptance that expired is answered Expired. Also: the stations' confirmations to
 * CSMS → station commands are validated against the official `.conf` schemas.
 */
jest.setTimeout(180_000);

const ADMIN_KEY = 'ocpp-gateway-auth-e2e-admin-key-0123456789';
// Generous: the round trip crosses the broker twice on a shared, busy CI machine.
const TIMEOUT_MS = 4_000;
const run = randomBytes(3).toString('hex').toUpperCase();
const dbName = `ocpp_gw_auth_${run.toLowerCase()}`;
const station = `AUTH-${run}`;
const tag = (name: string) => `${name}${run}`;
const hour = () => new Date(Date.now() + 3_600_000).toISOString();

describe('ocpp-gateway real-time authorization and command confirmations', () => {
  let kafka: KafkaPlatform;
  let gateway: NodeProcess;
  let port: number;
  let client: RPCClient;
  const requests: AuthorizationRequestedV1[] = [];
  /** idTag → the decision the responder gives (undefined: it stays silent, like an eMSP timeout). */
  const answers = new Map<string, Partial<AuthorizationDecidedV1> | undefined>();

  const publish = async <T extends TopicName>(topic: T, data: TopicDataMap[T]) => {
    const envelope = createEnvelope(topic, data, {
      producer: 'ocpi-cpo',
      correlationId: randomUUID(),
      causationId: null,
    });
    const record = {
      topic,
      key: keyOf(topic, data),
      value: JSON.stringify(envelope),
      headers: toHeaders(envelope),
    };
    // A partition that just got its leader may refuse the first send: retry briefly.
    for (let attempt = 1; ; attempt++) {
      try {
        return await kafka.producer.send([record]);
      } catch (err) {
        if (attempt >= 10) throw err;
        await new Promise((r) => setTimeout(r, 500));
      }
    }
  };

  const token = (uid: string, whitelist: 'NEVER' | 'ALLOWED_OFFLINE') =>
    publish(Topics.TokenUpserted, {
      countryCode: 'DE',
      partyId: 'VLE',
      uid,
      type: 'RFID',
      contractId: `DE-VLE-${uid}`,
      valid: true,
      whitelist,
      origin: 'received-from-emsp',
      lastUpdated: new Date().toISOString(),
      token: { country_code: 'DE', party_id: 'VLE', uid, valid: true, whitelist },
    });

  const authorize = async (idTag: string) =>
    ((await client.call('Authorize', { idTag })) as { idTagInfo: Record<string, unknown> })
      .idTagInfo;

  const api = async (path: string, body: unknown) => {
    const res = await fetch(`http://127.0.0.1:${port}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(15_000),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

  beforeAll(async () => {
    const base = process.env.DATABASE_URL ?? '';
    const admin = new Client({ connectionString: base });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${dbName}"`);
    await admin.end();
    const url = new URL(base);
    url.pathname = `/${dbName}`;
    [port] = await findFreePorts(1);
    const env = {
      PORT: String(port),
      HOST: '127.0.0.1',
      KAFKA_BROKERS: process.env.KAFKA_BROKERS ?? '',
      DATABASE_URL: url.toString(),
      ADMIN_API_KEY: ADMIN_KEY,
      OCPP_AUTO_REGISTER: 'true',
      OCPP_REALTIME_AUTHORIZATION_TIMEOUT_MS: String(TIMEOUT_MS),
      KAFKA_CONSUMER_GROUP: `ocpp-gateway-e2e-${dbName}`,
      GATEWAY_INSTANCE_ID: `auth-e2e-${run}`,
      SHUTDOWN_TIMEOUT_MS: '10000',
    };
    const migrate = new NodeProcess(['apps', 'ocpp-gateway', 'src', 'migrate.js'], env).start();
    if ((await migrate.exit)?.code !== 0) throw new Error(`migrate failed:\n${migrate.tail()}`);

    kafka = new KafkaPlatform(
      { brokers: env.KAFKA_BROKERS.split(','), clientId: `auth-e2e-${run}`, defaultPartitions: 6 },
      silentKafkaLogger,
    );
    await kafka.start([
      Topics.OcppAuthorizationRequested,
      Topics.OcppAuthorizationDecided,
      Topics.TokenUpserted,
      Topics.OcppCommandRequested,
      Topics.OcppCommandCompleted,
    ]);
    // The responder (ocpi-cpo's role): answers this test's requests as `answers` says.
    const responder = kafka.createConsumer({
      groupId: `auth-e2e-responder-${run}`,
      topics: [Topics.OcppAuthorizationRequested],
      isTransient: () => true,
      handler: async (events: InboundEvent[]) => {
        for (const e of events) {
          const req = e.envelope.data as AuthorizationRequestedV1;
          if (req.stationId !== station) continue;
          requests.push(req);
          const answer = answers.get(req.idTag);
          if (!answer) continue;
          await publish(Topics.OcppAuthorizationDecided, {
            requestId: req.requestId,
            stationId: req.stationId,
            idTag: req.idTag,
            status: 'Accepted',
            decisionSource: 'emsp-real-time',
            decidedAt: new Date().toISOString(),
            ...answer,
          });
        }
      },
    });
    await responder.start();

    gateway = NodeProcess.service('ocpp-gateway', env).start();
    await gateway.waitForLine(/"msg":"listening"/, 60_000);
    const options: Partial<ConstructorParameters<typeof RPCClient>[0]> = {
      endpoint: `ws://127.0.0.1:${port}/ocpp`,
      identity: station,
      protocols: ['ocpp1.6'],
      strictMode: true,
      reconnect: false,
      callTimeoutMs: 20_000,
    };
    client = new RPCClient(options as ConstructorParameters<typeof RPCClient>[0]);
    await client.connect();
    await client.call('BootNotification', { chargePointVendor: 'Test', chargePointModel: 'RT' });
  });

  afterAll(async () => {
    await client?.close({ force: true }).catch(() => undefined);
    await gateway?.stop('SIGTERM');
    await kafka?.disconnect();
    const admin = new Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
    await admin.end();
  });

  it("answers with the eMSP's real-time acceptance, expiry date and parent idTag", async () => {
    const idTag = tag('RTACC');
    const expiryDate = hour();
    answers.set(idTag, { status: 'Accepted', expiryDate, parentIdTag: 'PARENT1' });
    // The gateway's decision consumer joins its group after start-up: retry until it answers.
    const deadline = Date.now() + 60_000;
    let info = await authorize(idTag);
    while (info.status !== 'Accepted' && Date.now() < deadline) info = await authorize(idTag);
    expect(info).toEqual({ status: 'Accepted', expiryDate, parentIdTag: 'PARENT1' });
    const asked = requests.filter((r) => r.idTag === idTag).at(-1);
    expect(asked).toMatchObject({ stationId: station, idTag });
    expect(Date.parse(asked?.expiresAt ?? '') - Date.parse(asked?.requestedAt ?? '')).toBe(
      TIMEOUT_MS,
    );
  });

  it('answers Blocked and Expired as decided, and Expired for an acceptance already expired', async () => {
    answers.set(tag('RTBLK'), { status: 'Blocked' });
    answers.set(tag('RTEXP'), { status: 'Expired' });
    answers.set(tag('RTOLD'), { status: 'Accepted', expiryDate: '2020-01-01T00:00:00.000Z' });
    expect(await authorize(tag('RTBLK'))).toEqual({ status: 'Blocked' });
    expect(await authorize(tag('RTEXP'))).toEqual({ status: 'Expired' });
    expect(await authorize(tag('RTOLD'))).toEqual({ status: 'Expired' });
  });

  it('falls back when the eMSP does not answer in time: ALLOWED_OFFLINE Accepted, NEVER and unknown Invalid', async () => {
    await token(tag('OFF'), 'ALLOWED_OFFLINE');
    await token(tag('NEV'), 'NEVER');
    await token(tag('OFFBLK'), 'ALLOWED_OFFLINE');
    answers.set(tag('OFFBLK'), { status: 'Blocked' });
    // Tokens arrive through the gateway's token consumer: wait until the offline one is known.
    const deadline = Date.now() + 60_000;
    let offline = await authorize(tag('OFF'));
    while (offline.status !== 'Accepted' && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 500));
      offline = await authorize(tag('OFF'));
    }
    expect(offline).toEqual({ status: 'Accepted' });
    const started = Date.now();
    expect(await authorize(tag('NEV'))).toEqual({ status: 'Invalid' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(TIMEOUT_MS - 100);
    expect(await authorize(tag('NOBODY'))).toEqual({ status: 'Invalid' });
    // ALLOWED_OFFLINE still asks the eMSP while it is reachable, and follows its answer.
    expect(await authorize(tag('OFFBLK'))).toEqual({ status: 'Blocked' });
    expect(requests.map((r) => r.idTag)).toEqual(
      expect.arrayContaining([tag('OFF'), tag('NEV'), tag('NOBODY'), tag('OFFBLK')]),
    );
  });

  it('answers Expired when the remembered acceptance expired and the eMSP is unreachable', async () => {
    const idTag = tag('RTLATE');
    const expiry = Date.now() + 3 * TIMEOUT_MS;
    const expiryDate = new Date(expiry).toISOString();
    answers.set(idTag, { status: 'Accepted', expiryDate });
    expect((await authorize(idTag)).status).toBe('Accepted');
    answers.set(idTag, undefined); // the eMSP goes silent
    // Until the expiry the remembered acceptance holds (stored by the shared-group consumer).
    let info = await authorize(idTag);
    while (info.status !== 'Accepted' && Date.now() < expiry - TIMEOUT_MS - 500)
      info = await authorize(idTag);
    expect(info).toEqual({ status: 'Accepted', expiryDate });
    await new Promise((r) => setTimeout(r, Math.max(0, expiry - Date.now() + 200)));
    expect(await authorize(idTag)).toEqual({ status: 'Expired' });
  });

  it('StartTransaction asks with the connector and reuses the acceptance of the Authorize before', async () => {
    const idTag = tag('RTSTART');
    answers.set(idTag, { status: 'Accepted', expiryDate: hour() });
    expect((await authorize(idTag)).status).toBe('Accepted');
    const before = requests.filter((r) => r.idTag === idTag).length;
    const start = (await client.call('StartTransaction', {
      connectorId: 2,
      idTag,
      meterStart: 0,
      timestamp: new Date().toISOString(),
    })) as { idTagInfo: { status: string } };
    expect(start.idTagInfo.status).toBe('Accepted');
    await new Promise((r) => setTimeout(r, 1_000));
    expect(requests.filter((r) => r.idTag === idTag)).toHaveLength(before);
    // A start without an Authorize before is asked for, with its connector.
    const other = tag('RTSTART2');
    answers.set(other, { status: 'Blocked' });
    const blocked = (await client.call('StartTransaction', {
      connectorId: 3,
      idTag: other,
      meterStart: 0,
      timestamp: new Date().toISOString(),
    })) as { idTagInfo: { status: string } };
    expect(blocked.idTagInfo.status).toBe('Blocked');
    expect(requests.find((r) => r.idTag === other)).toMatchObject({ connectorId: 3 });
  });

  describe('confirmations to CSMS → station commands', () => {
    const rawStation = `AUTHRAW-${run}`;
    let ws: WebSocket;
    /** How the raw station answers the next CALL it receives. */
    let reply: (id: string) => unknown = (id) => [3, id, { status: 'Accepted' }];

    beforeAll(async () => {
      ws = new WebSocket(`ws://127.0.0.1:${port}/ocpp/${rawStation}`, ['ocpp1.6']);
      await new Promise((resolve, reject) => {
        ws.once('open', resolve);
        ws.once('error', reject);
      });
      ws.on('message', (data) => {
        const frame = JSON.parse(String(data)) as unknown[];
        if (frame[0] !== 2) return;
        const answer = reply(frame[1] as string);
        ws.send(typeof answer === 'string' ? answer : JSON.stringify(answer));
      });
    });

    afterAll(() => ws?.terminate());

    it('a valid confirmation: Responded (200)', async () => {
      reply = (id) => [3, id, { status: 'Accepted' }];
      const res = await api(`/api/v1/stations/${rawStation}/commands/Reset`, { type: 'Soft' });
      expect(res).toMatchObject({
        status: 200,
        body: { outcome: 'Responded', responseStatus: 'Accepted' },
      });
    });

    it('a confirmation that breaks the .conf schema: InvalidResponse (502), the gateway keeps serving', async () => {
      reply = (id) => [3, id, { status: 'Maybe' }];
      const bad = await api(`/api/v1/stations/${rawStation}/commands/Reset`, { type: 'Soft' });
      expect(bad.status).toBe(502);
      expect(bad.body).toMatchObject({
        outcome: 'InvalidResponse',
        response: { status: 'Maybe' },
        error: {
          code: 'InvalidResponse',
          description: expect.stringContaining('PropertyConstraintViolation'),
        },
      });
      reply = (id) => [3, id, { status: 'Accepted', extra: true }];
      const extra = await api(`/api/v1/stations/${rawStation}/commands/ChangeConfiguration`, {
        key: 'HeartbeatInterval',
        value: '60',
      });
      expect(extra.body).toMatchObject({ outcome: 'InvalidResponse' });
      reply = (id) => `[3, "${id}", "not an object"]`;
      const malformed = await api(`/api/v1/stations/${rawStation}/commands/ClearCache`, {});
      expect(malformed).toMatchObject({ status: 502, body: { outcome: 'InvalidResponse' } });
      expect(gateway.lines.join('\n')).toContain(
        'station answered a command with an invalid confirmation',
      );
      // The station's CALLERROR is reported with its code.
      reply = (id) => [4, id, 'NotSupported', 'not here', {}];
      const refused = await api(`/api/v1/stations/${rawStation}/commands/ClearCache`, {});
      expect(refused).toMatchObject({
        status: 200,
        body: { outcome: 'CallError', error: { code: 'NotSupported', description: 'not here' } },
      });
    });

    it('ocpp.command.requested with an invalid confirmation → ocpp.command.completed InvalidResponse', async () => {
      reply = (id) => [3, id, { status: 'Unlocked', reason: 'x' }];
      const commandId = randomUUID();
      await publish(Topics.OcppCommandRequested, {
        commandId,
        stationId: rawStation,
        command: 'UnlockConnector',
        payload: { connectorId: 1 },
        requester: 'ocpi-cpo',
        requestedAt: new Date().toISOString(),
        expiresAt: new Date(Date.now() + 60_000).toISOString(),
      });
      const deadline = Date.now() + 60_000;
      let completed: Record<string, unknown> | undefined;
      while (!completed && Date.now() < deadline) {
        const records = await kafka.readRaw(Topics.OcppCommandCompleted, {
          maxRecords: 1_000_000,
          timeoutMs: 3_000,
        });
        completed = records
          .filter((r) => r.key === rawStation)
          .map((r) => (JSON.parse(String(r.value)) as { data: Record<string, unknown> }).data)
          .find((d) => d.commandId === commandId);
      }
      expect(completed).toMatchObject({
        commandId,
        outcome: 'InvalidResponse',
        response: { status: 'Unlocked', reason: 'x' },
        error: { code: 'InvalidResponse' },
      });
      expect(completed).not.toHaveProperty('responseStatus');
    });
  });
});
