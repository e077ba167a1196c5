import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCommandOrThrow } from './command.runner';
import { findJava } from './executable.locator';
import type { Logger, ProvisionedKafka } from './infrastructure.types';
import { probeKafkaApiVersions } from './kafka-api-versions.probe';
import { resolveKafkaClasspath } from './kafka-classpath.resolver';
import {
  generateClusterId,
  hasStartedMarker,
  isValidClusterId,
  parseMetaPropertiesClusterId,
  renderLog4jProperties,
  renderServerProperties,
} from './kafka-config.renderer';
import { startManagedProcess, sleep, type ManagedProcess } from './managed-process';
import { findFreePorts, isPortFree } from './net.utils';
import { fileSize, readSince, readTail, rotateLog, tailLines } from './work-dir';

export interface KafkaLocalOptions {
  /** This broker's own dir: config, logs and `data/`. Created if missing. */
  dir: string;
  persistent: boolean;
  /** Fixed client port (persistent default 9092; tests: a free port). */
  port?: number;
  log: Logger;
  /** Called with the JVM's pid as soon as it runs (for orphan sweeping). */
  onPid?: (pid: number) => void;
  startTimeoutMs?: number;
}

export const KAFKA_JVM_OPTIONS = [
  '-Xms256m',
  '-Xmx1g',
  '-XX:+UseG1GC',
  '-XX:MaxGCPauseMillis=20',
  '-XX:InitiatingHeapOccupancyPercent=35',
  '-XX:+ExplicitGCInvokesConcurrent',
  '-XX:+ExitOnOutOfMemoryError',
  '-Djava.awt.headless=true',
];
const STOP_GRACE_MS = 10_000;

/**
 * A real single-node Kafka (KRaft, broker + controller) on the JVM, from jars resolved off Maven
 * Central (see kafka-classpath.resolver.ts). Ready once the server logged that it started AND
 * answered a Kafka ApiVersions request on its port.
 */
