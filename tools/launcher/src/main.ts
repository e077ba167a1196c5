import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { type Infrastructure, resolveInfrastructure } from '@voltlane/infra';
import { DevTraceReceiver } from './dev-trace-receiver';
import { findRepoRoot } from './repo-root';
import { waitUntilReady } from './readiness.probe';
import { SERVICE_CATALOG, type ServiceEntry, serviceEnvironment } from './service.catalog';
import { ServiceSupervisor } from './service.supervisor';

/**
 * `npm start`: finds or provisions Kafka and PostgreSQL, applies every service's migrations, starts
 * the six services as separate processes, waits until each answers /health/ready, prints where they
 * listen, restarts a service that dies, and stops everything it started on Ctrl-C. Unless
 * OTEL_EXPORTER_OTLP_ENDPOINT points elsewhere (or OTEL_SDK_DISABLED=true), it also runs the dev
 * trace receiver (VOLTLANE_TRACES_PORT, default 4318) and points the services' OTLP exporter at it.
 */
const MAX_RESTARTS = 5;
const say = (msg: string) => process.stdout.write(`[voltlane]         ${msg}\n`);

async function main(): Promise<void> {
  const root = findRepoRoot();
  const dist = join(root, 'dist');
  const started = Date.now();
  say('resolving infrastructure (KAFKA_BROKERS / DATABASE_URL, Docker, or local provisioning)…');
  const infra = await resolveInfrastructure({
    persistent: true,
    workDir: join(root, '.voltlane', 'infra'),
    kafkaPort: numberFromEnv('VOLTLANE_KAFKA_PORT'),
    postgresPort: numberFromEnv('VOLTLANE_POSTGRES_PORT'),
    log: say,
  });
  say(
    `kafka ${infra.kafkaBrokers.join(',')} (${infra.sources.kafka}), postgres ${redactUrl(infra.databaseUrl)} (${infra.sources.postgres})`,
  );

  const traces = await startTraceReceiver();
  const baseEnv: NodeJS.ProcessEnv = traces
    ? { ...process.env, OTEL_EXPORTER_OTLP_ENDPOINT: traces.url }
    : process.env;

  const supervisors = new Map<string, ServiceSupervisor>();
  let shuttingDown = false;
  const shutdown = async (code: number) => {
    if (shuttingDown) return;
    shuttingDown = true;
    say('stopping services…');
    await Promise.all([...supervisors.values()].map((s) => s.stop(20_000)));
    await traces?.receiver.stop();
    say('stopping infrastructure…');
    await infra.stop();
    say('stopped');
    process.exit(code);
  };
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));

  try {
    for (const entry of SERVICE_CATALOG) migrate(dist, entry, infra);
  } catch (err) {
    say(String(err instanceof Error ? err.message : err));
    await shutdown(1);
    return;
  }

  const restarts = new Map<string, number>();
  const startService = (entry: ServiceEntry) => {
    const supervisor = new ServiceSupervisor({
      entry,
      script: join(dist, 'apps', entry.name, 'src', 'main.js'),
      env: serviceEnvironment(entry, infra, baseEnv),
      output: (line) => process.stdout.write(`${line}\n`),
      onUnexpectedExit: (code, signal) => {
        if (shuttingDown) return;
        const count = (restarts.get(entry.name) ?? 0) + 1;
        restarts.set(entry.name, count);
        if (count > MAX_RESTARTS) {
          say(`${entry.name} exited (code ${code}, signal ${signal}) ${count} times; giving up`);
          void shutdown(1);
          return;
        }
        say(
          `${entry.name} exited (code ${code}, signal ${signal}); restarting in 2 s (${count}/${MAX_RESTARTS})`,
        );
        setTimeout(() => !shuttingDown && startService(entry), 2_000);
      },
    });
    supervisors.set(entry.name, supervisor);
    supervisor.start();
  };

  for (const entry of SERVICE_CATALOG) startService(entry);
  const env = (entry: ServiceEntry) => Number(serviceEnvironment(entry, infra, baseEnv).PORT);
  const results = await Promise.allSettled(
    // A service that dies during start-up is restarted by its supervisor; keep waiting for it.
    SERVICE_CATALOG.map((entry) => waitUntilReady(env(entry), 120_000, () => !shuttingDown)),
  );
  const failed = results.flatMap((r, i) =>
    r.status === 'rejected' ? [`${SERVICE_CATALOG[i].name}: ${String(r.reason)}`] : [],
  );
  if (failed.length > 0) {
    say(`services failed to become ready:\n  ${failed.join('\n  ')}`);
    await shutdown(1);
    return;
  }
  const lines = SERVICE_CATALOG.map(
    (e) => `  ${e.name.padEnd(16)} http://127.0.0.1:${env(e)}  (/health/ready, /metrics)`,
  );
  say(
    `all six services ready in ${((Date.now() - started) / 1000).toFixed(1)} s:\n${lines.join('\n')}\n  OCPP WebSocket    ws://127.0.0.1:${env(SERVICE_CATALOG[0])}/ocpp/{stationId}\n${traces ? `  traces           ${traces.url}/traces  (one trace: ${traces.url}/traces/{traceId}?format=text)\n` : ''}Press Ctrl-C to stop.`,
  );
}

/** The dev trace receiver, unless the user exports traces elsewhere or turned tracing off. */
async function startTraceReceiver(): Promise<{ receiver: DevTraceReceiver; url: string } | null> {
  if (process.env.OTEL_EXPORTER_OTLP_ENDPOINT) {
    say(`traces go to ${process.env.OTEL_EXPORTER_OTLP_ENDPOINT} (OTEL_EXPORTER_OTLP_ENDPOINT)`);
    return null;
  }
  if (process.env.OTEL_SDK_DISABLED === 'true') return null;
  const receiver = new DevTraceReceiver();
  const port = numberFromEnv('VOLTLANE_TRACES_PORT') ?? 4318;
  const url = await receiver.start(port).catch(() => receiver.start(0)); // 4318 taken: any port
  say(`dev trace receiver: ${url}/traces (OTLP/HTTP JSON on ${url}/v1/traces)`);
  return { receiver, url };
}

function migrate(dist: string, entry: ServiceEntry, infra: Infrastructure): void {
  const result = spawnSync(
    process.execPath,
    [join(dist, 'apps', entry.name, 'src', 'migrate.js')],
    {
      env: serviceEnvironment(entry, infra, process.env),
      encoding: 'utf8',
    },
  );
  if (result.status !== 0) {
    throw new Error(
      `migrations of ${entry.name} failed (exit ${result.status}):\n${result.stdout}${result.stderr}`,
    );
  }
  say(`${entry.name}: migrations up to date`);
}

function numberFromEnv(name: string): number | undefined {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > 65_535)
    throw new Error(`${name} must be a port number`);
  return value;
}

function redactUrl(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
}

main().catch((err: unknown) => {
  process.stderr.write(
    `[voltlane] start failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
  );
  process.exit(1);
});
