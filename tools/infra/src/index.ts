export type { Infrastructure, InfrastructureSource, ResolveOptions } from './infrastructure.types';
export { resolveInfrastructure } from './resolve-infrastructure';
export { parseDatabaseUrl, parseKafkaBrokers, redactUrl } from './env-infrastructure.parser';
export { probeKafkaApiVersions, type ApiVersionsResult } from './kafka-api-versions.probe';
export { provisionLocalKafka, type KafkaLocalOptions } from './kafka-local.provisioner';

export { provisionLocalPostgres, type PostgresLocalOptions } from './postgres-local.provisioner';
export { canConnect, findFreePorts, isPortFree } from './net.utils';
