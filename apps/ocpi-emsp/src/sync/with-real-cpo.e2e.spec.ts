import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { OcpiServiceProcess, type TestJson, waitFor } from '@voltlane/testing';

/**
 * ocpi-emsp against the REAL ocpi-cpo (both real processes on real Kafka + PostgreSQL), ADR 0071:
 * the pull sync reads ocpi-cpo's Sender endpoints (our DTOs accept what it serves; sessions get
 * their required date_from) and stores its Location; commands go to ocpi-cpo's commands Receiver,
 * whose CommandResponse and CommandResult (TIMEOUT from its own sweeper, no station connected)
 * come back to our response_url.
 */
const run = randomUUID().slice(0, 8);
const LOC = `LOC-${run}`;
const EVSE = `EVSE-${run}`;
const UID = `R${run}`;

describe('ocpi-emsp ↔ ocpi-cpo: pull sync and commands (real processes)', () => {
  const cpo = new OcpiServiceProcess({
    app: 'ocpi-cpo',
    countryCode: 'NL',
    partyId: 'VLT',
    env: { OCPI_COMMAND_TIMEOUT_SECONDS: '5', OCPI_COMMAND_SWEEP_INTERVAL_MS: '200' },
  });
  const emsp = new OcpiServiceProcess({
    app: 'ocpi-emsp',
    countryCode: 'NL',
    partyId: 'VLE',
    env: {
      OCPI_PULL_SYNC_CHECK_INTERVAL_MS: '3600000',
      OCPI_COMMAND_RESULT_GRACE_SECONDS: '30',
      OCPI_COMMAND_SWEEP_INTERVAL_MS: '200',
    },
  });
  let partnerId: string;

  beforeAll(async () => {
    await Promise.all([cpo.start(), emsp.start()]);
    // a Location at the CPO before the eMSP is its partner: only a pull can bring it
    const put = await cpo.adminApi('PUT', `/admin/v1/locations/${LOC}`, {
      publish: true,
      name: 'Voltlane pull-sync e2e',
      address: 'Gustav Mahlerlaan 10',
      city: 'Amsterdam',
      postal_code: '1082PP',
      country: 'NLD',
      coordinates: { latitude: '52.338430', longitude: '4.872130' },
      time_zone: 'Europe/Amsterdam',
      evses: [
        {
          uid: EVSE,
          status: 'AVAILABLE',
          capabilities: ['REMOTE_START_STOP_CAPABLE'],
          connectors: [
            {
              id: '1',
              standard: 'IEC_62196_T2',
              format: 'SOCKET',
              power_type: 'AC_3_PHASE',
              max_voltage: 230,
              max_amperage: 32,
            },
          ],
          ocpp: { station_id: `CP-${run}`, connector_id: 1 },
        },
      ],
    });
    expect(put.status).toBe(201);
    const atCpo = await cpo.adminApi('POST', '/admin/v1/partners', {
      name: 'Voltlane eMSP',
      roles: [{ country_code: 'NL', party_id: 'VLE', role: 'EMSP' }],
    });
    const atEmsp = await emsp.adminApi('POST', '/admin/v1/partners', {
      name: 'Voltlane CPO',
      roles: [{ country_code: 'NL', party_id: 'VLT', role: 'CPO' }],
    });
    partnerId = atEmsp.body.id;
    const registered = await emsp.adminApi('POST', `/admin/v1/partners/${partnerId}/register`, {
      versions_url: atCpo.body.versions_url,
      token: atCpo.body.token,
    });
    expect(registered.status).toBe(200);
    const token = await emsp.adminApi('PUT', `/admin/v1/tokens/${UID}`, {
      type: 'RFID',
      contract_id: `NL-VLE-C${run}`,
      issuer: 'Voltlane',
      valid: true,
      whitelist: 'ALLOWED',
    });
    expect(token.status).toBe(201);
  }, 120_000);

  afterAll(async () => {
    await Promise.all([cpo.destroy(), emsp.destroy()]);
  });

  it('pulls every module from ocpi-cpo without errors and stores its Location', async () => {
    const res = await emsp.adminApi('POST', `/admin/v1/partners/${partnerId}/sync`);
    expect(res.status).toBe(200);
    const byModule = Object.fromEntries((res.body.modules as TestJson[]).map((m) => [m.module, m]));
    for (const module of ['locations', 'tariffs', 'sessions', 'cdrs']) {
      expect(byModule[module]).toMatchObject({ status: 'ok', invalid: 0 });
    }
    expect(byModule.locations.received).toBeGreaterThanOrEqual(1);
    const state = await emsp.adminApi('GET', `/admin/v1/partners/${partnerId}/sync`);
    expect(state.body.modules.every((m: TestJson) => m.last_error === null)).toBe(true);
    const db = new Pool({ connectionString: emsp.databaseUrl, max: 1 });
    try {
      const stored = await db.query(
        `SELECT object FROM ocpi_emsp.received_locations
          WHERE partner_id = $1 AND country_code = 'NL' AND party_id = 'VLT' AND object_key = $2`,
        [partnerId, LOC.toUpperCase()],
      );
      expect(stored.rows).toHaveLength(1);
      expect(stored.rows[0].object).toMatchObject({
        id: LOC,
        name: 'Voltlane pull-sync e2e',
        evses: [{ uid: EVSE }],
      });
    } finally {
      await db.end();
    }
  });

  it('STOP_SESSION of an unknown session: ocpi-cpo answers UNKNOWN_SESSION, final', async () => {
    const res = await emsp.adminApi('POST', '/admin/v1/commands', {
      partner_id: partnerId,
      type: 'STOP_SESSION',
      body: { session_id: `NOPE-${run}` },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      state: 'UNKNOWN_SESSION',
      final: true,
      response: { result: 'UNKNOWN_SESSION' },
    });
  });

  it('START_SESSION at a station that never answers: ACCEPTED, then ocpi-cpo posts TIMEOUT to our response_url', async () => {
    const res = await emsp.adminApi('POST', '/admin/v1/commands', {
      partner_id: partnerId,
      type: 'START_SESSION',
      body: {
        token: { uid: UID, type: 'RFID' },
        location_id: LOC,
        evse_uid: EVSE,
        connector_id: '1',
      },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      state: 'ACCEPTED',
      final: false,
      response: { result: 'ACCEPTED', timeout: 5 },
    });
    const done = await waitFor(
      async () => (await emsp.adminApi('GET', `/admin/v1/commands/${res.body.id}`)).body,
      (c: TestJson) => c.final === true,
      { timeoutMs: 30_000, what: 'the CommandResult from ocpi-cpo' },
    );
    // the CPO's own result, not our sweeper (our deadline is 5 s + 30 s grace)
    expect(done).toMatchObject({ state: 'TIMEOUT', result: { result: 'TIMEOUT' } });
  });
});
