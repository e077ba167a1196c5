import { randomBytes, randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { RPCClient } from 'ocpp-rpc';
import { createEnvelope, keyOf, toHeaders } from '@voltlane/contracts-events';
import { KafkaPlatform, silentKafkaLogger } from '@voltlane/platform-kafka';
// Specs may use the test helpers; the module-boundary rule has no spec-file exception for apps yet.
import { findFreePorts } from '@voltlane/infra';
import { NodeProcess } from '@voltlane/testing';

/**
 * Two gateway replicas on one database and one broker (ADR 0013): a command reaches the replica
 * that holds the station's socket, exactly one result is published, a station connected nowhere
 * gets StationOffline, and a station that moves to the other replica keeps getting its commands.
 */
jest.setTimeout(180_000);

const ADMIN_KEY = 'ocpp-gateway-replicas-admin-key-0123456789';
const run = randomBytes(3).toString('hex');
const dbName = `ocpp_gw_rep_${run}`;

describe('two ocpp-gateway replicas', () => {
  const replicas: { name: string; port: number; process: NodeProcess }[] = [];
  const clients: RPCClient[] = [];
  let kafka: KafkaPlatform;
  const station = `REP-${run}`;

  const connect = async (port: number) => {
    const options: Partial<ConstructorParameters<typeof RPCClient>[0]> = {
      endpoint: `ws://127.0.0.1:${port}/ocpp`,
      identity: station,
      protocols: ['ocpp1.6'],
      strictMode: true,
      reconnect: false,
    };
    const c = new RPCClient(options as ConstructorParameters<typeof RPCClient>[0]);
    c.handle('Reset', ({ params }) =>
      Promise.resolve({
        status: (params as { type: string }).type === 'Soft' ? 'Accepted' : 'Rejected',
      }),
    );
    clients.push(c);
    await c.connect();
    return c;
  };

  const requestCommand = async (type: 'Soft' | 'Hard') => {
    const commandId = randomUUID();
    const data = {
      commandId,
      stationId: station,
      command: 'Reset' as const,
      payload: { type },
      requester: 'ocpi-cpo',
      requestedAt: new Date().toISOString(),
      expiresAt: new Date(Date.now() + 60_000).toISOString(),
    };
    const envelope = createEnvelope('ocpp.command.requested.v1', data, {
      producer: 'ocpi-cpo',
      correlationId: commandId,
      causationId: null,
    });
    await kafka.producer.send([
      {
        topic: 'ocpp.command.requested.v1',
        key: keyOf('ocpp.command.requested.v1', data),
        value: JSON.stringify(envelope),
        headers: toHeaders(envelope),
      },
    ]);
    return commandId;
  };

  const results = async (commandId: string, atLeast = 1) => {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const found = (
        await kafka.readRaw('ocpp.command.completed.v1', {
          maxRecords: 1_000_000,
          timeoutMs: 4_000,
        })
      )
        .filter((r) => r.key === station)
        .map((r) => JSON.parse(String(r.value)) as { data: Record<string, unknown> })
        .filter((e) => e.data.commandId === commandId);
      if (found.length >= atLeast || Date.now() > deadline) {
        // Give a would-be duplicate from the other replica time to show up.
        await new Promise((r) => setTimeout(r, 4_000));
        return (
          await kafka.readRaw('ocpp.command.completed.v1', {
            maxRecords: 1_000_000,
            timeoutMs: 4_000,
          })
        )
          .filter((r) => r.key === station)
          .map((r) => JSON.parse(String(r.value)) as { data: Record<string, unknown> })
          .filter((e) => e.data.commandId === commandId);
      }
    }
  };

  beforeAll(async () => {
    const admin = new Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${dbName}"`);
    await admin.end();
    const url = new URL(process.env.DATABASE_URL ?? '');
    url.pathname = `/${dbName}`;
    const ports = await findFreePorts(2);
    const env = (name: string, port: number) => ({
      PORT: String(port),
      HOST: '127.0.0.1',
      KAFKA_BROKERS: process.env.KAFKA_BROKERS ?? '',
      DATABASE_URL: url.toString(),
      ADMIN_API_KEY: ADMIN_KEY,
      OCPP_AUTO_REGISTER: 'true',
      GATEWAY_INSTANCE_ID: `gw-${name}-${run}`,
      GATEWAY_INTERNAL_URL: `http://127.0.0.1:${port}`,
      KAFKA_CONSUMER_GROUP: `ocpp-gateway-rep-${run}`,
      SHUTDOWN_TIMEOUT_MS: '10000',
    });
    const migrate = new NodeProcess(
      ['apps', 'ocpp-gateway', 'src', 'migrate.js'],
      env('a', ports[0]),
    ).start();
    expect((await migrate.exit)?.code).toBe(0);
    for (const [i, name] of ['a', 'b'].entries()) {
      const p = NodeProcess.service('ocpp-gateway', env(name, ports[i])).start();
      replicas.push({ name, port: ports[i], process: p });
    }
    await Promise.all(replicas.map((r) => r.process.waitForLine(/"msg":"listening"/, 60_000)));
    kafka = new KafkaPlatform(
      {
        brokers: (process.env.KAFKA_BROKERS ?? '').split(','),
        clientId: `rep-${run}`,
        defaultPartitions: 6,
      },
      silentKafkaLogger,
    );
    await kafka.start([]);
  });

  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close({ force: true }).catch(() => undefined)));
    await Promise.all(replicas.map((r) => r.process.stop('SIGTERM')));
    await kafka?.disconnect();
    const admin = new Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
    await admin.end();
  });

  it('routes a command to the replica holding the socket; exactly one result', async () => {
    const c = await connect(replicas[1].port);
    await c.call('BootNotification', { chargePointVendor: 'V', chargePointModel: 'M' });
    const commandId = await requestCommand('Soft');
    const found = await results(commandId);
    expect(found).toHaveLength(1);
    expect(found[0].data).toMatchObject({ outcome: 'Responded', responseStatus: 'Accepted' });
    await c.close();
  });

  it('answers StationOffline, once, for a station connected nowhere', async () => {
    const deadline = Date.now() + 30_000;
    // Wait until the disconnect is recorded.
    while (Date.now() < deadline) {
      const res = await fetch(`http://127.0.0.1:${replicas[0].port}/api/v1/stations/${station}`, {
        headers: { authorization: `Bearer ${ADMIN_KEY}` },
      });
      const body = (await res.json()) as { connection: { connected: boolean } };
      if (!body.connection.connected) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    const commandId = await requestCommand('Soft');
    const found = await results(commandId);
    expect(found).toHaveLength(1);
    expect(found[0].data).toMatchObject({ outcome: 'StationOffline' });
  });

  it('keeps delivering after the station moved to the other replica', async () => {
    const c = await connect(replicas[0].port);
    await c.call('BootNotification', { chargePointVendor: 'V', chargePointModel: 'M' });
    const commandId = await requestCommand('Hard');
    const found = await results(commandId);
    expect(found).toHaveLength(1);
    expect(found[0].data).toMatchObject({ outcome: 'Responded', responseStatus: 'Rejected' });
  });

  it('forwards an operator command to the replica holding the socket', async () => {
    // The station is on replica a now (previous test); ask replica b.
    const res = await fetch(
      `http://127.0.0.1:${replicas[1].port}/api/v1/stations/${station}/commands/Reset`,
      {
        method: 'POST',
        headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' },
        body: JSON.stringify({ type: 'Soft' }),
      },
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ outcome: 'Responded', responseStatus: 'Accepted' });
  });
});
