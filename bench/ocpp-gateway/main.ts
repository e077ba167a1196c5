import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Client } from 'pg';
import { WebSocket } from 'ws';
import { findFreePorts, resolveInfrastructure } from '@voltlane/infra';
import { NodeProcess } from '@voltlane/testing';

/**
 * OCPP gateway benchmark: one gateway process (real Kafka acks=all, real PostgreSQL) and N simulated
 * OCPP 1.6J stations over real WebSockets in this process. Each station: BootNotification →
 * StatusNotification → StartTransaction → MeterValues every S seconds for the measured window →
 * StopTransaction. Prints one JSON document: connect time, CALLs/s, CALL→CALLRESULT latency
 * p50/p99/max per action, gateway memory per connection, errors; with BENCH_STORM=1 also a
 * reconnect storm (every socket dropped at once, all reconnect and boot again).
 * Options (env): BENCH_STATIONS (5000), BENCH_METER_INTERVAL_S (10), BENCH_SECONDS (60),
 * BENCH_CONNECT_CONCURRENCY (500), BENCH_STORM (0).
 */
const STATIONS = Number(process.env.BENCH_STATIONS ?? 5_000);
const METER_INTERVAL_S = Number(process.env.BENCH_METER_INTERVAL_S ?? 10);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 60);
const CONNECT_CONCURRENCY = Number(process.env.BENCH_CONNECT_CONCURRENCY ?? 500);
const STORM = process.env.BENCH_STORM === '1';
const CALL_TIMEOUT_MS = 60_000;

const log = (msg: string) => process.stderr.write(`[bench] ${msg}\n`);

class Stats {
  private readonly samples = new Map<string, number[]>();
  errors = new Map<string, number>();

  add(action: string, ms: number): void {
    let list = this.samples.get(action);
    if (!list) this.samples.set(action, (list = []));
    list.push(ms);
  }

  error(kind: string): void {
    this.errors.set(kind, (this.errors.get(kind) ?? 0) + 1);
  }

  summary(filter?: (action: string) => boolean) {
    const all: number[] = [];
    const perAction: Record<string, unknown> = {};
    for (const [action, list] of this.samples) {
      if (filter && !filter(action)) continue;
      for (const ms of list) all.push(ms);
      perAction[action] = percentiles(list);
    }
    return { all: percentiles(all), perAction };
  }
}

function percentiles(list: number[]) {
  const sorted = [...list].sort((a, b) => a - b);
  const at = (q: number) =>
    sorted.length
      ? round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))])
      : null;
  return { count: sorted.length, p50: at(0.5), p99: at(0.99), max: at(1) };
}

const round = (n: number) => Math.round(n * 100) / 100;

class SimStation {
  ws: WebSocket | null = null;
  private seq = 0;
  private readonly pending = new Map<string, (frame: unknown[]) => void>();
  transactionId = 0;
  meterWh = 0;

  constructor(
    readonly id: string,
    private readonly url: string,
    private readonly stats: Stats,
  ) {}

  connect(): Promise<void> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(`${this.url}/${this.id}`, ['ocpp1.6'], { perMessageDeflate: false });
      this.ws = ws;
      ws.once('open', () => resolve());
      ws.once('error', reject);
      ws.on('message', (data) => {
        const frame = JSON.parse(String(data)) as unknown[];
        const done = this.pending.get(frame[1] as string);
        if (done) {
          this.pending.delete(frame[1] as string);
          done(frame);
        }
      });
      ws.on('close', () => {
        for (const [id, done] of this.pending) {
          this.pending.delete(id);
          done([4, id, 'ConnectionClosed', '', {}]);
        }
      });
    });
  }

  async call(action: string, payload: object): Promise<Record<string, unknown> | null> {
    const ws = this.ws;
    if (!ws || ws.readyState !== ws.OPEN) {
      this.stats.error(`${action}:not-connected`);
      return null;
    }
    const id = `${++this.seq}`;
    const started = performance.now();
    const frame = await new Promise<unknown[]>((resolve) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        resolve([4, id, 'Timeout', '', {}]);
      }, CALL_TIMEOUT_MS);
      this.pending.set(id, (f) => {
        clearTimeout(timer);
        resolve(f);
      });
      ws.send(JSON.stringify([2, id, action, payload]));
    });
    if (frame[0] === 3) {
      this.stats.add(action, performance.now() - started);
      return frame[2] as Record<string, unknown>;
    }
    this.stats.error(`${action}:${String(frame[2])}`);
    return null;
  }
}

