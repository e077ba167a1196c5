import { DevTraceReceiver, parseOtlpJson } from './dev-trace-receiver';

const TRACE = '5b8efff798038103d269b633813fc60c';
const span = (spanId: string, name: string, start: number, parentSpanId?: string) => ({
  traceId: TRACE,
  spanId,
  ...(parentSpanId ? { parentSpanId } : {}),
  name,
  kind: 2,
  startTimeUnixNano: String(BigInt(start) * 1_000_000n),
  endTimeUnixNano: String(BigInt(start + 5) * 1_000_000n),
  status: { code: 0 },
  attributes: [{ key: 'rpc.method', value: { stringValue: name } }],
});
const exportRequest = (service: string, spans: unknown[]) => ({
  resourceSpans: [
    {
      resource: { attributes: [{ key: 'service.name', value: { stringValue: service } }] },
      scopeSpans: [{ scope: { name: 'voltlane' }, spans }],
    },
  ],
});

describe('dev trace receiver', () => {
  it('Given OTLP JSON with base64 ids, When parsed, Then ids are hex', () => {
    const [s] = parseOtlpJson(
      exportRequest('svc', [
        {
          ...span('', 'x', 1),
          traceId: Buffer.from(TRACE, 'hex').toString('base64'),
          spanId: Buffer.from('eee19b7ec3c1b174', 'hex').toString('base64'),
        },
      ]),
    );
    expect(s.traceId).toBe(TRACE);
    expect(s.spanId).toBe('eee19b7ec3c1b174');
    expect(s.service).toBe('svc');
  });

  describe('over HTTP', () => {
    const receiver = new DevTraceReceiver();
    let url: string;
    beforeAll(async () => {
      url = await receiver.start(0);
    });
    afterAll(() => receiver.stop());

    it('Given spans of two services exported separately, When the trace is read, Then it is one tree with a text rendering', async () => {
      const post = (body: unknown, type = 'application/json') =>
        fetch(`${url}/v1/traces`, {
          method: 'POST',
          headers: { 'content-type': type },
          body: JSON.stringify(body),
        });
      expect(
        (
          await post(
            exportRequest('ocpp-gateway', [span('a1a1a1a1a1a1a1a1', 'ocpp StartTransaction', 1)]),
          )
        ).status,
      ).toBe(200);
      await post(
        exportRequest('session-engine', [
          span('b2b2b2b2b2b2b2b2', 'process ocpp.transaction.started.v1', 3, 'a1a1a1a1a1a1a1a1'),
        ]),
      );
      expect((await post({}, 'application/x-protobuf')).status).toBe(415);

      const list = (await (await fetch(`${url}/traces`)).json()) as { traces: unknown[] };
      expect(list.traces).toEqual([
        expect.objectContaining({
          traceId: TRACE,
          root: 'ocpp StartTransaction',
          services: ['ocpp-gateway', 'session-engine'],
          spans: 2,
        }),
      ]);
      const trace = (await (await fetch(`${url}/traces/${TRACE}`)).json()) as {
        spans: { name: string; children: { name: string; service: string }[] }[];
        text: string;
      };
      expect(trace.spans).toHaveLength(1);
      expect(trace.spans[0].name).toBe('ocpp StartTransaction');
      expect(trace.spans[0].children.map((c) => [c.name, c.service])).toEqual([
        ['process ocpp.transaction.started.v1', 'session-engine'],
      ]);
      expect(trace.text).toMatch(/^ocpp StartTransaction\s+ocpp-gateway.*\n {2}process ocpp/);
      const text = await (await fetch(`${url}/traces/${TRACE}?format=text`)).text();
      expect(text).toBe(trace.text);
      expect((await fetch(`${url}/traces/${'0'.repeat(32)}`)).status).toBe(404);
    });
  });
});
