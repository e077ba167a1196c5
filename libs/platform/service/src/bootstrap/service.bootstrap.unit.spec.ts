// Real child processes (TypeScript run through test/swc-register.cjs, no dist/ build needed), so
// that exit codes, signal handling and stdout/stderr are the real ones. Only localhost HTTP.
import { createServer, type Server } from 'node:net';
import { freePort, startChildService } from '../../test/child-service';

jest.setTimeout(30_000);

const validEnv = {
  KAFKA_BROKERS: 'localhost:9092',
  DATABASE_URL: 'postgres://app:db-pass-4711@localhost:5432/voltlane',
  HOST: '127.0.0.1',
};

describe('runWithConfig with an invalid environment', () => {
  it('exits 78 and lists every bad variable in one JSON line on stderr, without secrets', async () => {
    const child = startChildService('bad-env.main.ts', {
      PORT: 'eighty',
      LOG_LEVEL: 'chatty',
      KAFKA_BROKERS: 'kafka-without-port',
      DATABASE_URL: 'mysql://app:s3cr3t-pw@db/voltlane',
      ADMIN_API_KEY: 'too-short-secret',
    });

    const { code } = await child.exited;

    expect(code).toBe(78);
    const stderrLines = child.stderr().trim().split('\n');
    expect(stderrLines).toHaveLength(1);
    const entry = JSON.parse(stderrLines[0]) as {
      level: string;
      service: string;
      errors: Array<{ variable: string; problems: string[] }>;
    };
    expect(entry).toMatchObject({ level: 'fatal', service: 'fixture' });
    expect(entry.errors.map((e) => e.variable).sort()).toEqual([
      'ADMIN_API_KEY',
      'DATABASE_URL',
      'KAFKA_BROKERS',
      'LOG_LEVEL',
      'PORT',
    ]);
    expect(child.stderr()).not.toContain('s3cr3t-pw');
    expect(child.stderr()).not.toContain('too-short-secret');
    expect(child.lines()).toEqual([]); // nothing started
  });
});

describe('bootstrapService', () => {
  it('logs JSON only, serves health, drains in-flight requests on SIGTERM, runs hooks and exits 0', async () => {
    const port = await freePort();
    const child = startChildService('tiny-service.main.ts', { ...validEnv, PORT: String(port) });

    const listening = await child.waitForLog('listening');
    expect(listening).toMatchObject({ port, service: 'tiny', context: 'Bootstrap' });
    const ready = await fetch(`http://127.0.0.1:${port}/health/ready`);
    expect(ready.status).toBe(200);

    const slow = fetch(`http://127.0.0.1:${port}/work/slow`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    child.process.kill('SIGTERM');

    const [response, exit] = await Promise.all([slow, child.exited]);
    expect(await response.json()).toEqual({ done: true });
    expect(exit.code).toBe(0);

    const messages = child.lines().map((l) => l.msg);
    expect(messages.indexOf('shutting down')).toBeLessThan(messages.indexOf('onModuleDestroy'));
    expect(child.lines()).toContainEqual(
      expect.objectContaining({ msg: 'onApplicationShutdown', signal: 'SIGTERM' }),
    );
    expect(child.lines().at(-1)).toMatchObject({ msg: 'shutdown complete', exitCode: 0 });
    const starting = child.lines().find((l) => l.msg === 'starting') as { config: object };
    expect(starting.config).toMatchObject({
      DATABASE_URL: 'postgres://app:***@localhost:5432/voltlane',
    });
    expect(JSON.stringify(child.lines())).not.toContain('db-pass-4711');
  });

  it('exits 1 when shutdown exceeds SHUTDOWN_TIMEOUT_MS', async () => {
    const port = await freePort();
    const child = startChildService('tiny-service.main.ts', {
      ...validEnv,
      PORT: String(port),
      SHUTDOWN_TIMEOUT_MS: '1000',
      HANG_ON_SHUTDOWN: 'true',
    });
    await child.waitForLog('listening');

    const signalledAt = Date.now();
    child.process.kill('SIGTERM');
    const exit = await child.exited;

    expect(exit.code).toBe(1);
    expect(Date.now() - signalledAt).toBeGreaterThanOrEqual(900);
    expect(Date.now() - signalledAt).toBeLessThan(5000);
    expect(child.lines()).toContainEqual(
      expect.objectContaining({
        level: 'fatal',
        msg: 'graceful shutdown exceeded its time bound: exiting',
      }),
    );
  });

  it.each([
    ['uncaughtException', '/work/crash', 'boom near postgres://app:***@db:5432/x'],
    ['unhandledRejection', '/work/reject', 'unhandled rejection'],
  ])('on %s logs it as JSON, closes the app and exits 1', async (kind, path, message) => {
    const port = await freePort();
    const child = startChildService('tiny-service.main.ts', { ...validEnv, PORT: String(port) });
    await child.waitForLog('listening');

    await fetch(`http://127.0.0.1:${port}${path}`);
    const exit = await child.exited;

    expect(exit.code).toBe(1);
    expect(child.lines()).toContainEqual(
      expect.objectContaining({
        level: 'fatal',
        msg: kind,
        err: expect.objectContaining({ message }),
      }),
    );
    expect(child.lines().map((l) => l.msg)).toContain('onModuleDestroy');
    expect(child.lines().at(-1)).toMatchObject({ msg: 'shutdown complete', exitCode: 1 });
    expect(JSON.stringify(child.lines())).not.toContain('hunter2');
  });

  it('exits 1 with a JSON log when the port is taken', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const child = startChildService('tiny-service.main.ts', { ...validEnv, PORT: String(port) });
      const exit = await child.exited;

      expect(exit.code).toBe(1);
      expect(child.lines()).toContainEqual(
        expect.objectContaining({
          level: 'fatal',
          msg: 'failed to start',
          err: expect.objectContaining({ code: 'EADDRINUSE' }),
        }),
      );
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });
});
