import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { RPCClient } from 'ocpp-rpc';
import { WebSocket } from 'ws';
// Specs may use the test helpers; the module-boundary rule has no spec-file exception for apps yet.
import { findFreePorts } from '@voltlane/infra';
import { NodeProcess } from '@voltlane/testing';

/**
 * TLS in the gateway process (ADR 0015) with throw-away certificates made by the openssl CLI for
 * this test: a root CA, an intermediate CA and a server certificate for 127.0.0.1. The gateway is
 * given the server certificate alone plus the intermediate as OCPP_TLS_CA_FILE; clients trust only
 * the root, so every handshake also proves the gateway completes its chain. OCPP security profile 2
 * (wss + HTTP Basic) end to end with a strict OCPP client; plain ws:// is refused on that port;
 * bad TLS configuration exits 78 naming the variable.
 */
jest.setTimeout(180_000);

const ADMIN_KEY = 'ocpp-gateway-tls-e2e-admin-key-0123456789';
const run = randomBytes(3).toString('hex');
const dbName = `ocpp_gw_tls_${run}`;

function openssl(dir: string, args: string[]): void {
  execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
}

/** root → intermediate → server (SAN 127.0.0.1, localhost), EC P-256, valid for two days. */
function makeCertificates(dir: string) {
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];
  writeFileSync(
    join(dir, 'ca.ext'),
    'basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\n',
  );
  writeFileSync(
    join(dir, 'server.ext'),
    'basicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n' +
      'subjectAltName=IP:127.0.0.1,DNS:localhost\n',
  );
  openssl(dir, [
    'req',
    '-x509',
    ...ec,
    '-keyout',
    'root.key',
    '-out',
    'root.pem',
    '-days',
    '2',
    '-subj',
    '/CN=Voltlane Test Root',
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
  ]);
  openssl(dir, [
    'req',
    ...ec,
    '-keyout',
    'int.key',
    '-out',
    'int.csr',
    '-subj',
    '/CN=Voltlane Test Intermediate',
  ]);
  openssl(dir, [
    'x509',
    '-req',
    '-in',
    'int.csr',
    '-CA',
    'root.pem',
    '-CAkey',
    'root.key',
    '-CAcreateserial',
    '-out',
    'int.pem',
    '-days',
    '2',
    '-extfile',
    'ca.ext',
  ]);
  openssl(dir, [
    'req',
    ...ec,
    '-keyout',
    'server.key',
    '-out',
    'server.csr',
    '-subj',
    '/CN=127.0.0.1',
  ]);
  openssl(dir, [
    'x509',
    '-req',
    '-in',
    'server.csr',
    '-CA',
    'int.pem',
    '-CAkey',
    'int.key',
    '-CAcreateserial',
    '-out',
    'server.pem',
    '-days',
    '2',
    '-extfile',
    'server.ext',
  ]);
  openssl(dir, [
    'genpkey',
    '-algorithm',
    'EC',
    '-pkeyopt',
    'ec_paramgen_curve:P-256',
    '-out',
    'other.key',
  ]);
  return {
    root: readFileSync(join(dir, 'root.pem'), 'utf8'),
    cert: join(dir, 'server.pem'),
    key: join(dir, 'server.key'),
    intermediate: join(dir, 'int.pem'),
    otherKey: join(dir, 'other.key'),
  };
}

