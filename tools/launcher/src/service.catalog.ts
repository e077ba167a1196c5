/** The six services `npm start` runs, with their default ports (architecture.md). */
export interface ServiceEntry {
  name: string;
  port: number;
}

export const SERVICE_CATALOG: readonly ServiceEntry[] = [
  { name: 'ocpp-gateway', port: 9000 },
  { name: 'session-engine', port: 9001 },
  { name: 'tariff-rating', port: 9002 },
  { name: 'cdr-billing', port: 9003 },
  { name: 'ocpi-cpo', port: 9100 },
  { name: 'ocpi-emsp', port: 9200 },
];

/**
 * Development defaults for `npm start`. Every one can be overridden by the environment; none of them
 * is fit for production (the admin key is public, it is in this file).
 */
export const DEVELOPMENT_DEFAULTS: Record<string, string> = {
  NODE_ENV: 'development',
  LOG_LEVEL: 'info',
  ADMIN_API_KEY: 'voltlane-dev-admin-key-change-me',
  // ocpi-emsp driver API (/api/v1), the app backend's key (ADR 0072)
  DRIVER_API_KEY: 'voltlane-dev-driver-key-change-me',
  OCPI_COUNTRY_CODE: 'NL',
  OCPI_PARTY_ID: 'VLT',
};

/** Env for one service: defaults < caller's environment < what the launcher decided. */
export function serviceEnvironment(
  entry: ServiceEntry,
  infra: { kafkaBrokers: string[]; databaseUrl: string },
  base: NodeJS.ProcessEnv,
): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...DEVELOPMENT_DEFAULTS, ...base };
  const portOverride = base[`${entry.name.toUpperCase().replace(/-/g, '_')}_PORT`];
  return {
    ...env,
    PORT: portOverride ?? String(entry.port),
    KAFKA_BROKERS: infra.kafkaBrokers.join(','),
    DATABASE_URL: infra.databaseUrl,
    OCPI_PUBLIC_URL:
      env.OCPI_PUBLIC_URL ??
      (entry.name.startsWith('ocpi-')
        ? `http://127.0.0.1:${portOverride ?? entry.port}`
        : undefined),
  };
}
