import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
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
 * BENCH_CONNECT_CONCURRENCY (500), BENCH_STORM (0), BENCH_WARMUP_S (5: MeterValues sent before the
 * measured window, not counted — the setup's outbox backlog drains meanwhile), BENCH_GATEWAY_PROFILE_DIR (write a CPU profile
 * of the gateway's measured window there; summarize it with profile-summary.js),
 * BENCH_GATEWAY_NODE_OPTIONS (NODE_OPTIONS for the gateway, e.g. `--max-semi-space-size=64`).
 */
const STATIONS = Number(process.env.BENCH_STATIONS ?? 5_000);
const METER_INTERVAL_S = Number(process.env.BENCH_METER_INTERVAL_S ?? 10);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 60);
const CONNECT_CONCURRENCY = Number(process.env.BENCH_CONNECT_CONCURRENCY ?? 500);
const STORM = process.env.BENCH_STORM === '1';
const WARMUP_S = Number(process.env.BENCH_WARMUP_S ?? 5);
const PROFILING = Boolean(process.env.BENCH_GATEWAY_PROFILE_DIR);
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
  /** CALL → CALLRESULT time of the last successful call. */
  lastLatencyMs = 0;

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

  async call(
    action: string,
    payload: object,
    statsKey = action,
  ): Promise<Record<string, unknown> | null> {
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
      this.lastLatencyMs = performance.now() - started;
      this.stats.add(statsKey, this.lastLatencyMs);
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

/** CPU time (user + system) a process has used so far, in ms (Linux: clock ticks of 10 ms). */
function cpuMs(pid: number | undefined): number | null {
  if (!pid) return null;
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

const loadAverage = () => loadavg().map((n) => round(n));

/** Cumulative `ocpp_call_duration_seconds` buckets of MeterValues from the gateway's /metrics. */
async function meterValuesBuckets(port: number): Promise<Map<number, number> | null> {
  try {
    const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    const buckets = new Map<number, number>();
    const pattern =
      /^ocpp_call_duration_seconds_bucket\{(?=[^}]*action="MeterValues")[^}]*le="([^"]+)"[^}]*\} (\d+)/gm;
    for (const m of text.matchAll(pattern)) {
      buckets.set(m[1] === '+Inf' ? Infinity : Number(m[1]), Number(m[2]));
    }
    return buckets.size > 0 ? buckets : null;
  } catch {
    return null;
  }
}

/**
 * Gateway-side latency (CALL received → answered, as the gateway measures it) between two scrapes:
 * the upper bound of the bucket holding each quantile, in ms.
 */
