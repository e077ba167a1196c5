import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import {
  detectDockerEngine,
  type DockerEngineCheck,
  provisionDockerKafka,
  provisionDockerPostgres,
} from './docker.provisioner';
import { parseDatabaseUrl, parseKafkaBrokers, redactUrl } from './env-infrastructure.parser';
import type {
  Infrastructure,
  InfrastructureSource,
  Logger,
  ProvisionedKafka,
  ProvisionedPostgres,
  ResolveOptions,
} from './infrastructure.types';
import { provisionLocalKafka } from './kafka-local.provisioner';
import { provisionLocalPostgres } from './postgres-local.provisioner';
import {
  claimPersistentDir,
  createThrowawayDir,
  defaultPersistentDir,
  recordChildPid,
  sweepStaleThrowawayDirs,
} from './work-dir';

export type Service = 'kafka' | 'postgres';
type Provisioned = { kafka: ProvisionedKafka; postgres: ProvisionedPostgres };
type Resolved<S extends Service> = { value: Provisioned[S]; source: InfrastructureSource };

const noop = async (): Promise<void> => undefined;

/**
 * Finds or starts Kafka and PostgreSQL, each on its own in this order:
 *   1. `KAFKA_BROKERS` / `DATABASE_URL` from the environment;
 *   2. containers, when a Docker engine answers (Testcontainers; VOLTLANE_INFRA_DOCKER=0 skips it);
 *   3. local processes: a Kafka broker on the JVM (jars from Maven Central) and a PostgreSQL
 *      cluster from the machine's server binaries.
 * Throws, naming every attempt and why it failed, when a service cannot be had at all.
 */
export async function resolveInfrastructure(opts: ResolveOptions = {}): Promise<Infrastructure> {
  const log: Logger = opts.log ?? (() => undefined);
  const persistent = opts.persistent ?? false;
  const tried: Record<Service, string[]> = { kafka: [], postgres: [] };
  const found: { kafka?: Resolved<'kafka'>; postgres?: Resolved<'postgres'> } = {};

  // 1. Environment.
  const envBrokers = parseKafkaBrokers(process.env.KAFKA_BROKERS);
  if (envBrokers) {
    found.kafka = { value: { brokers: envBrokers, stop: noop }, source: 'env' };
    log(`Kafka from KAFKA_BROKERS: ${envBrokers.join(',')}`);
  } else {
    tried.kafka.push('env: KAFKA_BROKERS is not set');
  }
  const envDatabaseUrl = parseDatabaseUrl(process.env.DATABASE_URL);
  if (envDatabaseUrl) {
    found.postgres = { value: { databaseUrl: envDatabaseUrl, stop: noop }, source: 'env' };
    log(`PostgreSQL from DATABASE_URL: ${redactUrl(envDatabaseUrl)}`);
  } else {
    tried.postgres.push('env: DATABASE_URL is not set');
  }
  const missing = (): Service[] =>
    (['kafka', 'postgres'] as const).filter((service) => found[service] === undefined);
  if (missing().length === 0) return assemble(found as Required<typeof found>, log);

  let cleanup: () => void = () => undefined;
  try {
    // 2. Docker engine.
    const docker: DockerEngineCheck =
      process.env.VOLTLANE_INFRA_DOCKER === '0'
        ? { available: false, reason: 'skipped (VOLTLANE_INFRA_DOCKER=0)' }
        : await detectDockerEngine();
    if (docker.available) {
      if (persistent) log('Docker engine found: its containers do not keep data between runs');
      await provisionEach(missing(), 'docker', {
        kafka: () => provisionDockerKafka(log),
        postgres: () => provisionDockerPostgres(log, persistent),
      });
    } else {
      for (const service of missing()) tried[service].push(`docker: ${docker.reason}`);
      log(`no Docker engine (${docker.reason}); provisioning locally`);
    }

    // 3. Local processes.
    if (missing().length > 0) {
      let local: LocalDirs;
      try {
        local = await prepareLocalDirs(opts, persistent, missing(), log);
      } catch (error) {
        for (const service of missing()) tried[service].push(`local: ${(error as Error).message}`);
        throw unresolvedError(missing(), tried);
      }
      cleanup = local.remove;
      await provisionEach(missing(), 'local', {
        kafka: () =>
          provisionLocalKafka({
            dir: local.dirs.kafka,
            persistent,
            port: opts.kafkaPort,
            log,
            onPid: (pid) => recordChildPid(local.pidDirs.kafka, pid),
          }),
        postgres: () =>
          provisionLocalPostgres({
            dir: local.dirs.postgres,
            persistent,
            port: opts.postgresPort,
            log,
            onPid: (pid) => recordChildPid(local.pidDirs.postgres, pid),
          }),
      });
    }

    if (missing().length > 0) throw unresolvedError(missing(), tried);
    return assemble(found as Required<typeof found>, log, cleanup);
  } catch (error) {
    await Promise.allSettled([found.kafka?.value.stop(), found.postgres?.value.stop()]);
    cleanup();
    throw error;
  }

  async function provisionEach(
    services: Service[],
    source: InfrastructureSource,
    provisioners: {
      kafka: () => Promise<ProvisionedKafka>;
      postgres: () => Promise<ProvisionedPostgres>;
    },
  ): Promise<void> {
    await Promise.all(
      services.map(async (service) => {
        try {
          if (service === 'kafka') found.kafka = { value: await provisioners.kafka(), source };
          else found.postgres = { value: await provisioners.postgres(), source };
        } catch (error) {
          const reason = (error as Error).message;
          tried[service].push(`${source}: ${reason}`);
          log(`${service} via ${source} failed: ${reason.split('\n')[0]}`);
        }
      }),
    );
  }
}

