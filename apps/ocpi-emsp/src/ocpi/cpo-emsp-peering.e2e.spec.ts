import { OcpiServiceProcess } from '@voltlane/testing';

/**
 * Our own two services register with each other over OCPI through their operator APIs, as any
 * external partner would: the CPO issues a Token A, the eMSP registers with it, each side then
 * authenticates the other with the token it issued; DELETE from the eMSP unregisters both.
 */
describe('ocpi-emsp ↔ ocpi-cpo registration through the admin APIs (real processes)', () => {
  const cpo = new OcpiServiceProcess({ app: 'ocpi-cpo', countryCode: 'NL', partyId: 'VLT' });
  const emsp = new OcpiServiceProcess({ app: 'ocpi-emsp', countryCode: 'NL', partyId: 'VLE' });

  beforeAll(async () => {
    await Promise.all([cpo.start(), emsp.start()]);
  });

  afterAll(async () => {
    await Promise.all([cpo.destroy(), emsp.destroy()]);
  });

  const get = (url: string, token: string) =>
    fetch(url, { headers: { authorization: `Token ${Buffer.from(token).toString('base64')}` } });

  it('eMSP registers with the CPO using the Token A the CPO issued; both sides see the other', async () => {
    const atCpo = await cpo.adminApi('POST', '/admin/v1/partners', {
      name: 'Voltlane eMSP',
      roles: [{ country_code: 'NL', party_id: 'VLE', role: 'EMSP' }],
    });
    expect(atCpo.status).toBe(201);
    const atEmsp = await emsp.adminApi('POST', '/admin/v1/partners', {
      name: 'Voltlane CPO',
      roles: [{ country_code: 'NL', party_id: 'VLT', role: 'CPO' }],
    });
    expect(atEmsp.status).toBe(201);

    const registered = await emsp.adminApi(
      'POST',
      `/admin/v1/partners/${atEmsp.body.id}/register`,
      {
        versions_url: atCpo.body.versions_url,
        token: atCpo.body.token,
      },
    );
    expect(registered.status).toBe(200);
    expect(registered.body).toMatchObject({
      status: 'REGISTERED',
      version: '2.2.1',
      versions_url: `${cpo.baseUrl}/ocpi/cpo/versions`,
      roles: [
        {
          country_code: 'NL',
          party_id: 'VLT',
          role: 'CPO',
          business_details: { name: 'Voltlane CPO' },
        },
      ],
    });
    expect(registered.body.endpoints).toEqual(
      expect.arrayContaining([
        {
          identifier: 'credentials',
          role: 'SENDER',
          url: `${cpo.baseUrl}/ocpi/cpo/2.2.1/credentials`,
        },
      ]),
    );

    const cpoView = await cpo.adminApi('GET', `/admin/v1/partners/${atCpo.body.id}`);
    expect(cpoView.body).toMatchObject({
      status: 'REGISTERED',
      versions_url: `${emsp.baseUrl}/ocpi/emsp/versions`,
      roles: [{ country_code: 'NL', party_id: 'VLE', role: 'EMSP' }],
    });
    expect(cpoView.body.endpoints).toEqual(
      expect.arrayContaining([
        {
          identifier: 'credentials',
          role: 'SENDER',
          url: `${emsp.baseUrl}/ocpi/emsp/2.2.1/credentials`,
        },
      ]),
    );
    expect(cpoView.body.token).toBeUndefined();
    // The Token A is spent.
    expect((await get(`${cpo.baseUrl}/ocpi/cpo/versions`, atCpo.body.token)).status).toBe(401);

    // The eMSP unregisters: DELETE at the CPO, both sides end up UNREGISTERED.
    const del = await emsp.adminApi('DELETE', `/admin/v1/partners/${atEmsp.body.id}`);
    expect(del.status).toBe(200);
    expect(del.body).toMatchObject({ status: 'UNREGISTERED', peer_unregistered: true });
    expect((await cpo.adminApi('GET', `/admin/v1/partners/${atCpo.body.id}`)).body.status).toBe(
      'UNREGISTERED',
    );
  });

  it('the eMSP serves its own versions under /ocpi/emsp', async () => {
    const p = await emsp.adminApi('POST', '/admin/v1/partners', {
      name: 'someone',
      roles: [{ country_code: 'BE', party_id: 'ABC', role: 'CPO' }],
    });
    const res = await get(p.body.versions_url, p.body.token);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { data: unknown };
    expect(body.data).toEqual([{ version: '2.2.1', url: `${emsp.baseUrl}/ocpi/emsp/2.2.1` }]);
  });
});
