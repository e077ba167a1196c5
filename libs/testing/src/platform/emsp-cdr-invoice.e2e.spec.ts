import { randomUUID } from 'node:crypto';
import { OcpiServiceProcess } from '../ocpi/ocpi-service.process';
import { ScriptedOcpiPeer, type TestJson } from '../ocpi/scripted-ocpi-peer';
import { waitFor } from '../backbone/wait-for';

/**
 * Issue 5's proof "one invoice per CDR even when the same CDR is POSTed twice", across real
 * processes: a scripted CPO POSTs a CDR twice to ocpi-emsp over OCPI → `emsp.cdr.received.v1` →
 * cdr-billing issues exactly one invoice naming the driver behind the token, with the CDR's totals;
 * a credit CDR becomes a credit note of the opposite amount.
 */
const run = randomUUID().slice(0, 8);
const at = (minutes: number) => new Date(Date.UTC(2026, 10, 1, 8, minutes)).toISOString();
const TOKEN_UID = `INV${run}`.toUpperCase();
const CONTRACT_ID = `NL-VLE-C${run
  .replace(/[^0-9]/g, '7')
  .padEnd(8, '7')
  .slice(0, 8)}-X`;

function cdr(id: string, extra: Record<string, unknown> = {}) {
  return {
    country_code: 'BE',
    party_id: 'ICP',
    id,
    start_date_time: at(0),
    end_date_time: at(60),
    session_id: `S-${id}`,
    cdr_token: {
      country_code: 'NL',
      party_id: 'VLE',
      uid: TOKEN_UID,
      type: 'RFID',
      contract_id: CONTRACT_ID,
    },
    auth_method: 'WHITELIST',
    cdr_location: {
      id: `LOC-${run}`,
      address: 'Stationsplein 1',
      city: 'Utrecht',
      postal_code: '3511ED',
      country: 'NLD',
      coordinates: { latitude: '52.089440', longitude: '5.110000' },
      evse_uid: `EVSE-${run}`,
      evse_id: 'BE*ICP*E1',
      connector_id: '1',
      connector_standard: 'IEC_62196_T2',
      connector_format: 'SOCKET',
      connector_power_type: 'AC_3_PHASE',
    },
    currency: 'EUR',
    charging_periods: [{ start_date_time: at(0), dimensions: [{ type: 'ENERGY', volume: 20 }] }],
    total_cost: { excl_vat: 5, incl_vat: 6.05 },
    total_energy_cost: { excl_vat: 5, incl_vat: 6.05 },
    total_energy: 20,
    total_time: 1,
    last_updated: at(61),
    ...extra,
  };
}

describe('eMSP CDR → driver invoice across ocpi-emsp and cdr-billing (real processes)', () => {
  const emsp = new OcpiServiceProcess({ app: 'ocpi-emsp', countryCode: 'NL', partyId: 'VLE' });
  const billing = new OcpiServiceProcess({ app: 'cdr-billing', countryCode: 'NL', partyId: 'VLE' });
  const cpo = new ScriptedOcpiPeer({ countryCode: 'BE', partyId: 'ICP', role: 'CPO' });
  const driverId = randomUUID();
  let cpoToken: string;

  const invoices = async (): Promise<TestJson[]> => {
    const res = await fetch(`${billing.baseUrl}/api/v1/invoices?contract_id=${CONTRACT_ID}`, {
      headers: { authorization: `Bearer ${billing.adminApiKey}` },
    });
    expect(res.status).toBe(200);
    return ((await res.json()) as { data: TestJson[] }).data;
  };
  const postCdr = (body: unknown) =>
    cpo.call('POST', `${emsp.baseUrl}/ocpi/emsp/2.2.1/cdrs`, cpoToken, body);

  beforeAll(async () => {
    await Promise.all([emsp.start(), billing.start(), cpo.start()]);
    const token = await emsp.adminApi('PUT', `/admin/v1/tokens/${TOKEN_UID}`, {
      type: 'RFID',
      contract_id: CONTRACT_ID,
      issuer: 'Voltlane',
      valid: true,
      whitelist: 'ALLOWED',
      driver_id: driverId,
    });
    expect(token.status).toBe(201);
    const partner = await emsp.adminApi('POST', '/admin/v1/partners', {
      name: 'scripted CPO ICP',
      roles: [{ country_code: 'BE', party_id: 'ICP', role: 'CPO' }],
    });
    expect(partner.status).toBe(201);
    const { answer } = await cpo.registerWith(partner.body.versions_url, partner.body.token);
    expect(answer.body.status_code).toBe(1000);
    cpoToken = cpo.clientToken as string;
  }, 180_000);

  afterAll(async () => {
    await cpo.stop();
    await Promise.all([emsp.destroy(), billing.destroy()]);
  });

  it('issues exactly one invoice for a CDR POSTed twice, and a credit note for its credit CDR', async () => {
    const id = `CDR-${run}`;
    const first = await postCdr(cdr(id));
    const again = await postCdr(cdr(id));
    expect([first.status, again.status]).toEqual([201, 200]);

    const [invoice] = await waitFor(invoices, (list) => list.length >= 1, {
      timeoutMs: 60_000,
      what: 'the invoice of the CDR',
    });
    expect(invoice).toMatchObject({
      kind: 'INVOICE',
      driverId,
      totalExclVat: 5,
      totalInclVat: 6.05,
      totalVat: 1.05,
    });
    expect(invoice.number).toMatch(/^VLE-2026-\d{6}$/);

    // the credit CDR: same data, negative total_cost, referencing the original
    const credit = await postCdr(
      cdr(`${id}-C`, {
        credit: true,
        credit_reference_id: id,
        total_cost: { excl_vat: -5, incl_vat: -6.05 },
      }),
    );
    expect(credit.status).toBe(201);
    const both = await waitFor(invoices, (list) => list.length >= 2, {
      timeoutMs: 60_000,
      what: 'the credit note',
    });
    // give a second invoice for the duplicate time to appear, if one were ever issued
    await new Promise((r) => setTimeout(r, 3_000));
    const all = await invoices();
    expect(all).toHaveLength(2);
    const note = both.find((i) => i.number !== invoice.number) as TestJson;
    expect(note).toMatchObject({ totalExclVat: -5, totalInclVat: -6.05 });
    expect(note.kind).not.toBe('INVOICE');
  });
});