/** One error naming, per missing service, every source tried and why it failed. */
export function unresolvedError(services: Service[], tried: Record<Service, string[]>): Error {
  const lines = services.map(
    (service) =>
      `${service === 'kafka' ? 'Kafka' : 'PostgreSQL'}: tried\n` +
      tried[service].map((attempt) => `  - ${attempt.replace(/\n/g, '\n    ')}`).join('\n'),
  );
  return new Error(`Could not provide Kafka/PostgreSQL infrastructure.\n${lines.join('\n')}`);
}

interface LocalDirs {
  dirs: Record<Service, string>;
  /** Where each service's pids are recorded for orphan sweeping. */
  pidDirs: Record<Service, string>;
  /** Removes throw-away dirs (no-op when persistent). */
  remove: () => void;
}

async function prepareLocalDirs(
  opts: ResolveOptions,
  persistent: boolean,
  services: Service[],
  log: Logger,
): Promise<LocalDirs> {
  if (persistent) {
    const root = opts.workDir ? resolve(opts.workDir) : defaultPersistentDir();
    const dirs = { kafka: join(root, 'kafka'), postgres: join(root, 'postgres') };
    for (const service of services) {
      await claimPersistentDir(dirs[service], service === 'kafka' ? 'SIGTERM' : 'SIGINT', log);
    }
    log(`persistent local data in ${root}`);
    return { dirs, pidDirs: dirs, remove: () => undefined };
  }
  const parent = opts.workDir ? resolve(opts.workDir) : tmpdir();
  await sweepStaleThrowawayDirs(parent, log);
  const base = createThrowawayDir(parent);
  log(`throw-away local data in ${base}`);
  return {
    dirs: { kafka: join(base, 'kafka'), postgres: join(base, 'postgres') },
    pidDirs: { kafka: base, postgres: base },
    remove: () => rmSync(base, { recursive: true, force: true }),
  };
}

function assemble(
  found: { kafka: Resolved<'kafka'>; postgres: Resolved<'postgres'> },
  log: Logger,
  removeDirs: () => void = () => undefined,
): Infrastructure {
  let stopping: Promise<void> | undefined;
  const logFiles: Infrastructure['logFiles'] = {};
  if (found.kafka.value.logFile) logFiles.kafka = found.kafka.value.logFile;
  if (found.postgres.value.logFile) logFiles.postgres = found.postgres.value.logFile;
  return {
    kafkaBrokers: found.kafka.value.brokers,
    databaseUrl: found.postgres.value.databaseUrl,
    sources: { kafka: found.kafka.source, postgres: found.postgres.source },
    logFiles,
    stop() {
      stopping ??= (async () => {
        const started = Date.now();
        const results = await Promise.allSettled([
          found.kafka.value.stop(),
          found.postgres.value.stop(),
        ]);
        removeDirs();
        const failures = results.flatMap((result) =>
          result.status === 'rejected'
            ? [String((result.reason as Error)?.message ?? result.reason)]
            : [],
        );
        if (failures.length > 0)
          throw new Error(`Stopping infrastructure failed: ${failures.join('; ')}`);
        log(`infrastructure stopped in ${((Date.now() - started) / 1000).toFixed(1)}s`);
      })();
      return stopping;
    },
  };
}
