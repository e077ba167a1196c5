import { createServer, request, type Server } from 'node:http';
import { GracefulShutdown } from './graceful-shutdown';

function fakeLogger() {
  const entries: Array<{ level: string; msg: string; fields?: unknown }> = [];
  const at = (level: string) => (msg: unknown, fields?: unknown) =>
    entries.push({ level, msg: String(msg), fields });
  return {
    entries,
    logger: { log: at('info'), warn: at('warn'), error: at('error'), fatal: at('fatal') },
  };
}

describe('GracefulShutdown', () => {
  const exitCodeBefore = process.exitCode;
  afterEach(() => {
    process.exitCode = exitCodeBefore;
  });

  it('marks not-ready, closes the app with the signal, then exits 0', async () => {
    const calls: string[] = [];
    const exit = jest.fn();
    const shutdown = new GracefulShutdown({ logger: fakeLogger().logger, timeoutMs: 1000, exit });
    shutdown.attach(
      { close: async (signal) => void calls.push(`close:${signal}`) },
      { markNotReady: () => calls.push('not-ready') },
    );

    await shutdown.shutdown('SIGTERM', 0, 'SIGTERM');

    expect(calls).toEqual(['not-ready', 'close:SIGTERM']);
    expect(exit).toHaveBeenCalledWith(0);
  });

  it('exits 1 when closing fails', async () => {
    const exit = jest.fn();
    const { logger, entries } = fakeLogger();
    const shutdown = new GracefulShutdown({ logger, timeoutMs: 1000, exit });
    shutdown.attach({ close: () => Promise.reject(new Error('pool end failed')) });

    await shutdown.shutdown('SIGTERM', 0, 'SIGTERM');

    expect(exit).toHaveBeenCalledWith(1);
    expect(entries).toContainEqual(
      expect.objectContaining({ level: 'error', msg: 'error during shutdown' }),
    );
  });

  it('exits 1 when closing exceeds the bound, and marks the process failed meanwhile', async () => {
    const exit = jest.fn();
    const shutdown = new GracefulShutdown({ logger: fakeLogger().logger, timeoutMs: 50, exit });
    shutdown.attach({ close: () => new Promise(() => undefined) });

    void shutdown.shutdown('SIGTERM', 0, 'SIGTERM');
    expect(process.exitCode).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 120));

    expect(exit).toHaveBeenCalledWith(1);
  });

  it('a second signal exits at once; a fatal error turns a clean shutdown into exit 1', async () => {
    const exit = jest.fn();
    const { logger, entries } = fakeLogger();
    let finishClose: () => void = () => undefined;
    const shutdown = new GracefulShutdown({ logger, timeoutMs: 1000, exit });
    shutdown.attach({ close: () => new Promise<void>((resolve) => (finishClose = resolve)) });

    const done = shutdown.shutdown('SIGTERM', 0, 'SIGTERM');
    shutdown.onFatal('unhandledRejection', 'not an error');
    shutdown.onSignal('SIGINT');
    expect(exit).toHaveBeenCalledWith(1);

    await new Promise((resolve) => setImmediate(resolve)); // close() has been called by now
    finishClose();
    await done;
    expect(exit).toHaveBeenLastCalledWith(1);
    expect(entries).toContainEqual(
      expect.objectContaining({ level: 'fatal', msg: 'unhandledRejection' }),
    );
  });

  it('stops accepting connections and waits for in-flight requests before closing the app', async () => {
    const order: string[] = [];
    const server: Server = createServer((_req, res) => {
      setTimeout(() => {
        order.push('response sent');
        res.end('done');
      }, 150);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    const shutdown = new GracefulShutdown({
      logger: fakeLogger().logger,
      timeoutMs: 2000,
      exit: jest.fn(),
    });
    shutdown.attach({ close: async () => void order.push('app closed') }, { server });

    const inflight = new Promise<string>((resolve, reject) => {
      request({ port, host: '127.0.0.1', path: '/' }, (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve(body));
      })
        .on('error', reject)
        .end();
    });
    await new Promise((resolve) => setTimeout(resolve, 30));

    const stopping = shutdown.shutdown('SIGTERM', 0, 'SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 10));
    const refused = await fetch(`http://127.0.0.1:${port}/`).then(
      () => 'accepted',
      () => 'refused',
    );
    await stopping;

    expect(await inflight).toBe('done');
    expect(refused).toBe('refused');
    expect(order).toEqual(['response sent', 'app closed']);
  });
});
