import { parseDatabaseUrl, parseKafkaBrokers, redactUrl } from './env-infrastructure.parser';

describe('parseKafkaBrokers', () => {
  it('treats unset and blank as not configured', () => {
    expect(parseKafkaBrokers(undefined)).toBeUndefined();
    expect(parseKafkaBrokers('  ')).toBeUndefined();
  });

  it('splits a comma-separated list and trims entries', () => {
    expect(parseKafkaBrokers(' 127.0.0.1:9092, kafka-1.internal:19092 ,[::1]:9093,')).toEqual([
      '127.0.0.1:9092',
      'kafka-1.internal:19092',
      '[::1]:9093',
    ]);
  });

  it.each([
    'localhost',
    'localhost:',
    'localhost:abc',
    'localhost:70000',
    'a:1,b',
    ',',
    'http://x:1',
  ])('rejects malformed %j instead of falling through', (raw) => {
    expect(() => parseKafkaBrokers(raw)).toThrow(/KAFKA_BROKERS must be/);
  });
});

describe('parseDatabaseUrl', () => {
  it('treats unset and blank as not configured', () => {
    expect(parseDatabaseUrl(undefined)).toBeUndefined();
    expect(parseDatabaseUrl('')).toBeUndefined();
  });

  it('accepts postgres:// and postgresql:// URLs as given', () => {
    expect(parseDatabaseUrl('postgres://postgres@127.0.0.1:5432/voltlane')).toBe(
      'postgres://postgres@127.0.0.1:5432/voltlane',
    );
    expect(parseDatabaseUrl(' postgresql://u:p@db:5432/x ')).toBe('postgresql://u:p@db:5432/x');
  });

  it('rejects other schemes and non-URLs without echoing passwords', () => {
    expect(() => parseDatabaseUrl('mysql://u:p@db/x')).toThrow(/postgres:\/\//);
    expect(() => parseDatabaseUrl('not a url')).toThrow(/not a valid URL/);
  });
});

describe('redactUrl', () => {
  it('masks the password only', () => {
    expect(redactUrl('postgres://user:secret@db:5432/voltlane')).toBe(
      'postgres://user:***@db:5432/voltlane',
    );
    expect(redactUrl('postgres://user@db:5432/voltlane')).toBe('postgres://user@db:5432/voltlane');
  });
});
