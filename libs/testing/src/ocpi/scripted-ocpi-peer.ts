import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A parsed JSON answer in tests: deliberately loose, assertions check its shape. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type TestJson = any;

export interface RecordedRequest {
  method: string;
  path: string;
  /** The query string without `?` ('' when none). */
  query: string;
  headers: IncomingMessage['headers'];
  body: unknown;
}

export interface PeerEndpoint {
  identifier: string;
  role: 'SENDER' | 'RECEIVER';
  path: string;
}

export type PeerHandler = (req: RecordedRequest) =>
  | {
      status?: number;
      body?: unknown;
      headers?: Record<string, string>;
      /** Answer only after this many ms (a slow or hanging peer). */
      delayMs?: number;
    }
  | undefined;

/**
 * A small OCPI 2.2.1 party on node:http for tests: versions, version details and credentials
 * (client and server side), plus per-path overrides. It accepts exactly the tokens it knows
 * (`acceptedTokens`), base64-encoded unless `rawTokens`.
 */
export class ScriptedOcpiPeer {
  readonly requests: RecordedRequest[] = [];
  /** Tokens this peer accepts on incoming calls. */
  readonly acceptedTokens = new Set<string>();
  /** Versions it offers (default: 2.2.1 only). */
  versions: string[] = ['2.2.1'];
  endpoints: PeerEndpoint[] = [{ identifier: 'credentials', role: 'SENDER', path: 'credentials' }];
  /** Send and accept raw (unencoded) tokens. */
  rawTokens = false;
  /** Extra route handlers, tried first; return undefined to fall through. */
  handlers: PeerHandler[] = [];
  /** What the peer received as its client token (the token it sends to the service). */
  clientToken?: string;
  /** Credentials the peer got back from the service (after it POSTed/PUT to it). */
  serviceCredentials?: { token: string; url: string; roles: unknown[] };
  private server?: Server;
  port = 0;

  constructor(
    readonly party: { countryCode: string; partyId: string; role: string; name?: string } = {
      countryCode: 'DE',
      partyId: 'PEE',
      role: 'EMSP',
    },
  ) {}

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}/ocpi`;
  }

  get versionsUrl(): string {
    return `${this.baseUrl}/versions`;
  }

  static newToken(): string {
    return randomBytes(24).toString('base64url');
  }

  /** A Token A this peer issues (for the service to register with it). */
  issueToken(): string {
    const t = ScriptedOcpiPeer.newToken();
    this.acceptedTokens.add(t);
    return t;
  }

  credentials(token: string) {
    return {
      token,
      url: this.versionsUrl,
      roles: [
        {
          role: this.party.role,
          business_details: { name: this.party.name ?? 'Scripted peer' },
          party_id: this.party.partyId,
          country_code: this.party.countryCode,
        },
      ],
    };
  }

  authorization(token: string): string {
    return `Token ${this.rawTokens ? token : Buffer.from(token).toString('base64')}`;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) =>
      this.server ? this.server.close(() => resolve()) : resolve(),
    );
  }

  /** Calls the service as this peer (`token` = what the service issued, or its Token A). */
  async call(
    method: string,
    url: string,
    token: string | undefined,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; body: TestJson; headers: Headers }> {
    const res = await fetch(url, {
      method,
      headers: {
        ...(token === undefined ? {} : { authorization: this.authorization(token) }),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // keep the text
    }
    return { status: res.status, body: parsed, headers: res.headers };
  }

  /** Registers with the service (the peer is the credentials client) using the service's Token A. */
  async registerWith(serviceVersionsUrl: string, tokenA: string) {
    const versions = await this.call('GET', serviceVersionsUrl, tokenA);
    const v221 = (versions.body?.data ?? []).find(
      (v: { version: string }) => v.version === '2.2.1',
    );
    const details = await this.call('GET', v221.url, tokenA);
    const credentialsUrl = details.body.data.endpoints.find(
      (e: { identifier: string }) => e.identifier === 'credentials',
    ).url;
    const ourToken = this.issueToken();
    const answer = await this.call('POST', credentialsUrl, tokenA, this.credentials(ourToken));
    if (answer.body?.status_code === 1000) {
      this.serviceCredentials = answer.body.data;
      this.clientToken = answer.body.data.token;
    }
    return { answer, credentialsUrl, peerToken: ourToken };
  }

  private envelope(data: unknown, status_code = 1000, status_message?: string) {
    return { data, status_code, status_message, timestamp: new Date().toISOString() };
  }

  private authorized(req: IncomingMessage): boolean {
    const m = /^Token (\S+)$/.exec(req.headers.authorization ?? '');
    if (!m) return false;
    const token = this.rawTokens ? m[1] : Buffer.from(m[1], 'base64').toString('utf8');
    return this.acceptedTokens.has(token);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = text;
    }
    const path = (req.url ?? '/').split('?')[0];
    const recorded: RecordedRequest = {
      method: req.method ?? 'GET',
      path,
      query: (req.url ?? '').split('?')[1] ?? '',
      headers: req.headers,
      body,
    };
    this.requests.push(recorded);
    const send = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(payload));
    };
    for (const h of this.handlers) {
      const out = h(recorded);
      if (out?.delayMs) await new Promise((resolve) => setTimeout(resolve, out.delayMs));
      if (out) return send(out.status ?? 200, out.body ?? this.envelope(undefined), out.headers);
    }
    if (!this.authorized(req)) return send(401, this.envelope(undefined, 2000, 'Unauthorized'));
    if (path === '/ocpi/versions') {
      return send(
        200,
        this.envelope(this.versions.map((v) => ({ version: v, url: `${this.baseUrl}/${v}` }))),
      );
    }
    if (path === `/ocpi/2.2.1` && this.versions.includes('2.2.1')) {
      return send(
        200,
        this.envelope({
          version: '2.2.1',
          endpoints: this.endpoints.map((e) => ({
            identifier: e.identifier,
            role: e.role,
            url: `${this.baseUrl}/2.2.1/${e.path}`,
          })),
        }),
      );
    }
    if (path === '/ocpi/2.2.1/credentials') {
      const incoming = body as { token: string; url: string } | undefined;
      if (req.method === 'POST' || req.method === 'PUT') {
        // The service registers with us: it gives us its token; we issue ours.
        this.clientToken = incoming?.token;
        const token = this.issueToken();
        return send(200, this.envelope(this.credentials(token)));
      }
      if (req.method === 'DELETE') return send(200, this.envelope(undefined));
      return send(200, this.envelope(this.credentials('hidden')));
    }
    return send(404, this.envelope(undefined, 2000, 'Unknown endpoint'));
  }
}
