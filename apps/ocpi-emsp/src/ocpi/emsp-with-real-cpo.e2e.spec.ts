import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { OcpiServiceProcess, type TestJson, waitFor } from '@voltlane/testing';

/**
 * Our two OCPI services as real processes: a token created at ocpi-emsp (operator API) arrives
 * at ocpi-cpo's tokens Receiver through the push queue, and blocking it there too; checked by
 * GETting it back over OCPI from the CPO as the eMSP partner (ADR 0070). The other way round, a
 * location our CPO publishes lands in the eMSP's Locations Receiver.
 */
const run = randomUUID().slice(0, 8);
const UID = `E2E-${run}`;

describe('ocpi-emsp ↔ ocpi-cpo: tokens and locations over OCPI (real processes)', () => {
  const cpo = new OcpiServiceProcess({ app: 'ocpi-cpo', countryCode: 'NL', partyId: 'VLT' });
  const emsp = new OcpiServiceProcess({ app: 'ocpi-emsp', countryCode: 'NL', partyId: 'VLE' });
  let emspDb: Pool;
  let tokenAtCpo: string; // the token ocpi-cpo issued to ocpi-emsp (its client token)
  let tokenAtEmsp: string; // the token ocpi-emsp issued to ocpi-cpo

  const getAtCpo = async (uid: string, type = 'RFID') => {
    const res = await fetch(`${cpo.baseUrl}/ocpi/cpo/2.2.1/tokens/NL/VLE/${uid}?type=${type}`, {
      headers: { authorization: `Token ${Buffer.from(tokenAtCpo).toString('base64')}` },
    });
    return { status: res.status, body: (await res.json()) as TestJson };
  };

  beforeAll(async () => {
    await Promise.all([cpo.start(), emsp.start()]);
    emspDb = new Pool({ connectionString: emsp.databaseUrl, max: 1 });
    const atCpo = await cpo.adminApi('POST', '/admin/v1/partners', {
      name: 'Voltlane eMSP',
      roles: [{ country_code: 'NL', party_id: 'VLE', role: 'EMSP' }],
    });
    const atEmsp = await emsp.adminApi('POST', '/admin/v1/partners', {
      name: 'Voltlane CPO',
      roles: [{ country_code: 'NL', party_id: 'VLT', role: 'CPO' }],
    });
    const registered = await emsp.adminApi(
      'POST',
      `/admin/v1/partners/${atEmsp.body.id}/register`,
      { versions_url: atCpo.body.versions_url, token: atCpo.body.token },
    );
    expect(registered.status).toBe(200);
    expect(registered.body.endpoints).toEqual(
      expect.arrayContaining([
        { identifier: 'tokens', role: 'RECEIVER', url: `${cpo.baseUrl}/ocpi/cpo/2.2.1/tokens` },
      ]),
    );
    const row = await emspDb.query(
      `SELECT client_token FROM ocpi_emsp.ocpi_partners WHERE id = $1`,
      [atEmsp.body.id],
    );
    tokenAtCpo = row.rows[0].client_token as string;
    const server = await emspDb.query(
      `SELECT server_token FROM ocpi_emsp.ocpi_partners WHERE id = $1`,
      [atEmsp.body.id],
    );
    tokenAtEmsp = server.rows[0].server_token as string;
  }, 120_000);

  afterAll(async () => {
    await emspDb?.end();
    await Promise.all([cpo.destroy(), emsp.destroy()]);
  });

  it('a token created at the eMSP is readable at the CPO; blocking it reaches the CPO too', async () => {
    expect((await getAtCpo(UID)).status).toBe(404);
    const created = await emsp.adminApi('PUT', `/admin/v1/tokens/${UID}`, {
      type: 'RFID',
      contract_id: `NL-VLE-C${run}`,
      issuer: 'Voltlane',
      valid: true,
      whitelist: 'ALLOWED',
      group_id: `G-${run}`,
    });
    expect(created.status).toBe(201);

    const arrived = await waitFor(
      () => getAtCpo(UID),
      (r) => r.status === 200,
      { timeoutMs: 30_000, what: `token ${UID} at ocpi-cpo` },
    );
    expect(arrived.body.data).toMatchObject({
      country_code: 'NL',
      party_id: 'VLE',
      uid: UID,
      type: 'RFID',
      contract_id: `NL-VLE-C${run}`,
      issuer: 'Voltlane',
      valid: true,
      whitelist: 'ALLOWED',
      group_id: `G-${run}`,
    });
    expect(Date.parse(arrived.body.data.last_updated)).toBe(Date.parse(created.body.last_updated));

    const blocked = await emsp.adminApi('PUT', `/admin/v1/tokens/${UID}`, {
      type: 'RFID',
      contract_id: `NL-VLE-C${run}`,
      issuer: 'Voltlane',
      valid: false,
      whitelist: 'ALLOWED',
      group_id: `G-${run}`,
    });
    expect(blocked.status).toBe(200);
    const after = await waitFor(
      () => getAtCpo(UID),
      (r) => r.body?.data?.valid === false,
      { timeoutMs: 30_000, what: `blocked token ${UID} at ocpi-cpo` },
    );
    expect(Date.parse(after.body.data.last_updated)).toBe(Date.parse(blocked.body.last_updated));
    // nothing failed on the way
    const queue = await emsp.adminApi('GET', '/admin/v1/push-queue/items?status=failed');
    expect(queue.status).toBe(200);
    expect(JSON.stringify(queue.body)).not.toContain(UID);
  });

  it('a location published by ocpi-cpo arrives in the eMSP Locations Receiver', async () => {
    const id = `LOC-${run}`;
    const put = await cpo.adminApi('PUT', `/admin/v1/locations/${id}`, {
      publish: true,
      name: 'Voltlane cross-service e2e',
      address: 'Gustav Mahlerlaan 10',
      city: 'Amsterdam',
      postal_code: '1082PP',
      country: 'NLD',
      coordinates: { latitude: '52.338430', longitude: '4.872130' },
      time_zone: 'Europe/Amsterdam',
      evses: [
        {
          uid: `EVSE-${run}`,
          status: 'AVAILABLE',
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
    const url = `${emsp.baseUrl}/ocpi/emsp/2.2.1/locations/NL/VLT/${id}`;
    const received = await waitFor(
      async () => {
        const res = await fetch(url, {
          headers: { authorization: `Token ${Buffer.from(tokenAtEmsp).toString('base64')}` },
        });
        return { status: res.status, body: (await res.json()) as TestJson };
      },
      (r) => r.status === 200,
      { timeoutMs: 30_000, what: `location ${id} at ocpi-emsp` },
    );
    expect(received.body.data).toMatchObject({
      country_code: 'NL',
      party_id: 'VLT',
      id,
      name: 'Voltlane cross-service e2e',
      evses: [{ uid: `EVSE-${run}`, connectors: [{ id: '1', standard: 'IEC_62196_T2' }] }],
    });
  });
});
