import { randomBytes } from 'node:crypto';
import { Topics } from '@voltlane/contracts-events';
import { KafkaPlatform, silentKafkaLogger } from '@voltlane/platform-kafka';
// Specs may use the test helpers; the module-boundary rule has no spec-file exception for apps yet.
import { findFreePorts } from '@voltlane/infra';
import { httpStatus, NodeProcess, waitFor } from '@voltlane/testing';

/**
 * Tariff management on the real service: PUT/GET/list/DELETE of OCPI 2.2.1 tariffs stored in the
 * tariff_rating schema, each change published through the outbox as tariff.tariff.upserted.v1 /
 * tariff.tariff.deleted.v1 (read back from Kafka).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON bodies
type Json = Record<string, any>;

const ADMIN_API_KEY = 'tariff-rating-e2e-tariffs-key-0123456789';

describe('tariff-rating: /v1/tariffs', () => {
  const tariffId = `E2E-${randomBytes(4).toString('hex').toUpperCase()}`;
  let port: number;
  let service: NodeProcess;
  let kafka: KafkaPlatform;

  const env = () => ({
    KAFKA_BROKERS: process.env.KAFKA_BROKERS ?? '',
    DATABASE_URL: process.env.DATABASE_URL ?? '',
    PORT: String(port),
    HOST: '127.0.0.1',
    ADMIN_API_KEY,
    LOG_LEVEL: 'warn',
  });

  const call = async (
    method: string,
    path: string,
    body?: unknown,
    key: string | null = ADMIN_API_KEY,
  ) => {
    const res = await fetch(`http://127.0.0.1:${port}${path}`, {
      method,
      headers: {
        'content-type': 'application/json',
        ...(key ? { authorization: `Bearer ${key}` } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(10_000),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : null) as Json };
  };

  const aTariff = (lastUpdated: string, price = 0.39) => ({
    country_code: 'NL',
    party_id: 'VLT',
    id: tariffId,
    currency: 'EUR',
    elements: [{ price_components: [{ type: 'ENERGY', price, vat: 21.0, step_size: 1 }] }],
    last_updated: lastUpdated,
  });
  const path = `/v1/tariffs/NL/VLT/${tariffId}`;

  const eventsOf = async (topic: string) => {
    const records = await kafka.readRaw(topic, { maxRecords: 1_000_000, timeoutMs: 3_000 });
    return records
      .filter((r) => r.key === tariffId)
      .map((r) => JSON.parse(String(r.value)) as { data: Json });
  };

  beforeAll(async () => {
    [port] = await findFreePorts(1);
    const migrate = new NodeProcess(['apps', 'tariff-rating', 'src', 'migrate.js'], env()).start();
    if ((await migrate.exit)?.code !== 0) throw new Error(`migrate failed:\n${migrate.tail()}`);
    service = NodeProcess.service('tariff-rating', env()).start();
    await waitFor(
      () => httpStatus(port, '/health/ready'),
      (status) => status === 200,
      { timeoutMs: 60_000, what: `tariff-rating ready on ${port}` },
    ).catch((err: unknown) => {
      throw new Error(`${String(err)}\n${service.tail()}`);
    });
    kafka = new KafkaPlatform(
      {
        brokers: (process.env.KAFKA_BROKERS ?? '').split(','),
        clientId: `tariff-rating-e2e-${randomBytes(3).toString('hex')}`,
        defaultPartitions: 6,
      },
      silentKafkaLogger,
    );
    await kafka.start([]);
  });

  afterAll(async () => {
    await kafka?.disconnect();
    await service?.stop();
  });

  it('Given no operator key, Then 401', async () => {
    expect((await call('GET', '/v1/tariffs', undefined, null)).status).toBe(401);
  });

  it('Given a new valid tariff, When PUT, Then 201; again 200; GET and list return it', async () => {
    const created = await call('PUT', path, aTariff('2025-02-01T00:00:00Z'));
    expect(created.status).toBe(201);
    expect(created.body.id).toBe(tariffId);
    const replaced = await call('PUT', path, aTariff('2025-03-01T00:00:00Z', 0.45));
    expect(replaced.status).toBe(200);

    const got = await call('GET', `/v1/tariffs/nl/vlt/${tariffId.toLowerCase()}`);
    expect(got.status).toBe(200);
    expect(got.body).toEqual(aTariff('2025-03-01T00:00:00.000Z', 0.45));

    const list = await call('GET', '/v1/tariffs?limit=100');
    expect(list.status).toBe(200);
    expect((list.body.items as { id: string }[]).some((t) => t.id === tariffId)).toBe(true);
  });

  it('Given both PUTs, Then two tariff.tariff.upserted.v1 events carry the tariff in order', async () => {
    const events = await waitFor(
      () => eventsOf(Topics.TariffUpserted),
      (e) => e.length >= 2,
      { timeoutMs: 30_000, what: 'two upserted events' },
    );
    expect(events.map((e) => e.data.tariff.elements[0].price_components[0].price)).toEqual([
      0.39, 0.45,
    ]);
    expect(events[1].data).toMatchObject({
      countryCode: 'NL',
      partyId: 'VLT',
      tariffId,
      currency: 'EUR',
      lastUpdated: '2025-03-01T00:00:00.000Z',
    });
  });

  it('Given an older last_updated, When PUT, Then 409 TARIFF.STALE', async () => {
    const res = await call('PUT', path, aTariff('2025-01-01T00:00:00Z'));
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('TARIFF.STALE');
  });

  it('Given an invalid tariff or ids differing from the URL, When PUT, Then 400 naming the field', async () => {
    const broken = aTariff('2025-04-01T00:00:00Z') as Json;
    broken.elements[0].price_components[0].step_size = 1.5;
    const invalid = await call('PUT', path, broken);
    expect(invalid.status).toBe(400);
    expect(invalid.body.errors).toEqual([
      'elements[0].price_components[0].step_size: must be an integer number',
    ]);
    const mismatch = await call(
      'PUT',
      '/v1/tariffs/NL/VLT/OTHER-ID',
      aTariff('2025-04-01T00:00:00Z'),
    );
    expect(mismatch.status).toBe(400);
    expect(mismatch.body.errors).toEqual(['id: must equal "OTHER-ID" from the URL']);
  });

  describe('tariff assignments', () => {
    const location = `LOC-${tariffId}`;
    const roamingId = `${tariffId}-DE`;
    const connector = { location_id: location, evse_uid: 'EVSE-1', connector_id: '1' };
    const resolve = (extra: string) =>
      call(
        'GET',
        `/v1/tariff-assignments/resolve?location_id=${location}&evse_uid=EVSE-1&connector_id=1${extra}`,
      );

    it('Given a default and a roaming assignment, When resolved, Then the eMSP gets its contract tariff and others the default', async () => {
      const roaming = { ...aTariff('2025-03-01T00:00:00Z', 0.3), id: roamingId };
      expect((await call('PUT', `/v1/tariffs/NL/VLT/${roamingId}`, roaming)).status).toBe(201);
      const byDefault = await call('POST', '/v1/tariff-assignments', {
        ...connector,
        tariff_country_code: 'NL',
        tariff_party_id: 'VLT',
        tariff_id: tariffId,
        valid_from: '2025-01-01T00:00:00Z',
      });
      expect(byDefault.status).toBe(201);
      const forEmsp = await call('POST', '/v1/tariff-assignments', {
        ...connector,
        tariff_country_code: 'NL',
        tariff_party_id: 'VLT',
        tariff_id: roamingId,
        emsp_country_code: 'DE',
        emsp_party_id: 'ABC',
        valid_from: '2025-01-01T00:00:00Z',
        valid_to: '2026-01-01T00:00:00Z',
      });
      expect(forEmsp.status).toBe(201);

      const emsp = await resolve('&emsp_country_code=DE&emsp_party_id=abc&at=2025-06-01T00:00:00Z');
      expect(emsp.status).toBe(200);
      expect(emsp.body.source).toBe('EMSP');
      expect(emsp.body.tariff.id).toBe(roamingId);

      const other = await resolve(
        '&emsp_country_code=NL&emsp_party_id=XYZ&at=2025-06-01T00:00:00Z',
      );
      expect(other.body.source).toBe('DEFAULT');
      expect(other.body.tariff.id).toBe(tariffId);

      const afterContract = await resolve(
        '&emsp_country_code=DE&emsp_party_id=ABC&at=2026-02-01T00:00:00Z',
      );
      expect(afterContract.body.source).toBe('DEFAULT');

      expect((await resolve('&at=2024-06-01T00:00:00Z')).status).toBe(404);
    });

    it('Given an overlapping default, When POSTed, Then 409; an unknown tariff or bad dates give 400', async () => {
      const overlapping = await call('POST', '/v1/tariff-assignments', {
        ...connector,
        tariff_country_code: 'NL',
        tariff_party_id: 'VLT',
        tariff_id: tariffId,
        valid_from: '2025-06-01T00:00:00Z',
        valid_to: '2025-07-01T00:00:00Z',
      });
      expect(overlapping.status).toBe(409);
      expect(overlapping.body.code).toBe('TARIFF_ASSIGNMENT.OVERLAP');

      const unknown = await call('POST', '/v1/tariff-assignments', {
        ...connector,
        connector_id: '2',
        tariff_country_code: 'NL',
        tariff_party_id: 'VLT',
        tariff_id: 'NO-SUCH-TARIFF',
      });
      expect(unknown.status).toBe(400);
      expect(unknown.body.errors).toEqual(['tariff_id: no tariff NL/VLT/NO-SUCH-TARIFF']);

      const badDates = await call('POST', '/v1/tariff-assignments', {
        ...connector,
        connector_id: '3',
        tariff_country_code: 'NL',
        tariff_party_id: 'VLT',
        tariff_id: tariffId,
        valid_from: '2025-06-01T00:00:00Z',
        valid_to: '2025-05-01T00:00:00Z',
      });
      expect(badDates.status).toBe(400);
      expect(badDates.body.errors).toEqual(['valid_to: must be after valid_from']);

      const halfParty = await call('POST', '/v1/tariff-assignments', {
        ...connector,
        tariff_country_code: 'NL',
        tariff_party_id: 'VLT',
        tariff_id: tariffId,
        emsp_country_code: 'DE',
      });
      expect(halfParty.status).toBe(400);
      expect((halfParty.body.errors as string[])[0]).toMatch(/^emsp_party_id: /);
    });

    it('Given the assignments, When listed and deleted, Then they are gone', async () => {
      const list = await call('GET', `/v1/tariff-assignments?location_id=${location}`);
      expect(list.status).toBe(200);
      const items = list.body as unknown as { assignment_id: string }[];
      expect(items).toHaveLength(2);
      for (const item of items) {
        expect((await call('DELETE', `/v1/tariff-assignments/${item.assignment_id}`)).status).toBe(
          204,
        );
      }
      expect((await call('GET', `/v1/tariff-assignments?location_id=${location}`)).body).toEqual(
        [],
      );
      expect(
        (await call('DELETE', `/v1/tariff-assignments/${items[0].assignment_id}`)).status,
      ).toBe(404);
    });
  });

  it('Given the tariff, When DELETE, Then 204, then 404, and tariff.tariff.deleted.v1 is published', async () => {
    expect((await call('DELETE', path)).status).toBe(204);
    expect((await call('GET', path)).status).toBe(404);
    expect((await call('DELETE', path)).status).toBe(404);
    const deleted = await waitFor(
      () => eventsOf(Topics.TariffDeleted),
      (e) => e.length >= 1,
      { timeoutMs: 30_000, what: 'a deleted event' },
    );
    expect(deleted).toHaveLength(1);
    expect(deleted[0].data).toMatchObject({ countryCode: 'NL', partyId: 'VLT', tariffId });
  });
});
