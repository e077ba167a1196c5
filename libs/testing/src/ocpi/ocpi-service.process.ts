import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { findFreePorts } from '@voltlane/infra';
import { waitFor } from '../backbone/wait-for';
import { httpStatus, NodeProcess } from '../platform/service.process';
import type { TestJson } from './scripted-ocpi-peer';

export interface OcpiServiceOptions {
  /** `ocpi-cpo` or `ocpi-emsp` (any app with migrate.js + main.js works). */
  app: string;
  /** Database to create and use (default: a fresh one per call). Dropped by `stop()`. */
  database?: string;
  adminApiKey?: string;
  countryCode?: string;
  partyId?: string;
  env?: Record<string, string>;
}

/**
 * A compiled service as a real process on its own fresh database (migrations applied first),
 * on the Kafka/PostgreSQL of the Jest global setup; resolves once `/health/ready` answers 200.
 */
export class OcpiServiceProcess {
  process!: NodeProcess;
  port = 0;
  readonly database: string;
  readonly adminApiKey: string;
  private admin?: Pool;

  constructor(private readonly options: OcpiServiceOptions) {
    this.database =
      options.database ?? `${options.app.replace(/-/g, '_')}_${randomUUID().slice(0, 8)}`;
    this.adminApiKey = options.adminApiKey ?? `admin-key-${randomUUID()}`;
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get databaseUrl(): string {
    const url = new URL(process.env.DATABASE_URL as string);
    url.pathname = `/${this.database}`;
    return url.toString();
  }

  env(): NodeJS.ProcessEnv {
    return {
      KAFKA_BROKERS: process.env.KAFKA_BROKERS,
      DATABASE_URL: this.databaseUrl,
      PORT: String(this.port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      ADMIN_API_KEY: this.adminApiKey,
      KAFKA_CONSUMER_GROUP: `${this.options.app}-${this.database}`,
      KAFKA_TOPIC_PARTITIONS: '3',
      OCPI_COUNTRY_CODE: this.options.countryCode ?? 'NL',
      OCPI_PARTY_ID: this.options.partyId ?? 'VLT',
      OCPI_PUBLIC_URL: `http://127.0.0.1:${this.port}`,
      ...this.options.env,
    };
  }

  async start(): Promise<this> {
    if (!this.port) [this.port] = await findFreePorts(1);
    if (!this.admin) {
      this.admin = new Pool({ connectionString: process.env.DATABASE_URL, max: 1 });
      await this.admin.query(`CREATE DATABASE "${this.database}"`);
      const migrate = new NodeProcess(
        ['apps', this.options.app, 'src', 'migrate.js'],
        this.env(),
      ).start();
      const exit = await migrate.exit;
      if (exit?.code !== 0)
        throw new Error(`migrations of ${this.options.app} failed:\n${migrate.tail()}`);
    }
    this.process = NodeProcess.service(this.options.app, this.env()).start();
    await waitFor(
      () => httpStatus(this.port, '/health/ready'),
      (s) => s === 200,
      { timeoutMs: 60_000, what: `${this.options.app} ready\n${this.process.tail()}` },
    );
    return this;
  }

  /** Operator API call (`Authorization: Bearer <ADMIN_API_KEY>`); answers status + parsed body. */
  async adminApi<T = TestJson>(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: T; contentType: string | null }> {
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${this.adminApiKey}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return {
      status: res.status,
      body: (text ? JSON.parse(text) : undefined) as T,
      contentType: res.headers.get('content-type'),
    };
  }

  async stop(): Promise<void> {
    await this.process?.stop();
  }

  /** Stops the process and drops its database. */
  async destroy(): Promise<void> {
    await this.stop();
    await this.admin
      ?.query(`DROP DATABASE IF EXISTS "${this.database}" WITH (FORCE)`)
      .catch(() => undefined);
    await this.admin?.end();
    this.admin = undefined;
  }
}
