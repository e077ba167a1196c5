import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the peer received. */
export interface PeerRequest {
  method: string;
  path: string;
  body: unknown;
  headers: IncomingMessage['headers'];
  receivedAt: number;
}

/** How the peer answers one request; `hold` keeps it unanswered until the promise resolves. */
export interface PeerAnswer {
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
  delayMs?: number;
  hold?: Promise<void>;
}

export type PeerScript = (request: PeerRequest) => PeerAnswer | undefined;

/**
 * A scripted OCPI receiver on a real node:http server (for tests and benchmarks of push delivery):
 * records every request and answers what the script says (default HTTP 200, OCPI 1000). Tracks
 * requests in flight overall and per path, so tests can check parallelism and per-object order.
 */
export class ScriptedPeer {
  readonly requests: PeerRequest[] = [];
  script: PeerScript = () => undefined;
  inFlight = 0;
  maxInFlight = 0;
  /** Highest number of simultaneous requests seen for one path. */
  maxInFlightPerPath = 0;
  private readonly perPath = new Map<string, number>();
  private server: Server | null = null;
  private base = '';

  get url(): string {
    return this.base;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    this.server.keepAliveTimeout = 5_000;
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    this.base = `http://127.0.0.1:${port}`;
    return this;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Requests to `path` or below it (`path/…`), in arrival order; all of them without a path. */
  received(path = ''): PeerRequest[] {
    if (!path) return [...this.requests];
    const below = path.endsWith('/') ? path : `${path}/`;
    return this.requests.filter((r) => r.path === path || r.path.startsWith(below));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const request: PeerRequest = {
      method: req.method ?? '',
      path: req.url ?? '',
      body: text ? (JSON.parse(text) as unknown) : undefined,
      headers: req.headers,
      receivedAt: Date.now(),
    };
    this.requests.push(request);
    this.inFlight += 1;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    const n = (this.perPath.get(request.path) ?? 0) + 1;
    this.perPath.set(request.path, n);
    this.maxInFlightPerPath = Math.max(this.maxInFlightPerPath, n);
    try {
      const answer = this.script(request) ?? {};
      if (answer.delayMs) await new Promise((r) => setTimeout(r, answer.delayMs));
      if (answer.hold) await answer.hold;
      const status = answer.status ?? 200;
      const body = answer.body ?? {
        status_code: status < 300 ? 1000 : 3000,
        timestamp: new Date().toISOString(),
      };
      res.writeHead(status, { 'content-type': 'application/json', ...answer.headers });
      res.end(JSON.stringify(body));
    } finally {
      this.inFlight -= 1;
      this.perPath.set(request.path, (this.perPath.get(request.path) ?? 1) - 1);
    }
  }
}
