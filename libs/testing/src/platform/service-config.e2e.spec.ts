import { NodeProcess } from './service.process';

/**
 * Bad or missing configuration: each real service binary exits 78 (EX_CONFIG) with one JSON line
 * that lists every bad variable, and never echoes a secret.
 */
const REQUIRED: Record<string, string[]> = {
  'ocpp-gateway': ['KAFKA_BROKERS', 'DATABASE_URL', 'ADMIN_API_KEY'],
  'session-engine': [
    'KAFKA_BROKERS',
    'DATABASE_URL',
    'ADMIN_API_KEY',
    'OCPI_COUNTRY_CODE',
    'OCPI_PARTY_ID',
  ],
  'tariff-rating': ['KAFKA_BROKERS', 'DATABASE_URL', 'ADMIN_API_KEY'],
  'cdr-billing': ['KAFKA_BROKERS', 'DATABASE_URL', 'ADMIN_API_KEY'],
  'ocpi-cpo': [
    'KAFKA_BROKERS',
    'DATABASE_URL',
    'ADMIN_API_KEY',
    'OCPI_COUNTRY_CODE',
    'OCPI_PARTY_ID',
    'OCPI_PUBLIC_URL',
  ],
  'ocpi-emsp': [
    'KAFKA_BROKERS',
    'DATABASE_URL',
    'ADMIN_API_KEY',
    'OCPI_COUNTRY_CODE',
    'OCPI_PARTY_ID',
    'OCPI_PUBLIC_URL',
  ],
};

function configError(p: NodeProcess): { variables: string[]; line: string } {
  const line =
    p.lines.find((l) => l.includes('"level":"fatal"') || l.includes('invalid configuration')) ?? '';
  const parsed = JSON.parse(line) as { errors?: { variable: string }[] };
  return { variables: (parsed.errors ?? []).map((i) => i.variable).sort(), line };
}

describe('service configuration is validated at start-up (real service binaries)', () => {
  it.each(Object.entries(REQUIRED))(
    '%s with an empty environment exits 78 listing every missing variable',
    async (service, required) => {
      const p = NodeProcess.service(service, {}).start();
      const { code } = (await p.exit) ?? { code: null };
      expect(code).toBe(78);
      expect(configError(p).variables).toEqual([...required].sort());
    },
  );

  it('lists every bad value at once and never echoes secrets', async () => {
    const secretKey = 'short-secret-value';
    const p = NodeProcess.service('ocpi-cpo', {
      PORT: 'not-a-port',
      KAFKA_BROKERS: 'kafka-without-port',
      DATABASE_URL: 'mysql://root:hunter2secret@db/x',
      ADMIN_API_KEY: secretKey,
      OCPI_COUNTRY_CODE: 'nld',
      OCPI_PARTY_ID: 'VLT',
      OCPI_PUBLIC_URL: 'http://127.0.0.1:9100',
      SHUTDOWN_TIMEOUT_MS: '5',
      LOG_LEVEL: 'loud',
    }).start();
    const { code } = (await p.exit) ?? { code: null };
    expect(code).toBe(78);
    const { variables } = configError(p);
    expect(variables).toEqual(
      [
        'ADMIN_API_KEY',
        'DATABASE_URL',
        'KAFKA_BROKERS',
        'LOG_LEVEL',
        'OCPI_COUNTRY_CODE',
        'PORT',
        'SHUTDOWN_TIMEOUT_MS',
      ].sort(),
    );
    const all = p.lines.join('\n');
    expect(all).not.toContain(secretKey);
    expect(all).not.toContain('hunter2secret');
  });
});