async function inBatches<T>(items: T[], concurrency: number, fn: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) await fn(items[next++]);
    }),
  );
}

function rssMb(pid: number | undefined): number | null {
  if (!pid) return null;
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? round(Number(match[1]) / 1024) : null;
}

/** The gateway's warn/error log lines, counted by message and error. */
function gatewayErrors(gateway: NodeProcess): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const line of gateway.lines) {
    if (!/"level":"(warn|error)"/.test(line)) continue;
    try {
      const entry = JSON.parse(line) as { msg?: string; error?: string; reason?: string };
      const key = `${entry.msg ?? '?'}${entry.error ? `: ${entry.error.slice(0, 120)}` : ''}${entry.reason ? ` (${entry.reason})` : ''}`;
      counts[key] = (counts[key] ?? 0) + 1;
    } catch {
      counts[line.slice(0, 120)] = (counts[line.slice(0, 120)] ?? 0) + 1;
    }
  }
  return counts;
}

async function main(): Promise<void> {
  const infra = await resolveInfrastructure({ log });
  const dbName = `ocpp_gw_bench_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: infra.databaseUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${dbName}"`);
  await admin.end();
  const url = new URL(infra.databaseUrl);
  url.pathname = `/${dbName}`;
  const [port] = await findFreePorts(1);
  const env = {
    PORT: String(port),
    HOST: '127.0.0.1',
    KAFKA_BROKERS: infra.kafkaBrokers.join(','),
    DATABASE_URL: url.toString(),
    ADMIN_API_KEY: 'ocpp-gateway-bench-admin-key-0123456789',
    OCPP_AUTO_REGISTER: 'true',
    LOG_LEVEL: 'warn',
  };
  const migrate = new NodeProcess(['apps', 'ocpp-gateway', 'src', 'migrate.js'], env).start();
  if ((await migrate.exit)?.code !== 0) throw new Error(`migrate failed:\n${migrate.tail()}`);
  const gateway = NodeProcess.service('ocpp-gateway', { ...env, LOG_LEVEL: 'info' }).start();
  const stats = new Stats();
  const stations: SimStation[] = [];
  try {
    await gateway.waitForLine(/"msg":"listening"/, 60_000);
    const rssBefore = rssMb(gateway.pid);
    const run = randomBytes(3).toString('hex');
    const wsUrl = `ws://127.0.0.1:${port}/ocpp`;
    for (let i = 0; i < STATIONS; i++) {
      stations.push(new SimStation(`BENCH-${run}-${i}`, wsUrl, stats));
    }

    log(`connecting ${STATIONS} stations`);
    const connectStart = performance.now();
    await inBatches(stations, CONNECT_CONCURRENCY, async (s) => {
      try {
        await s.connect();
      } catch {
        stats.error('connect');
      }
    });
    const connectMs = performance.now() - connectStart;
    const rssConnected = rssMb(gateway.pid);

    log('boot + status + start');
    const setupStart = performance.now();
    await inBatches(stations, CONNECT_CONCURRENCY, async (s) => {
      await s.call('BootNotification', { chargePointVendor: 'Bench', chargePointModel: 'Sim-1' });
      await s.call('StatusNotification', {
        connectorId: 1,
        errorCode: 'NoError',
        status: 'Preparing',
      });
      const conf = await s.call('StartTransaction', {
        connectorId: 1,
        idTag: 'BENCHTAG',
        meterStart: 0,
        timestamp: new Date().toISOString(),
      });
      s.transactionId = Number(conf?.transactionId ?? 0);
    });
    const setupMs = performance.now() - setupStart;

    log(`MeterValues every ${METER_INTERVAL_S} s for ${SECONDS} s`);
    const meterStart = performance.now();
    let meterCalls = 0;
    const deadline = Date.now() + SECONDS * 1000;
    await Promise.all(
      stations.map(async (s, i) => {
        // Spread the stations evenly over one interval.
        await new Promise((r) => setTimeout(r, (i / STATIONS) * METER_INTERVAL_S * 1000));
        while (Date.now() < deadline) {
          const tickStart = Date.now();
          s.meterWh += 250;
          meterCalls++;
          await s.call('MeterValues', {
            connectorId: 1,
            transactionId: s.transactionId,
            meterValue: [
              {
                timestamp: new Date().toISOString(),
                sampledValue: [
                  { value: String(s.meterWh) },
                  { value: '11000', measurand: 'Power.Active.Import', unit: 'W' },
                  { value: '230.1', measurand: 'Voltage', unit: 'V', phase: 'L1-N' },
                ],
              },
            ],
          });
          const wait = METER_INTERVAL_S * 1000 - (Date.now() - tickStart);
          if (wait > 0)
            await new Promise((r) => setTimeout(r, Math.min(wait, deadline - Date.now())));
        }
      }),
    );
    const meterMs = performance.now() - meterStart;

    log('stop');
    await inBatches(stations, CONNECT_CONCURRENCY, async (s) => {
      await s.call('StopTransaction', {
        transactionId: s.transactionId,
        meterStop: s.meterWh,
        timestamp: new Date().toISOString(),
        reason: 'EVDisconnected',
      });
    });

    let storm: Record<string, unknown> | null = null;
    if (STORM) {
      log('reconnect storm');
      for (const s of stations) s.ws?.terminate();
      await new Promise((r) => setTimeout(r, 1_000));
      const stormStats = new Stats();
      const stormStart = performance.now();
      let booted = 0;
      await Promise.all(
        stations.map(async (s) => {
          const sim = new SimStation(s.id, wsUrl, stormStats);
          try {
            await sim.connect();
          } catch {
            stormStats.error('connect');
            return;
          }
          const conf = await sim.call('BootNotification', {
            chargePointVendor: 'Bench',
            chargePointModel: 'Sim-1',
          });
          if (conf?.status === 'Accepted') booted++;
          s.ws = sim.ws;
        }),
      );
      storm = {
        stations: STATIONS,
        allBootedWithinMs: round(performance.now() - stormStart),
        booted,
        bootLatencyMs: stormStats.summary().perAction.BootNotification ?? null,
        errors: Object.fromEntries(stormStats.errors),
      };
    }

    const summary = stats.summary();
    const totalCalls = summary.all.count;
    const result = {
      stations: STATIONS,
      meterIntervalSeconds: METER_INTERVAL_S,
      measuredSeconds: SECONDS,
      connect: {
        totalMs: round(connectMs),
        perSecond: round(STATIONS / (connectMs / 1000)),
      },
      setup: { bootStatusStartMs: round(setupMs) },
      meterValues: {
        calls: meterCalls,
        callsPerSecond: round(meterCalls / (meterMs / 1000)),
        latencyMs: summary.perAction.MeterValues ?? null,
      },
      calls: { total: totalCalls, latencyMs: summary.all, perAction: summary.perAction },
      gatewayMemory: {
        rssBeforeMb: rssBefore,
        rssConnectedMb: rssConnected,
        perConnectionKb:
          rssBefore !== null && rssConnected !== null
            ? round(((rssConnected - rssBefore) * 1024) / STATIONS)
            : null,
      },
      errors: Object.fromEntries(stats.errors),
      reconnectStorm: storm,
      gatewayErrorLogs: gatewayErrors(gateway),
    };
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  } finally {
    for (const s of stations) s.ws?.terminate();
    await gateway.stop('SIGTERM');
    const cleanup = new Client({ connectionString: infra.databaseUrl });
    await cleanup.connect();
    await cleanup.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
    await cleanup.end();
    await infra.stop();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
