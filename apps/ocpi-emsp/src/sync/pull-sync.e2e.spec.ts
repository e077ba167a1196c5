import { randomUUID } from 'node:crypto';
import { type EmspCdrReceivedV1, Topics } from '@voltlane/contracts-events';
import { type InboundEvent, KafkaPlatform, silentKafkaLogger } from '@voltlane/platform-kafka';
import { Pool } from 'pg';
import {
  OcpiServiceProcess,
  type RecordedRequest,
  ScriptedOcpiPeer,
  type TestJson,
  waitFor,
} from '@voltlane/testing';

/**
 * ocpi-emsp pull sync (ADR 0071) as a real process on real Kafka and PostgreSQL against a scripted
 * CPO serving its Sender endpoints in pages (`Link` headers): the scheduled first sync, CDRs whose
 * push was lost recovered exactly once, paging to the end, invalid and foreign objects skipped,
 * watermarks as `date_from`, a failing module keeping its watermark, one run per partner at a time.
 * [T&F › …], [SES › …] = ocpi-essentials.md §4.3 headings.
 */
const run = randomUUID().slice(0, 8);
const PAGE = 2;
const at = (minute: number) => new Date(Date.UTC(2026, 10, 22, 8, minute, 0)).toISOString();
const EPOCH = '1970-01-01T00:00:00Z';

const cdrToken = {
  country_code: 'NL',
  party_id: 'VLE',
  uid: `TOK-${run}`,
  type: 'RFID',
  contract_id: 'NL-VLE-C12345678-X',
};

function location(id: string, cc = 'NL', pid = 'CPS') {
  return {
    country_code: cc,
    party_id: pid,
    id,
    publish: true,
    address: 'Stationsplein 1',
    city: 'Utrecht',
    postal_code: '3511ED',
    country: 'NLD',
    coordinates: { latitude: '52.089440', longitude: '5.110000' },
    time_zone: 'Europe/Amsterdam',
    evses: [
      {
        uid: `E-${id}`,
        status: 'AVAILABLE',
        connectors: [
          {
            id: '1',
            standard: 'IEC_62196_T2',
            format: 'SOCKET',
            power_type: 'AC_3_PHASE',
            max_voltage: 230,
            max_amperage: 32,
            last_updated: at(1),
          },
        ],
        last_updated: at(1),
      },
    ],
    last_updated: at(1),
  };
}

function tariff(id: string) {
  return {
    country_code: 'NL',
    party_id: 'CPS',
    id,
    currency: 'EUR',
    elements: [{ price_components: [{ type: 'ENERGY', price: 0.3, vat: 21, step_size: 1 }] }],
    last_updated: at(1),
  };
}

function session(id: string) {
  return {
    country_code: 'NL',
    party_id: 'CPS',
    id,
    start_date_time: at(0),
    kwh: 3.5,
    cdr_token: cdrToken,
    auth_method: 'AUTH_REQUEST',
    location_id: `L-${run}-1`,
    evse_uid: `E-L-${run}-1`,
    connector_id: '1',
    currency: 'EUR',
    status: 'ACTIVE',
    last_updated: at(2),
  };
}

function cdr(id: string, cc = 'NL', pid = 'CPS') {
  return {
    country_code: cc,
    party_id: pid,
    id,
    start_date_time: at(0),
    end_date_time: at(59),
    session_id: `S-${run}-1`,
    cdr_token: cdrToken,
    auth_method: 'AUTH_REQUEST',
    cdr_location: {
      id: `L-${run}-1`,
      address: 'Stationsplein 1',
      city: 'Utrecht',
      postal_code: '3511ED',
      country: 'NLD',
      coordinates: { latitude: '52.089440', longitude: '5.110000' },
      evse_uid: `E-L-${run}-1`,
      evse_id: 'NL*CPS*E1',
      connector_id: '1',
      connector_standard: 'IEC_62196_T2',
      connector_format: 'SOCKET',
      connector_power_type: 'AC_3_PHASE',
    },
    currency: 'EUR',
    charging_periods: [{ start_date_time: at(0), dimensions: [{ type: 'ENERGY', volume: 10 }] }],
    total_cost: { excl_vat: 3.0, incl_vat: 3.63 },
    total_energy: 10,
    total_time: 0.9833,
    last_updated: at(59),
  };
}

