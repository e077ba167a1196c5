/** Where one piece of infrastructure came from, in the order they are tried. */
export type InfrastructureSource = 'env' | 'docker' | 'local';

export interface Infrastructure {
  /** `host:port` bootstrap addresses, e.g. `['127.0.0.1:39092']`. */
  kafkaBrokers: string[];
  /** `postgres://postgres@127.0.0.1:PORT/voltlane`; the database exists. */
  databaseUrl: string;
  sources: { kafka: InfrastructureSource; postgres: InfrastructureSource };
  /**
   * Log files of locally provisioned processes (absent for `env` and `docker`). Useful when a test
   * fails because of the broker or the database. Gone after `stop()` unless persistent.
   */
  logFiles: { kafka?: string; postgres?: string };
  /** Stops only what this call started (by pid / container id) and removes throw-away dirs. Idempotent. */
  stop(): Promise<void>;
}

export interface ResolveOptions {
  /**
   * Where local data lives. Not persistent: fresh sub-directories are created inside it and removed
   * by `stop()` (default: a fresh dir under the OS temp dir). Persistent: data is kept and reused
   * (default: `<tmpdir>/voltlane-infra-persistent-<uid>`; pass a stable path, e.g. `<repo>/tmp/infra`).
   */
  workDir?: string;
  /**
   * `true` for `npm start`: reuse workDir data across runs (same Kafka cluster id, same PostgreSQL
   * cluster), fixed ports (Kafka 9092 with its controller on kafkaPort + 1, PostgreSQL 5432), durable
   * PostgreSQL settings. `false` (default) for tests: fresh dirs, free ports, fsync off.
   */
  persistent?: boolean;
  kafkaPort?: number;
  postgresPort?: number;
  log?: (msg: string) => void;
}

/** One provisioned piece (Kafka or PostgreSQL) with its own way to stop. */
export interface ProvisionedKafka {
  brokers: string[];
  logFile?: string;
  stop(): Promise<void>;
}

export interface ProvisionedPostgres {
  databaseUrl: string;
  logFile?: string;
  stop(): Promise<void>;
}

export type Logger = (msg: string) => void;
