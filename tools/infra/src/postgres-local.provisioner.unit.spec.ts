import { pickHighestVersion } from './postgres-bin.locator';
import { serverSettings } from './postgres-local.provisioner';

describe('pickHighestVersion', () => {
  it('picks the newest numeric PostgreSQL version dir', () => {
    expect(pickHighestVersion(['9.6', '15', '13', 'common', '16'])).toBe('16');
    expect(pickHighestVersion(['9.6', '9.10'])).toBe('9.10');
    expect(pickHighestVersion(['common'])).toBeUndefined();
  });
});

describe('serverSettings', () => {
  const settings = (dataDir: string, persistent: boolean) => {
    const args = serverSettings(dataDir, 5433, persistent);
    const pairs = new Map<string, string>();
    for (let i = 0; i < args.length; i += 2) {
      expect(args[i]).toBe('-c');
      const [name, value] = args[i + 1]!.split('=') as [string, string];
      pairs.set(name, value);
    }
    return pairs;
  };

  it('listens on loopback with a socket in the data dir and 300 connections', () => {
    const test = settings('/tmp/voltlane-infra-abc/postgres/data', false);
    expect(test.get('port')).toBe('5433');
    expect(test.get('listen_addresses')).toBe('127.0.0.1');
    expect(test.get('unix_socket_directories')).toBe('/tmp/voltlane-infra-abc/postgres/data');
    expect(test.get('max_connections')).toBe('300');
  });

  it('trades durability for speed only in throw-away clusters', () => {
    const test = settings('/d', false);
    expect([
      test.get('fsync'),
      test.get('synchronous_commit'),
      test.get('full_page_writes'),
    ]).toEqual(['off', 'off', 'off']);
    const persistent = settings('/d', true);
    expect(persistent.has('fsync')).toBe(false);
    expect(persistent.has('synchronous_commit')).toBe(false);
    expect(persistent.has('full_page_writes')).toBe(false);
  });

  it('drops the Unix socket when its path would exceed the kernel limit', () => {
    expect(settings(`/${'x'.repeat(100)}`, true).get('unix_socket_directories')).toBe('');
  });
});
