import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';

/**
 * Development-only OTLP/HTTP trace receiver for `npm start`: the services export their spans to it
 * as OTLP JSON (`POST /v1/traces`); it keeps the most recent traces in memory and serves them:
 *
 * - `GET /traces` — recent traces, newest first: id, root span, services, span count, duration;
 * - `GET /traces/{traceId}` — the trace as a tree (JSON) plus a text rendering (`text`);
 *   `?format=text` answers the text alone.
 *
 * Not a collector: no persistence, no auth, protobuf is refused (415). Production sends OTLP to a
 * real collector (`OTEL_EXPORTER_OTLP_ENDPOINT`).
 */
export interface ReceivedSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: string;
  service: string;
  startNs: bigint;
  endNs: bigint;
  status: 'OK' | 'ERROR' | 'UNSET';
  attributes: Record<string, unknown>;
  links: { traceId: string; spanId: string }[];
}

export interface SpanNode {
  name: string;
  service: string;
  kind: string;
  spanId: string;
  parentSpanId?: string;
  startTime: string;
  durationMs: number;
  status: string;
  attributes: Record<string, unknown>;
  links: { traceId: string; spanId: string }[];
  children: SpanNode[];
}

export interface TraceSummary {
  traceId: string;
  root: string;
  rootService: string;
  services: string[];
  spans: number;
  startTime: string;
  durationMs: number;
}

const KINDS = ['UNSPECIFIED', 'INTERNAL', 'SERVER', 'CLIENT', 'PRODUCER', 'CONSUMER'];
const STATUS = ['UNSET', 'OK', 'ERROR'] as const;
const MAX_BODY_BYTES = 16 * 1024 * 1024;

export class TraceStore {
  private readonly traces = new Map<string, ReceivedSpan[]>();

  constructor(private readonly maxTraces = 500) {}

  add(spans: ReceivedSpan[]): void {
    for (const span of spans) {
      const list = this.traces.get(span.traceId);
      if (list) {
        list.push(span);
      } else {
        this.traces.set(span.traceId, [span]);
        if (this.traces.size > this.maxTraces) {
          this.traces.delete(this.traces.keys().next().value as string);
        }
      }
    }
  }

  spans(traceId: string): ReceivedSpan[] {
    return [...(this.traces.get(traceId.toLowerCase()) ?? [])];
  }

  summaries(limit = 50): TraceSummary[] {
    return [...this.traces.keys()]
      .map((id) => summarize(id, this.traces.get(id) ?? []))
      .sort((a, b) => b.startTime.localeCompare(a.startTime))
      .slice(0, limit);
  }

  tree(traceId: string): SpanNode[] {
    return buildTree(this.spans(traceId));
  }
}

/** Spans of an OTLP/JSON `ExportTraceServiceRequest`. */
export function parseOtlpJson(body: unknown): ReceivedSpan[] {
  const out: ReceivedSpan[] = [];
  const resourceSpans = (body as { resourceSpans?: unknown[] })?.resourceSpans ?? [];
  for (const rs of resourceSpans as Json[]) {
    const resource = attributesOf(rs.resource?.attributes);
    const service = String(resource['service.name'] ?? 'unknown');
    for (const ss of (rs.scopeSpans ?? []) as Json[]) {
      for (const s of (ss.spans ?? []) as Json[]) {
        const parent = s.parentSpanId ? idOf(s.parentSpanId as string) : '';
        out.push({
          traceId: idOf(s.traceId as string),
          spanId: idOf(s.spanId as string),
          ...(parent ? { parentSpanId: parent } : {}),
          name: String(s.name ?? ''),
          kind: KINDS[Number(s.kind ?? 0)] ?? String(s.kind),
          service,
          startNs: BigInt(s.startTimeUnixNano ?? 0),
          endNs: BigInt(s.endTimeUnixNano ?? 0),
          status: STATUS[Number(s.status?.code ?? 0)] ?? 'UNSET',
          attributes: attributesOf(s.attributes),
          links: ((s.links ?? []) as Json[]).map((l) => ({
            traceId: idOf(l.traceId as string),
            spanId: idOf(l.spanId as string),
          })),
        });
      }
    }
  }
  return out;
}

/** The spans as trees: roots are spans whose parent is not in the trace (or that have none). */
export function buildTree(spans: ReceivedSpan[]): SpanNode[] {
  const nodes = new Map<string, SpanNode>();
  for (const s of [...spans].sort((a, b) => (a.startNs < b.startNs ? -1 : 1))) {
    nodes.set(s.spanId, {
      name: s.name,
      service: s.service,
      kind: s.kind,
      spanId: s.spanId,
      ...(s.parentSpanId ? { parentSpanId: s.parentSpanId } : {}),
      startTime: isoOf(s.startNs),
      durationMs: Number(s.endNs - s.startNs) / 1e6,
      status: s.status,
      attributes: s.attributes,
      links: s.links,
      children: [],
    });
  }
  const roots: SpanNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.parentSpanId ? nodes.get(node.parentSpanId) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}