function gatewaySideLatency(before: Map<number, number> | null, after: Map<number, number> | null) {
  if (!before || !after) return null;
  const bounds = [...after.keys()].sort((a, b) => a - b);
  const counts = bounds.map((b) => (after.get(b) ?? 0) - (before.get(b) ?? 0));
  const total = counts[counts.length - 1];
  const at = (q: number) => {
    const i = counts.findIndex((c) => c >= q * total);
    return i < 0 || bounds[i] === Infinity
      ? `> ${bounds[bounds.length - 2] * 1000}`
      : `≤ ${bounds[i] * 1000}`;
  };
  return { count: total, p50Ms: at(0.5), p99Ms: at(0.99), p999Ms: at(0.999) };
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
    // The simulated idTag is unknown; no ocpi-cpo answers real-time requests in the benchmark.
    OCPP_REALTIME_AUTHORIZATION: 'false',
    LOG_LEVEL: 'warn',
  };
  const migrate = new NodeProcess(['apps', 'ocpp-gateway', 'src', 'migrate.js'], env).start();
  if ((await migrate.exit)?.code !== 0) throw new Error(`migrate failed:\n${migrate.tail()}`);
  const gateway = NodeProcess.service('ocpp-gateway', {
    ...env,
    LOG_LEVEL: 'info',
    // CPU profile of the gateway under load (see gateway-profiler.ts), and extra Node/V8 options.
    ...(process.env.BENCH_GATEWAY_PROFILE_DIR
      ? { BENCH_GATEWAY_PROFILE_DIR: process.env.BENCH_GATEWAY_PROFILE_DIR }
      : {}),
    NODE_OPTIONS: [
      process.env.BENCH_GATEWAY_PROFILE_DIR
        ? `--require ${join(__dirname, 'gateway-profiler.js')}`
        : '',
      process.env.BENCH_GATEWAY_NODE_OPTIONS ?? '',
    ]
      .join(' ')
      .trim(),
  }).start();
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

    log(`MeterValues every ${METER_INTERVAL_S} s: ${WARMUP_S} s warm-up, ${SECONDS} s measured`);
    const warmupEnd = Date.now() + WARMUP_S * 1000;
    const deadline = warmupEnd + SECONDS * 1000;
    let meterCalls = 0;
    type Mark = {
      at: number;
      gatewayCpuMs: number | null;
      benchCpu: NodeJS.CpuUsage;
      buckets: Promise<Map<number, number> | null>;
    };
    let measure: Mark | null = null;
    const startMeasuring = () => {
      if (measure) return;
      measure = {
        at: performance.now(),
        gatewayCpuMs: cpuMs(gateway.pid),
        benchCpu: process.cpuUsage(),
        buckets: meterValuesBuckets(port),
      };
      if (PROFILING && gateway.pid) process.kill(gateway.pid, 'SIGUSR2');
    };
    const measureTimer = setTimeout(startMeasuring, WARMUP_S * 1000);
    const loadAtStart = loadAverage();
    /** p99 per 5-second window of the measured part: where the tail comes from. */
    const windows: number[][] = [];
    await Promise.all(
      stations.map(async (s, i) => {
        // Spread the stations evenly over one interval.
        await new Promise((r) => setTimeout(r, (i / STATIONS) * METER_INTERVAL_S * 1000));
        while (Date.now() < deadline) {
          const tickStart = Date.now();
          const measured = tickStart >= warmupEnd;
          s.meterWh += 250;
          if (measured) meterCalls++;
          const ok = await s.call(
            'MeterValues',
            {
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
            },
            measured ? 'MeterValues' : 'MeterValues (warm-up)',
          );
          if (measured && ok) {
            const w = Math.floor((tickStart - warmupEnd) / 5_000);
            (windows[w] ??= []).push(s.lastLatencyMs);
          }
          const wait = METER_INTERVAL_S * 1000 - (Date.now() - tickStart);
          if (wait > 0)
            await new Promise((r) => setTimeout(r, Math.min(wait, deadline - Date.now())));
        }
      }),
    );
    clearTimeout(measureTimer);
    startMeasuring();
    const m = measure as unknown as Mark;
    const meterMs = performance.now() - m.at;
    const gatewayCpuEnd = cpuMs(gateway.pid);
    if (PROFILING && gateway.pid) process.kill(gateway.pid, 'SIGUSR2');
    const benchCpu = process.cpuUsage(m.benchCpu);
    const loadAtEnd = loadAverage();
    const gatewaySide = gatewaySideLatency(await m.buckets, await meterValuesBuckets(port));
    const gatewayCpu =
      m.gatewayCpuMs !== null && gatewayCpuEnd !== null ? gatewayCpuEnd - m.gatewayCpuMs : null;
    const cpu = {
      gatewayCoreShare: gatewayCpu !== null ? round(gatewayCpu / meterMs) : null,
      gatewayCpuUsPerMeterValues:
        gatewayCpu !== null && meterCalls ? round((gatewayCpu * 1000) / meterCalls) : null,
      simulatorCoreShare: round((benchCpu.user + benchCpu.system) / 1000 / meterMs),
      loadAverageAtStart: loadAtStart,
      loadAverageAtEnd: loadAtEnd,
    };
    const p99PerWindow = windows.map((list) => percentiles(list).p99);

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
        p99Per5sWindowMs: p99PerWindow,
        gatewaySideLatency: gatewaySide,
        warmupSeconds: WARMUP_S,
      },
      cpu,
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
