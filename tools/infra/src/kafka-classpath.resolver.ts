import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { runCommandOrThrow } from './command.runner';
import { cacheRoot } from './work-dir';
import { findExecutable } from './executable.locator';
import type { Logger } from './infrastructure.types';

/** tools/infra/kafka/pom.xml, next to src/ in the sources and (copied by the build) in dist/. */
export const KAFKA_POM = join(__dirname, '..', 'kafka', 'pom.xml');
const MARKER = '.voltlane-complete';

export interface KafkaClasspath {
  kafkaVersion: string;
  libDir: string;
  /** True when Maven had to run (first use on this machine or a changed pom). */
  resolved: boolean;
}

export function readKafkaVersion(pomXml: string): string {
  const match = /<kafka\.version>\s*([^<\s]+)\s*<\/kafka\.version>/.exec(pomXml);
  if (!match?.[1]) throw new Error(`${KAFKA_POM} has no <kafka.version> property`);
  return match[1];
}

/**
 * The broker's jars, resolved once per machine with Maven into
 * `<cache>/kafka-<version>-<pom hash>/libs` (outside the clone, so fresh CI clones reuse it).
 * Maven writes into a private temp dir that is renamed into place only when complete, so
 * concurrent runs never see half a classpath.
 */
export async function resolveKafkaClasspath(
  log: Logger,
  pomPath = KAFKA_POM,
): Promise<KafkaClasspath> {
  if (!existsSync(pomPath)) throw new Error(`Kafka dependency list ${pomPath} is missing`);
  const pomXml = readFileSync(pomPath, 'utf8');
  const kafkaVersion = readKafkaVersion(pomXml);
  const hash = createHash('sha256').update(pomXml).digest('hex').slice(0, 12);
  const home = join(cacheRoot(), `kafka-${kafkaVersion}-${hash}`);
  const libDir = join(home, 'libs');
  if (isComplete(libDir, hash)) return { kafkaVersion, libDir, resolved: false };

  const mvn = findExecutable('mvn');
  if (!mvn) {
    throw new Error(
      `Kafka ${kafkaVersion} jars are not cached in ${libDir} and Maven (mvn) is not on PATH`,
    );
  }
  mkdirSync(home, { recursive: true });
  const partial = join(home, `libs.partial-${process.pid}-${Date.now()}`);
  log(`resolving Kafka ${kafkaVersion} jars from Maven Central into ${libDir} (first use)`);
  const started = Date.now();
  try {
    await runCommandOrThrow(
      mvn,
      [
        '-q',
        '-B',
        '-f',
        pomPath,
        'dependency:copy-dependencies',
        '-DincludeScope=runtime',
        `-DoutputDirectory=${partial}`,
      ],
      { cwd: home, timeoutMs: 10 * 60_000, label: `mvn dependency:copy-dependencies (${pomPath})` },
    );
    const jars = readdirSync(partial).filter((name) => name.endsWith('.jar'));
    if (!jars.some((name) => name.startsWith(`kafka_2.13-${kafkaVersion}`))) {
      throw new Error(`Maven finished but ${partial} holds no kafka_2.13-${kafkaVersion} jar`);
    }
    writeFileSync(join(partial, MARKER), `${hash}\n`);
    // Another run may have finished first: keep its (complete, maybe in use) copy.
    if (!isComplete(libDir, hash)) {
      if (existsSync(libDir)) rmSync(libDir, { recursive: true, force: true });
      try {
        renameSync(partial, libDir);
      } catch (error) {
        if (!isComplete(libDir, hash)) throw error;
      }
    }
  } finally {
    rmSync(partial, { recursive: true, force: true });
  }
  log(`resolved Kafka ${kafkaVersion} jars in ${((Date.now() - started) / 1000).toFixed(1)}s`);
  return { kafkaVersion, libDir, resolved: true };
}

function isComplete(libDir: string, hash: string): boolean {
  try {
    return readFileSync(join(libDir, MARKER), 'utf8').trim() === hash;
  } catch {
    return false;
  }
}