export async function provisionLocalKafka(options: KafkaLocalOptions): Promise<ProvisionedKafka> {
  const { dir, persistent, log } = options;
  const provisioningStarted = Date.now();
  const foundJava = findJava();
  if (!foundJava) throw new Error('no Java runtime: set JAVA_HOME or put java (17+) on PATH');
  const java: string = foundJava;
  const classpath = await resolveKafkaClasspath(log);

  const dataDir = join(dir, 'data');
  const files = {
    serverProperties: join(dir, 'server.properties'),
    log4j: join(dir, 'log4j.properties'),
    serverLog: join(dir, 'server.log'),
    stdout: join(dir, 'kafka.out'),
    clusterId: join(dir, 'cluster.id'),
  };
  mkdirSync(dataDir, { recursive: true });
  rotateLog(files.serverLog);
  rotateLog(files.stdout);
  writeFileSync(files.log4j, renderLog4jProperties(files.serverLog));

  const jvm = (mainClass: string, args: string[], heap: string[] = KAFKA_JVM_OPTIONS) => [
    ...heap,
    `-Dlog4j.configuration=file:${files.log4j}`,
    `-Dkafka.logs.dir=${dir}`,
    '-cp',
    join(classpath.libDir, '*'),
    mainClass,
    ...args,
  ];

  const explicitPort = options.port ?? (persistent ? 9092 : undefined);
  const attempts = explicitPort === undefined ? 2 : 1;
  for (let attempt = 1; ; attempt++) {
    const [port, controllerPort] = await choosePorts(explicitPort);
    writeFileSync(
      files.serverProperties,
      renderServerProperties({
        kafkaVersion: classpath.kafkaVersion,
        port,
        controllerPort,
        logDir: dataDir,
        persistent,
      }),
    );
    if (attempt === 1) await formatStorage();

    const started = Date.now();
    const logOffset = fileSize(files.serverLog);
    const jvmProcess = await startManagedProcess({
      command: java,
      args: jvm('kafka.Kafka', [files.serverProperties]),
      cwd: dir,
      env: process.env,
      outputFile: files.stdout,
      parentDeathSignal: 'SIGTERM',
    });
    options.onPid?.(jvmProcess.pid);
    const broker = `127.0.0.1:${port}`;
    try {
      await waitUntilReady(jvmProcess, broker, logOffset, options.startTimeoutMs ?? 120_000);
    } catch (error) {
      await jvmProcess.stop('SIGKILL', 5000);
      const portTaken = /Address already in use/.test(readSince(files.serverLog, logOffset));
      if (portTaken && attempt < attempts) {
        log(`Kafka port ${port} or ${controllerPort} was taken meanwhile, retrying on new ports`);
        continue;
      }
      throw error;
    }
    log(
      `Kafka ${classpath.kafkaVersion} (local JVM, pid ${jvmProcess.pid}) ready on ${broker} in ` +
        `${seconds(provisioningStarted)}s (JVM start ${seconds(started)}s), log ${files.serverLog}`,
    );
    return {
      brokers: [broker],
      logFile: files.serverLog,
      stop: () => jvmProcess.stop('SIGTERM', STOP_GRACE_MS),
    };
  }

  async function formatStorage(): Promise<void> {
    const metaProperties = join(dataDir, 'meta.properties');
    if (existsSync(metaProperties)) {
      const clusterId = parseMetaPropertiesClusterId(readFileSync(metaProperties, 'utf8'));
      log(`reusing Kafka storage in ${dataDir} (cluster id ${clusterId ?? 'unknown'})`);
      return;
    }
    const clusterId = persistent ? persistentClusterId(files.clusterId) : generateClusterId();
    await runCommandOrThrow(
      java,
      jvm(
        'kafka.tools.StorageTool',
        ['format', '-t', clusterId, '-c', files.serverProperties],
        ['-Xmx256m', '-XX:+UseSerialGC'],
      ),
      {
        cwd: dir,
        timeoutMs: 120_000,
        label: `Kafka storage format (kafka.tools.StorageTool in ${dir})`,
      },
    );
  }

  async function waitUntilReady(
    jvmProcess: ManagedProcess,
    broker: string,
    logOffset: number,
    timeoutMs: number,
  ): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let logged = false;
    let lastProbeError = '';
    while (Date.now() < deadline) {
      if (jvmProcess.hasExited()) {
        const { code, signal } = await jvmProcess.exited;
        throw new Error(
          `Kafka JVM exited during start-up (${signal ?? `code ${code}`})\n${diagnostics()}`,
        );
      }
      if (!logged) {
        logged =
          hasStartedMarker(readSince(files.serverLog, logOffset)) ||
          hasStartedMarker(readTail(files.stdout));
      }
      if (logged) {
        try {
          const answer = await probeKafkaApiVersions(broker, 2000);
          if (answer.errorCode === 0) return;
          lastProbeError = `ApiVersions error code ${answer.errorCode}`;
        } catch (error) {
          lastProbeError = (error as Error).message;
        }
      }
      await sleep(100);
    }
    throw new Error(
      `Kafka did not become ready on ${broker} within ${timeoutMs / 1000}s ` +
        `(${logged ? `logged start-up, but ${lastProbeError}` : 'no "Kafka Server started" line'})\n` +
        diagnostics(),
    );
  }

  function diagnostics(): string {
    return (
      `--- tail of ${files.serverLog} ---\n${tailLines(files.serverLog, 30)}\n` +
      `--- tail of ${files.stdout} ---\n${tailLines(files.stdout, 30)}`
    );
  }
}

async function choosePorts(explicitPort: number | undefined): Promise<[number, number]> {
  if (explicitPort === undefined) {
    const [port, controllerPort] = await findFreePorts(2);
    return [port!, controllerPort!];
  }
  const controllerPort = explicitPort + 1;
  for (const port of [explicitPort, controllerPort]) {
    if (!(await isPortFree(port))) {
      throw new Error(
        `port 127.0.0.1:${port} is in use (Kafka needs ${explicitPort} and controller ` +
          `${controllerPort}); pass another kafkaPort or stop what holds it`,
      );
    }
  }
  return [explicitPort, controllerPort];
}

function seconds(since: number): string {
  return ((Date.now() - since) / 1000).toFixed(1);
}

function persistentClusterId(file: string): string {
  if (existsSync(file)) {
    const id = readFileSync(file, 'utf8').trim();
    if (isValidClusterId(id)) return id;
  }
  const id = generateClusterId();
  writeFileSync(file, `${id}\n`);
  return id;
}