/** An indented rendering: `service  span name  12.3 ms` per line, children below their parent. */
export function renderTree(roots: SpanNode[]): string {
  const lines: string[] = [];
  const walk = (node: SpanNode, depth: number) => {
    const label = `${'  '.repeat(depth)}${node.name}`;
    const flags = `${node.kind.toLowerCase()}${node.status === 'ERROR' ? ' ERROR' : ''}`;
    lines.push(
      `${label.padEnd(60)} ${node.service.padEnd(16)} ${node.durationMs.toFixed(1).padStart(9)} ms  ${flags}`,
    );
    for (const child of node.children) walk(child, depth + 1);
  };
  for (const root of roots) walk(root, 0);
  return `${lines.join('\n')}\n`;
}

export class DevTraceReceiver {
  readonly store: TraceStore;
  private server: Server | null = null;

  constructor(options: { maxTraces?: number } = {}) {
    this.store = new TraceStore(options.maxTraces);
  }

  /** Listens on `port` (0: any free port) of 127.0.0.1; resolves with the base URL. */
  async start(port: number, host = '127.0.0.1'): Promise<string> {
    const server = createServer((req, res) => {
      this.handle(req, res).catch((err: unknown) => send(res, 500, { error: String(err) }));
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve());
    });
    this.server = server;
    return `http://${host}:${(server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://receiver');
    if (req.method === 'POST' && url.pathname === '/v1/traces') {
      const type = String(req.headers['content-type'] ?? '');
      if (!type.includes('json')) {
        return send(res, 415, { error: 'only OTLP/HTTP JSON is accepted (application/json)' });
      }
      let body = await readBody(req);
      if (req.headers['content-encoding'] === 'gzip') body = gunzipSync(body);
      this.store.add(parseOtlpJson(JSON.parse(body.toString('utf8'))));
      return send(res, 200, {});
    }
    if (req.method === 'GET' && url.pathname === '/traces') {
      const limit = Math.min(Number(url.searchParams.get('limit')) || 50, 500);
      return send(res, 200, { traces: this.store.summaries(limit) });
    }
    const match = /^\/traces\/([0-9a-fA-F]{32})$/.exec(url.pathname);
    if (req.method === 'GET' && match) {
      const traceId = match[1].toLowerCase();
      const tree = this.store.tree(traceId);
      if (tree.length === 0) return send(res, 404, { error: `trace ${traceId} not found` });
      const text = renderTree(tree);
      if (url.searchParams.get('format') === 'text') {
        res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
        res.end(text);
        return;
      }
      return send(res, 200, { traceId, spans: tree, text });
    }
    send(res, 404, { error: 'GET /traces, GET /traces/{traceId}, POST /v1/traces' });
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- OTLP JSON
type Json = Record<string, any>;

function summarize(traceId: string, spans: ReceivedSpan[]): TraceSummary {
  const ids = new Set(spans.map((s) => s.spanId));
  const roots = spans.filter((s) => !s.parentSpanId || !ids.has(s.parentSpanId));
  const first = [...roots].sort((a, b) => (a.startNs < b.startNs ? -1 : 1))[0] ?? spans[0];
  const start = spans.reduce((m, s) => (s.startNs < m ? s.startNs : m), first.startNs);
  const end = spans.reduce((m, s) => (s.endNs > m ? s.endNs : m), first.endNs);
  return {
    traceId,
    root: first.name,
    rootService: first.service,
    services: [...new Set(spans.map((s) => s.service))].sort(),
    spans: spans.length,
    startTime: isoOf(start),
    durationMs: Number(end - start) / 1e6,
  };
}

/** OTLP/JSON ids are hex; some encoders send the bytes base64-encoded instead. */
function idOf(value: string): string {
  if (/^[0-9a-fA-F]+$/.test(value) && (value.length === 32 || value.length === 16)) {
    return value.toLowerCase();
  }
  return Buffer.from(value, 'base64').toString('hex');
}

function attributesOf(list: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const a of (list ?? []) as Json[]) out[String(a.key)] = valueOf(a.value as Json);
  return out;
}

function valueOf(v: Json | undefined): unknown {
  if (!v) return null;
  if ('stringValue' in v) return v.stringValue;
  if ('intValue' in v) return Number(v.intValue);
  if ('doubleValue' in v) return Number(v.doubleValue);
  if ('boolValue' in v) return Boolean(v.boolValue);
  if ('arrayValue' in v) return ((v.arrayValue?.values ?? []) as Json[]).map(valueOf);
  return null;
}

function isoOf(ns: bigint): string {
  return new Date(Number(ns / 1_000_000n)).toISOString();
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('body too large'));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body, null, 2));
}