const CDR = (n: number) => `C-${run}-${n}`;

describe('ocpi-emsp pull sync (real process, Kafka, PostgreSQL, scripted CPO)', () => {
  const emsp = new OcpiServiceProcess({
    app: 'ocpi-emsp',
    countryCode: 'NL',
    partyId: 'VLE',
    env: { OCPI_PULL_SYNC_CHECK_INTERVAL_MS: '300', OCPI_PULL_SYNC_INTERVAL_SECONDS: '3600' },
  });
  const peer = new ScriptedOcpiPeer({ countryCode: 'NL', partyId: 'CPS', role: 'CPO' });
  /** What the CPO's Sender endpoints list (oldest first). */
  const lists: Record<string, unknown[]> = {
    locations: [
      location(`L-${run}-1`),
      { ...location(`L-${run}-bad`), coordinates: { latitude: 'north', longitude: '5.1' } },
      location(`L-${run}-2`),
    ],
    tariffs: [tariff(`T-${run}-1`)],
    sessions: [session(`S-${run}-1`)],
    cdrs: [
      cdr(CDR(1)),
      { ...cdr(CDR(2)), total_cost: undefined }, // invalid: total_cost is required
      cdr(CDR(3)),
      cdr(CDR(4), 'DE', 'XXX'), // not a party of this partner
      cdr(CDR(5)),
    ],
  };
  const failing: Record<string, boolean> = {};
  const delayMs: Record<string, number> = {};
  const cdrEvents: EmspCdrReceivedV1[] = [];
  let kafka: KafkaPlatform;
  let db: Pool;
  let partnerId: string;
  let peerToken: string;
  const base = () => `${emsp.baseUrl}/ocpi/emsp/2.2.1`;

  const gets = (module: string): RecordedRequest[] =>
    peer.requests.filter((r) => r.method === 'GET' && r.path === `/ocpi/2.2.1/${module}`);
  const query = (r: RecordedRequest) => new URLSearchParams(r.query);
  const syncNow = () => emsp.adminApi('POST', `/admin/v1/partners/${partnerId}/sync`);
  const syncState = async () =>
    (await emsp.adminApi('GET', `/admin/v1/partners/${partnerId}/sync`)).body;
  const storedCdrs = async (id: string) =>
    (
      await db.query(
        `SELECT count(*)::int AS n FROM ocpi_emsp.received_cdrs WHERE partner_id = $1 AND cdr_key = upper($2)`,
        [partnerId, id],
      )
    ).rows[0].n as number;
  const settle = (ms = 2_000) => new Promise((r) => setTimeout(r, ms));

  beforeAll(async () => {
    kafka = new KafkaPlatform(
      {
        brokers: (process.env.KAFKA_BROKERS as string).split(','),
        clientId: `ocpi-emsp-pull-sync-e2e-${run}`,
        defaultPartitions: 3,
      },
      silentKafkaLogger,
    );
    await kafka.start([Topics.EmspCdrReceived]);
    const collector = kafka.createConsumer({
      groupId: `ocpi-emsp-pull-sync-e2e-${run}`,
      topics: [Topics.EmspCdrReceived],
      isTransient: () => true,
      handler: async (batch: InboundEvent[]) => {
        for (const e of batch) {
          const data = e.envelope.data as TestJson;
          if (JSON.stringify(data).includes(run)) cdrEvents.push(data);
        }
      },
    });
    await collector.start();

    peer.endpoints = [
      { identifier: 'credentials', role: 'SENDER', path: 'credentials' },
      { identifier: 'locations', role: 'SENDER', path: 'locations' },
      { identifier: 'tariffs', role: 'SENDER', path: 'tariffs' },
      { identifier: 'sessions', role: 'SENDER', path: 'sessions' },
      { identifier: 'cdrs', role: 'SENDER', path: 'cdrs' },
    ];
    peer.handlers.push((req) => {
      const m = /^\/ocpi\/2\.2\.1\/(locations|tariffs|sessions|cdrs)$/.exec(req.path);
      if (!m || req.method !== 'GET') return undefined;
      const envelope = (data: unknown, status_code = 1000) => ({
        data,
        status_code,
        timestamp: new Date().toISOString(),
      });
      if (req.headers.authorization !== peer.authorization(peerToken)) {
        return { status: 401, body: envelope(undefined, 2000) };
      }
      if (failing[m[1]]) return { status: 500, body: envelope(undefined, 3000) };
      const q = query(req);
      const offset = Number(q.get('offset') ?? 0);
      const items = lists[m[1]];
      const headers: Record<string, string> = {
        'x-total-count': String(items.length),
        'x-limit': String(PAGE),
      };
      if (offset + PAGE < items.length) {
        const next = new URL(`${peer.baseUrl}/2.2.1/${m[1]}`);
        q.forEach((v, k) => next.searchParams.set(k, v));
        next.searchParams.set('offset', String(offset + PAGE));
        next.searchParams.set('limit', String(PAGE));
        headers.link = `<${next.toString()}>; rel="next"`;
      }
      return {
        body: envelope(items.slice(offset, offset + PAGE)),
        headers,
        delayMs: delayMs[m[1]],
      };
    });
    await peer.start();
    db = new Pool({ connectionString: emsp.databaseUrl, max: 2 });
    await emsp.start();
    const partner = await emsp.adminApi('POST', '/admin/v1/partners', {
      name: 'scripted CPO with Sender endpoints',
      roles: [{ country_code: 'NL', party_id: 'CPS', role: 'CPO' }],
    });
    expect(partner.status).toBe(201);
    partnerId = partner.body.id;
    const reg = await peer.registerWith(partner.body.versions_url, partner.body.token);
    expect(reg.answer.body.status_code).toBe(1000);
    peerToken = reg.peerToken;
  }, 120_000);

  afterAll(async () => {
    await peer.stop();
    await db?.end();
    await emsp.destroy();
    await kafka?.disconnect();
  });

  it('syncs a newly registered CPO on its own: every module, sessions from the epoch, all pages [T&F › Pull and Push] [SES › Request Parameters]', async () => {
    const state = await waitFor(
      syncState,
      (s: TestJson) =>
        s.modules?.length === 4 && s.modules.every((m: TestJson) => m.last_success_at !== null),
      { timeoutMs: 20_000, what: 'the scheduled first sync' },
    );
    for (const m of state.modules) {
      expect(m).toMatchObject({ last_error: null });
      expect(m.watermark).not.toBeNull();
      expect(new Date(m.next_run_at).getTime()).toBeGreaterThan(Date.now() + 3_000_000);
    }
    expect(state.modules.find((m: TestJson) => m.module === 'cdrs')).toMatchObject({
      received: 3,
      invalid: 2,
    });
    // first GETs: no date_from except sessions, where it is required → the epoch
    expect(query(gets('sessions')[0]).get('date_from')).toBe(EPOCH);
    expect(query(gets('locations')[0]).get('date_from')).toBeNull();
    expect(query(gets('cdrs')[0]).get('date_from')).toBeNull();
    // Link followed to the end: 5 CDRs in pages of 2
    expect(gets('cdrs').map((r) => query(r).get('offset'))).toEqual([null, '2', '4']);
  });

  it('stores what the pull brought through the Receiver use cases, skipping invalid and foreign objects [T&F › GET]', async () => {
    const call = (path: string) => peer.call('GET', `${base()}/${path}`, peer.clientToken);
    expect((await call(`locations/NL/CPS/L-${run}-1`)).status).toBe(200);
    expect((await call(`locations/NL/CPS/L-${run}-2`)).status).toBe(200);
    expect((await call(`locations/NL/CPS/L-${run}-bad`)).status).toBe(404);
    expect((await call(`tariffs/NL/CPS/T-${run}-1`)).status).toBe(200);
    const s = await call(`sessions/NL/CPS/S-${run}-1`);
    expect([s.status, s.body.data?.kwh]).toEqual([200, 3.5]);
    expect((await call(`cdrs/${CDR(1)}`)).status).toBe(200);
    expect(await storedCdrs(CDR(1))).toBe(1);
    expect(await storedCdrs(CDR(2))).toBe(0);
    expect(await storedCdrs(CDR(4))).toBe(0);
    await waitFor(
      async () => cdrEvents.length,
      (n) => n >= 3,
      { timeoutMs: 20_000, what: 'emsp.cdr.received events' },
    );
  });

  it('recovers a CDR whose push was lost exactly once; syncing again duplicates nothing and sends the watermark as date_from', async () => {
    lists.cdrs.push(cdr(CDR(6)));
    const before = gets('sessions').length;
    const first = await syncNow();
    expect(first.status).toBe(200);
    expect(first.body.modules.find((m: TestJson) => m.module === 'cdrs')).toMatchObject({
      status: 'ok',
      pages: 3,
      received: 4,
      invalid: 2,
    });
    expect(await storedCdrs(CDR(6))).toBe(1);
    const second = await syncNow();
    expect(second.status).toBe(200);
    expect(await storedCdrs(CDR(6))).toBe(1);
    expect(await storedCdrs(CDR(1))).toBe(1);

    await settle();
    const ids = cdrEvents.map((e) => e.cdrId).sort();
    expect(ids).toEqual([CDR(1), CDR(3), CDR(5), CDR(6)]);

    const watermarked = gets('sessions').slice(before);
    expect(watermarked).toHaveLength(2);
    for (const r of watermarked) {
      const from = query(r).get('date_from') as string;
      expect(from).not.toBe(EPOCH);
      expect(Math.abs(Date.parse(from) - Date.now())).toBeLessThan(10 * 60_000);
    }
  });

  it('a failing module records its error and keeps its watermark; the others go on', async () => {
    const before = (await syncState()).modules.find((m: TestJson) => m.module === 'tariffs');
    failing.tariffs = true;
    try {
      const res = await syncNow();
      expect(res.status).toBe(200);
      const tariffs = res.body.modules.find((m: TestJson) => m.module === 'tariffs');
      expect(tariffs.status).toBe('failed');
      expect(tariffs.error).toContain('500');
      expect(res.body.modules.find((m: TestJson) => m.module === 'cdrs').status).toBe('ok');
      const after = (await syncState()).modules.find((m: TestJson) => m.module === 'tariffs');
      expect(after.watermark).toBe(before.watermark);
      expect(after.last_error).toContain('500');
    } finally {
      failing.tariffs = false;
    }
    const healed = (await syncNow()).body.modules.find((m: TestJson) => m.module === 'tariffs');
    expect(healed.status).toBe('ok');
    expect(
      (await syncState()).modules.find((m: TestJson) => m.module === 'tariffs').last_error,
    ).toBeNull();
  });

  it('runs one sync per partner at a time (a second trigger meanwhile → 409)', async () => {
    delayMs.cdrs = 1_000;
    try {
      const [a, b] = await Promise.all([syncNow(), syncNow()]);
      expect([a.status, b.status].sort()).toEqual([200, 409]);
    } finally {
      delete delayMs.cdrs;
    }
    expect((await emsp.adminApi('POST', `/admin/v1/partners/${randomUUID()}/sync`)).status).toBe(
      404,
    );
  });
});