describe('ocpp-gateway with TLS in process', () => {
  let dir: string;
  let certs: ReturnType<typeof makeCertificates>;
  let gateway: NodeProcess;
  let port: number;
  let env: Record<string, string>;
  const clients: RPCClient[] = [];

  const https = (method: string, path: string, body?: unknown) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port,
          path,
          method,
          ca: certs.root,
          headers: {
            authorization: `Bearer ${ADMIN_KEY}`,
            ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
          },
        },
        (res) => {
          let text = '';
          res.on('data', (chunk: Buffer) => (text += chunk.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
        },
      );
      req.on('error', reject);
      req.end(body !== undefined ? JSON.stringify(body) : undefined);
    });

  const station = (identity: string, password: string | null) => {
    const options: Partial<ConstructorParameters<typeof RPCClient>[0]> = {
      endpoint: `wss://127.0.0.1:${port}/ocpp`,
      identity,
      password,
      protocols: ['ocpp1.6'],
      strictMode: true,
      reconnect: false,
      wsOpts: { ca: certs.root },
    };
    const c = new RPCClient(options as ConstructorParameters<typeof RPCClient>[0]);
    clients.push(c);
    return c;
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ocpp-gw-tls-'));
    certs = makeCertificates(dir);
    const base = process.env.DATABASE_URL ?? '';
    const admin = new Client({ connectionString: base });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${dbName}"`);
    await admin.end();
    const url = new URL(base);
    url.pathname = `/${dbName}`;
    [port] = await findFreePorts(1);
    env = {
      PORT: String(port),
      HOST: '127.0.0.1',
      KAFKA_BROKERS: process.env.KAFKA_BROKERS ?? '',
      DATABASE_URL: url.toString(),
      ADMIN_API_KEY: ADMIN_KEY,
      KAFKA_CONSUMER_GROUP: `ocpp-gateway-e2e-${dbName}`,
      SHUTDOWN_TIMEOUT_MS: '10000',
    };
    const migrate = new NodeProcess(['apps', 'ocpp-gateway', 'src', 'migrate.js'], env).start();
    if ((await migrate.exit)?.code !== 0) throw new Error(`migrate failed:\n${migrate.tail()}`);
    gateway = NodeProcess.service('ocpp-gateway', {
      ...env,
      OCPP_TLS_CERT_FILE: certs.cert,
      OCPP_TLS_KEY_FILE: certs.key,
      OCPP_TLS_CA_FILE: certs.intermediate,
    }).start();
    await gateway.waitForLine(/"msg":"listening"/, 60_000);
  });

  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close({ force: true }).catch(() => undefined)));
    await gateway?.stop('SIGTERM');
    const admin = new Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
    await admin.end();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('serves the station registry and health over HTTPS with the completed chain', async () => {
    expect((await https('GET', '/health/live')).status).toBe(200);
    const put = await https('PUT', `/api/v1/stations/TLS-${run}`, { password: 'tls-pass-1234' });
    expect(put.status).toBe(201);
    expect(JSON.parse((await https('GET', `/api/v1/stations/TLS-${run}`)).body)).toMatchObject({
      stationId: `TLS-${run}`,
    });
  });

  it('security profile 2: wss:// with HTTP Basic auth, a wrong password refused with 401', async () => {
    const good = station(`TLS-${run}`, 'tls-pass-1234');
    await good.connect();
    await expect(
      good.call('BootNotification', { chargePointVendor: 'Test', chargePointModel: 'TLS' }),
    ).resolves.toMatchObject({ status: 'Accepted' });
    const bad = station(`TLS-${run}`, 'wrong-password');
    await expect(bad.connect()).rejects.toThrow(/401|Unauthorized/);
  });

  it('refuses plain ws:// on the TLS port', async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/ocpp/TLS-${run}`, ['ocpp1.6']);
    const outcome = await new Promise<string>((resolve) => {
      ws.once('open', () => resolve('open'));
      ws.once('unexpected-response', (_req, res) => resolve(`http ${res.statusCode}`));
      ws.once('error', () => resolve('error'));
    });
    ws.terminate();
    expect(outcome).not.toBe('open');
  });

  it.each([
    [
      'a certificate without its key',
      () => ({ OCPP_TLS_CERT_FILE: certs.cert }),
      'OCPP_TLS_KEY_FILE',
      'must be set together',
    ],
    [
      'a missing certificate file',
      () => ({ OCPP_TLS_CERT_FILE: join(dir, 'nope.pem'), OCPP_TLS_KEY_FILE: certs.key }),
      'OCPP_TLS_CERT_FILE',
      'cannot be read (ENOENT)',
    ],
    [
      'a key that does not match',
      () => ({ OCPP_TLS_CERT_FILE: certs.cert, OCPP_TLS_KEY_FILE: certs.otherKey }),
      'OCPP_TLS_KEY_FILE',
      'does not match the certificate',
    ],
    [
      'a key file given as certificate',
      () => ({ OCPP_TLS_CERT_FILE: certs.key, OCPP_TLS_KEY_FILE: certs.key }),
      'OCPP_TLS_CERT_FILE',
      'is not a PEM certificate file',
    ],
    [
      'a CA file without certificate and key',
      () => ({ OCPP_TLS_CA_FILE: certs.intermediate }),
      'OCPP_TLS_CA_FILE',
      'needs OCPP_TLS_CERT_FILE',
    ],
  ])('exits 78 on %s, naming the variable', async (_what, tls, variable, message) => {
    const bad = NodeProcess.service('ocpp-gateway', { ...env, ...tls() }).start();
    const exit = await bad.exit;
    expect(exit?.code).toBe(78);
    const line = bad.lines.find((l) => l.includes('"exitCode":78')) ?? '';
    expect(line).toContain(variable);
    expect(line).toContain(message);
    expect(line).not.toContain('BEGIN');
  });
});
