import { Pool } from 'pg';
import { listTopics } from '@voltlane/contracts-events';
import { findFreePorts } from '@voltlane/infra';
import { KafkaPlatform, silentKafkaLogger } from '@voltlane/platform-kafka';
import { waitFor } from '../backbone/wait-for';
import { httpStatus, NodeProcess } from './service.process';

/**
 * What `npm start` promises, on real Kafka and PostgreSQL: the launcher migrates every schema,
 * starts the six services as separate processes, each answers /health/live, /health/ready and
 * /metrics, their topics exist, and Ctrl-C stops them all cleanly.
 */
const SERVICES = [
  'ocpp-gateway',
  'session-engine',
  'tariff-rating',
  'cdr-billing',
  'ocpi-cpo',
  'ocpi-emsp',
];
const SCHEMAS = [
  'ocpp_gateway',
  'session_engine',
  'tariff_rating',
  'cdr_billing',
  'ocpi_cpo',
  'ocpi_emsp',
];

describe('npm start: the launcher brings up all six services (real Kafka + PostgreSQL)', () => {
  let launcher: NodeProcess;
  let ports: number[];
  let pool: Pool;

  beforeAll(async () => {
    ports = await findFreePorts(SERVICES.length);
    const portEnv = Object.fromEntries(
      SERVICES.map((s, i) => [`${s.toUpperCase().replace(/-/g, '_')}_PORT`, String(ports[i])]),
    );
    launcher = new NodeProcess(['tools', 'launcher', 'src', 'main.js'], {
      KAFKA_BROKERS: process.env.KAFKA_BROKERS,
      DATABASE_URL: process.env.DATABASE_URL,
      LOG_LEVEL: 'info',
      ...portEnv,
    }).start();
    pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 2 });
    await launcher.waitForLine(/all six services ready/, 180_000);
  });

  afterAll(async () => {
    await launcher?.stop('SIGKILL');
    await pool?.end();
  });

  it('serves live, ready and metrics on every service port', async () => {
    for (const [i, service] of SERVICES.entries()) {
      expect([service, await httpStatus(ports[i], '/health/live')]).toEqual([service, 200]);
      expect([service, await httpStatus(ports[i], '/health/ready')]).toEqual([service, 200]);
      const ready = (await (await fetch(`http://127.0.0.1:${ports[i]}/health/ready`)).json()) as {
        checks: Record<string, string>;
      };
      expect(ready.checks).toEqual({ kafka: 'up', postgres: 'up' });
      const metrics = await fetch(`http://127.0.0.1:${ports[i]}/metrics`);
      expect(metrics.headers.get('content-type')).toMatch(/^text\/plain/);
      const text = await metrics.text();
      expect(text).toContain(`service="${service}"`);
      // The backlog itself varies (these services consume what other tests publish); it is reported.
      expect(text).toMatch(/^voltlane_outbox_pending_events\{[^}]*\} \d+$/m);
      expect(text).toMatch(/^voltlane_outbox_relay_leader\{[^}]*\} 1$/m);
      expect(text).toMatch(/^http_requests_total\{/m);
    }
  });

  it('applied each service migrations into its own schema', async () => {
    const { rows } = await pool.query<{ schema: string; tables: string[] }>(
      `SELECT table_schema AS schema, array_agg(table_name::text ORDER BY table_name) AS tables
       FROM information_schema.tables WHERE table_schema = ANY($1) GROUP BY table_schema`,
      [SCHEMAS],
    );
    expect(rows.map((r) => r.schema).sort()).toEqual([...SCHEMAS].sort());
    for (const row of rows)
      expect(row.tables).toEqual(
        expect.arrayContaining(['migrations', 'outbox', 'processed_events']),
      );
  });

  it('provisioned every produced topic and its dead-letter topic', async () => {
    const kafka = new KafkaPlatform(
      {
        brokers: (process.env.KAFKA_BROKERS as string).split(','),
        clientId: 'e2e',
        defaultPartitions: 1,
      },
      silentKafkaLogger,
    );
    try {
      const topics = new Set(await kafka.listTopics());
      const produced = listTopics().filter((t) => !t.startsWith('platform.'));
      for (const topic of produced) {
        expect([topic, topics.has(topic), topics.has(`${topic}.dlq`)]).toEqual([topic, true, true]);
      }
    } finally {
      await kafka.disconnect();
    }
  });

  it('stops every service and exits 0 on SIGINT', async () => {
    const result = await launcher.stop('SIGINT', 60_000);
    expect(result).toEqual({ code: 0, signal: null });
    for (const port of ports) expect(await httpStatus(port, '/health/live')).toBe(0);
    for (const service of SERVICES) {
      expect(
        launcher.lines.some((l) => l.includes(`[${service}]`) && l.includes('shutdown complete')),
      ).toBe(true);
    }
    await waitFor(
      async () =>
        Number(
          (
            await pool.query<{ n: string }>(
              `SELECT count(*) AS n FROM pg_stat_activity WHERE application_name = ANY($1)`,
              [SERVICES],
            )
          ).rows[0].n,
        ),
      (n) => n === 0,
      { timeoutMs: 10_000, what: 'service connections to close' },
    );
  });
});
