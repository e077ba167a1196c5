import { randomUUID } from 'node:crypto';
import { type INestApplication, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import {
  createEnvelope,
  dlqTopic,
  type EmspCdrReceivedV1,
  type EventEnvelope,
  type InvoiceIssuedV1,
  keyOf,
  toHeaders,
  Topics,
} from '@voltlane/contracts-events';
import { setDefaultLogLevel, validateEnv } from '@voltlane/platform-core';
import { type InboundEvent, KafkaPlatform, silentKafkaLogger } from '@voltlane/platform-kafka';
import { createServiceDataSource, runServiceMigrations } from '@voltlane/platform-persistence';
import { ServiceConfigModule } from '@voltlane/platform-service';
import { waitFor } from '@voltlane/testing';
import { AppModule } from '../app.module';
import { CdrBillingEnv } from '../config/cdr-billing.env';
import { MIGRATIONS } from '../migrations';
import { IssueInvoiceUseCase } from './use-cases/issue-invoice.use-case';

/**
 * Driver invoices from received CDRs on real Kafka and PostgreSQL (cdr-billing's Nest application
 * in this process, own database and consumer group): one invoice per CDR with consecutive numbers
 * per eMSP party despite a redelivered event and a re-sent CDR, credit notes (also for a credit
 * CDR that overtakes its original), no gap and no duplicate number under concurrent transactions
 * (one rolled back), database-enforced immutability, and the operator REST API.
 */
const run = randomUUID().slice(0, 8);
const database = `cdr_invoices_${run}`;
const KEY = 'cdr-billing-invoices-int-key-0123456789';
const YEAR = new Date().getUTCFullYear();
/** A fresh eMSP party per scenario (other test files publish emsp.cdr.received too). */
let partySeq = 0;
const newParty = () => `${String.fromCharCode(81 + partySeq++)}${run.slice(0, 2).toUpperCase()}`;

describe('cdr-billing: invoices from received CDRs (real Kafka + PostgreSQL, in process)', () => {
  let admin: Pool;
  let pool: Pool;
  let kafka: KafkaPlatform;
  let app: INestApplication;
  let baseUrl: string;
  const issued: InvoiceIssuedV1[] = [];
  const issuedOf = (party: string) => issued.filter((i) => i.emspPartyId === party);

  const url = () => {
    const u = new URL(process.env.DATABASE_URL as string);
    u.pathname = `/${database}`;
    return u.toString();
  };

  /** Amounts as a CPO sends them: at most four decimals. */
  const r4 = (x: number) => Math.round(x * 1e4) / 1e4;

  const cdrEvent = (
    party: string,
    cdrId: string,
    opts: { credits?: string; driverId?: string; contractId?: string; excl?: number } = {},
  ): EmspCdrReceivedV1 => {
    const excl = opts.excl ?? 10.5;
    const sign = opts.credits ? -1 : 1;
    const cdr = {
      country_code: 'DE',
      party_id: 'CPO',
      id: cdrId,
      start_date_time: '2026-11-20T09:00:00Z',
      end_date_time: '2026-11-20T10:30:00Z',
      cdr_token: {
        country_code: 'NL',
        party_id: party,
        uid: `TOK-${run}`,
        type: 'RFID',
        contract_id: opts.contractId ?? `NL-${party}-C-${run}`,
      },
      auth_method: 'WHITELIST',
      cdr_location: { id: 'LOC-1', evse_uid: 'EVSE-1', connector_id: '1' },
      currency: 'EUR',
      charging_periods: [],
      total_cost: { excl_vat: sign * excl, incl_vat: sign * r4(excl * 1.21) },
      total_fixed_cost: { excl_vat: 0.5, incl_vat: 0.605 },
      total_energy: 20,
      total_energy_cost: { excl_vat: excl - 2.5, incl_vat: r4((excl - 2.5) * 1.21) },
      total_time: 1.5,
      total_time_cost: { excl_vat: 2, incl_vat: 2.42 },
      ...(opts.credits ? { credit: true, credit_reference_id: opts.credits } : {}),
      last_updated: '2026-11-20T10:31:00Z',
    };
    return {
      cdrId,
      countryCode: 'DE',
      partyId: 'CPO',
      tokenUid: `TOK-${run}`,
      ...(opts.driverId ? { driverId: opts.driverId } : {}),
      currency: 'EUR',
      totalCost: {
        exclVat: cdr.total_cost.excl_vat,
        inclVat: cdr.total_cost.incl_vat,
      },
      totalEnergyKwh: 20,
      startDateTime: cdr.start_date_time,
      endDateTime: cdr.end_date_time,
      credit: opts.credits !== undefined,
      receivedAt: new Date().toISOString(),
      cdr: cdr as unknown as Record<string, unknown>,
    };
  };

  const envelopeOf = (data: EmspCdrReceivedV1) =>
    createEnvelope(Topics.EmspCdrReceived, data, {
      producer: 'ocpi-emsp',
      correlationId: `cdr-invoices-${run}`,
      causationId: null,
    });

  const send = async (...envelopes: EventEnvelope<EmspCdrReceivedV1>[]) => {
    await kafka.producer.send(
      envelopes.map((envelope) => ({
        topic: Topics.EmspCdrReceived,
        key: keyOf(Topics.EmspCdrReceived, envelope.data),
        value: JSON.stringify(envelope),
        headers: toHeaders(envelope),
      })),
    );
  };

  const rowsOf = async (party: string) =>
    (
      await pool.query<{
        invoice_number: string;
        sequence: number;
        kind: string;
        cdr_id: string;
        credited_invoice_id: string | null;
        invoice_id: string;
        total_incl_vat: string;
      }>(
        `SELECT invoice_number, sequence, kind, cdr_id, credited_invoice_id, invoice_id,
                total_incl_vat
         FROM cdr_billing.invoices WHERE emsp_party_id = $1 ORDER BY sequence`,
        [party],
      )
    ).rows;

  const api = (path: string, key: string | null = KEY) =>
    fetch(`${baseUrl}${path}`, { headers: key ? { authorization: `Bearer ${key}` } : {} });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const json = async (path: string): Promise<any> => (await api(path)).json();

  beforeAll(async () => {
    admin = new Pool({ connectionString: process.env.DATABASE_URL, max: 1 });
    await admin.query(`CREATE DATABASE "${database}"`);
    const ds = createServiceDataSource({
      url: url(),
      schema: 'cdr_billing',
      applicationName: 'cdr-invoices-int',
      migrations: MIGRATIONS,
    });
    await runServiceMigrations(ds, 'cdr_billing');
    if (ds.isInitialized) await ds.destroy();
    pool = new Pool({ connectionString: url(), max: 2 });

    kafka = new KafkaPlatform(
      {
        brokers: (process.env.KAFKA_BROKERS as string).split(','),
        clientId: `cdr-invoices-${run}`,
        defaultPartitions: 3,
      },
      silentKafkaLogger,
    );
    await kafka.start([Topics.EmspCdrReceived, Topics.InvoiceIssued]);
    const collector = kafka.createConsumer({
      groupId: `cdr-invoices-collector-${run}`,
      topics: [Topics.InvoiceIssued],
      isTransient: () => true,
      handler: async (events: InboundEvent[]) => {
        for (const e of events) issued.push(e.envelope.data as InvoiceIssuedV1);
      },
    });
    await collector.start();

    const config = validateEnv(CdrBillingEnv, {
      KAFKA_BROKERS: process.env.KAFKA_BROKERS,
      DATABASE_URL: url(),
      PORT: '1',
      LOG_LEVEL: 'error',
      ADMIN_API_KEY: KEY,
      KAFKA_CONSUMER_GROUP: `cdr-invoices-${run}`,
      KAFKA_TOPIC_PARTITIONS: '3',
    });
    setDefaultLogLevel('error');
    @Module({ imports: [ServiceConfigModule.forRoot(config), AppModule] })
    class TestRoot {}
    app = await NestFactory.create(TestRoot, { logger: ['error'] });
    await app.listen(0, '127.0.0.1');
    const address = app.getHttpServer().address() as { port: number };
    baseUrl = `http://127.0.0.1:${address.port}`;
  });

  afterAll(async () => {
    await app?.close();
    await kafka?.disconnect();
    await pool?.end();
    await admin?.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`).catch(() => undefined);
    await admin?.end();
  });

  it('issues one invoice per CDR with consecutive numbers, despite a redelivered event and a re-sent CDR, and a credit note for a credit CDR', async () => {
    // Given three CDRs of one eMSP party, one event delivered twice, one CDR re-sent (new event id)
    const party = newParty();
    const [a, b, c] = ['A', 'B', 'C'].map((s) =>
      envelopeOf(cdrEvent(party, `CDR-${run}-${s}`, { driverId: `DRV-${run}` })),
    );
    // When they are consumed (the credit CDR for A after A's invoice exists)
    await send(a, a, b, envelopeOf(cdrEvent(party, `CDR-${run}-B`, { driverId: `DRV-${run}` })));
    await send(c);
    await waitFor(
      () => rowsOf(party),
      (rows) => rows.length >= 3,
      { timeoutMs: 60_000, what: 'three invoices' },
    );
    await send(envelopeOf(cdrEvent(party, `CDR-${run}-A-CREDIT`, { credits: `CDR-${run}-A` })));
    const rows = await waitFor(
      () => rowsOf(party),
      (r) => r.length >= 4,
      { timeoutMs: 60_000, what: 'the credit note' },
    );

    // Then one invoice per CDR, numbered 1..4 without gap, and the credit note cancels A's invoice
    await new Promise((r) => setTimeout(r, 1_500));
    const final = await rowsOf(party);
    expect(final).toHaveLength(4);
    expect(final.map((r) => r.invoice_number)).toEqual(
      [1, 2, 3, 4].map((n) => `${party}-${YEAR}-00000${n}`),
    );
    expect(new Set(final.map((r) => r.cdr_id)).size).toBe(4);
    const invoiceA = rows.find((r) => r.cdr_id === `CDR-${run}-A`);
    const credit = final.find((r) => r.kind === 'CREDIT_NOTE');
    expect(credit).toMatchObject({
      cdr_id: `CDR-${run}-A-CREDIT`,
      credited_invoice_id: invoiceA?.invoice_id,
      total_incl_vat: '-12.7100',
    });
    expect(final.filter((r) => r.kind === 'INVOICE').map((r) => r.total_incl_vat)).toEqual([
      '12.7100',
      '12.7100',
      '12.7100',
    ]);

    // …and each was published once on billing.invoice.issued.v1
    const events = await waitFor(
      async () => issuedOf(party),
      (e) => e.length >= 4,
      { timeoutMs: 30_000, what: 'four invoice events' },
    );
    expect(events.map((e) => e.invoiceNumber).sort()).toEqual(final.map((r) => r.invoice_number));
    const creditEvent = events.find((e) => e.kind === 'CREDIT_NOTE');
    expect(creditEvent).toMatchObject({
      creditedInvoiceNumber: invoiceA?.invoice_number,
      totalExclVat: -10.5,
      totalVat: -2.21,
      totalInclVat: -12.71,
    });
    expect(creditEvent?.driverId).toBeUndefined();
    const eventA = events.find((e) => e.lines[0].cdrId === `CDR-${run}-A`);
    expect(eventA).toMatchObject({ driverId: `DRV-${run}`, kind: 'INVOICE', currency: 'EUR' });
    expect(eventA?.lines.map((l) => [l.dimension, l.amountExclVat, l.amountInclVat])).toEqual([
      ['FLAT', 0.5, 0.61],
      ['ENERGY', 8, 9.68],
      ['TIME', 2, 2.42],
    ]);
  });

  it('issues a credit note for a credit CDR consumed before its original, right after the original invoice', async () => {
    // Given a credit CDR whose original has not been consumed yet
    const party = newParty();
    await send(envelopeOf(cdrEvent(party, `CDR-${run}-X-CREDIT`, { credits: `CDR-${run}-X` })));
    await waitFor(
      async () =>
        (
          await pool.query(`SELECT 1 FROM cdr_billing.pending_credit_cdrs WHERE cdr_id = $1`, [
            `CDR-${run}-X-CREDIT`,
          ])
        ).rowCount,
      (n) => n === 1,
      { timeoutMs: 60_000, what: 'the waiting credit CDR' },
    );
    expect(await rowsOf(party)).toEqual([]);
    // When the original arrives
    await send(envelopeOf(cdrEvent(party, `CDR-${run}-X`)));
    // Then its invoice (1) and the credit note (2) referencing it
    const rows = await waitFor(
      () => rowsOf(party),
      (r) => r.length >= 2,
      { timeoutMs: 60_000, what: 'invoice and credit note' },
    );
    expect(rows.map((r) => [r.sequence, r.kind, r.cdr_id])).toEqual([
      [1, 'INVOICE', `CDR-${run}-X`],
      [2, 'CREDIT_NOTE', `CDR-${run}-X-CREDIT`],
    ]);
    expect(rows[1].credited_invoice_id).toBe(rows[0].invoice_id);
    const pending = await pool.query(
      `SELECT 1 FROM cdr_billing.pending_credit_cdrs WHERE cdr_id = $1`,
      [`CDR-${run}-X-CREDIT`],
    );
    expect(pending.rowCount).toBe(0);
  });

  it('never leaves a gap or repeats a number when many transactions issue at once, duplicates race and one rolls back', async () => {
    // Given 40 CDRs of one party, each issued in its own transaction, all at once, every CDR twice,
    // and 5 more transactions that take a number and then fail
    const party = newParty();
    const dataSource = app.get(DataSource);
    const useCase = app.get(IssueInvoiceUseCase);
    const issue = (cdrId: string, fail: boolean) =>
      dataSource.transaction(async (manager) => {
        await useCase.execute({
          manager,
          items: [{ data: cdrEvent(party, cdrId), publish: () => undefined }],
        });
        if (fail) throw new Error('rolled back on purpose');
      });
    const ids = Array.from({ length: 40 }, (_, i) => `CDR-${run}-P${i}`);
    // When
    const results = await Promise.allSettled([
      ...ids.map((id) => issue(id, false)),
      ...ids.map((id) => issue(id, false)),
      ...[0, 1, 2, 3, 4].map((i) => issue(`CDR-${run}-FAIL${i}`, true)),
    ]);
    // Then every honest transaction committed, and the numbers are exactly 1..40, one per CDR
    expect(results.filter((r) => r.status === 'rejected')).toHaveLength(5);
    const rows = await rowsOf(party);
    expect(rows.map((r) => r.sequence)).toEqual(ids.map((_, i) => i + 1));
    expect(new Set(rows.map((r) => r.cdr_id))).toEqual(new Set(ids));
    const series = await pool.query(
      `SELECT last_number FROM cdr_billing.invoice_number_series WHERE emsp_party_id = $1`,
      [party],
    );
    expect(series.rows).toEqual([{ last_number: 40 }]);
    // …and the next invoice continues the series
    await issue(`CDR-${run}-NEXT`, false);
    expect((await rowsOf(party)).at(-1)?.invoice_number).toBe(`${party}-${YEAR}-000041`);
  });

  it('numbers chunks issued in parallel without gap or repeat: credits across chunks, duplicates across chunks, a failing chunk', async () => {
    // Given 12 chunks of 6 CDRs of one party issued in parallel transactions (as consumers of
    // different partitions would): each chunk also re-sends a CDR of the next chunk and credits a
    // CDR of the previous one; one extra chunk fails on an uninvoiceable CDR after a valid one (nothing of it stays)
    // (two eMSP parties, alternating inside each chunk in opposite orders: the counter rows)
    const parties = [newParty(), newParty()];
    const party = (c: number, n: number) => parties[(c + n) % 2];
    const dataSource = app.get(DataSource);
    const useCase = app.get(IssueInvoiceUseCase);
    const id = (chunk: number, n: number) => `CDR-${run}-K${chunk}-${n}`;
    const chunks = Array.from({ length: 12 }, (_, c) => [
      ...[0, 1, 2, 3, 4, 5].map((n) => cdrEvent(party(c, n), id(c, n))),
      cdrEvent(party((c + 1) % 12, 0), id((c + 1) % 12, 0)),
      cdrEvent(party((c + 11) % 12, 1), `${id((c + 11) % 12, 1)}-CR`, {
        credits: id((c + 11) % 12, 1),
      }),
    ]);
    const broken = { ...cdrEvent(parties[0], `CDR-${run}-BROKEN`) };
    broken.cdr = { ...broken.cdr, cdr_token: { uid: 'X' } };
    const failing = [cdrEvent(parties[1], `CDR-${run}-OK-BUT-ROLLED-BACK`), broken];
    const published: InvoiceIssuedV1[] = [];
    const issueChunk = (events: EmspCdrReceivedV1[]) =>
      dataSource.transaction((manager) =>
        useCase.execute({
          manager,
          items: events.map((data) => ({
            data,
            publish: (_topic: string, e: unknown) => published.push(e as InvoiceIssuedV1),
          })),
        }),
      );
    // When
    const results = await Promise.allSettled([...chunks, failing].map(issueChunk));
    // Then
    expect(results.map((r) => r.status)).toEqual([...chunks.map(() => 'fulfilled'), 'rejected']);
    const rowsA = await rowsOf(parties[0]);
    const rowsB = await rowsOf(parties[1]);
    const rows = [...rowsA, ...rowsB];
    expect(rows).toHaveLength(12 * 6 + 12);
    for (const own of [rowsA, rowsB]) {
      expect(own.map((r) => r.sequence)).toEqual(own.map((_, i) => i + 1));
    }
    const byId = new Map(rows.map((r) => [r.invoice_id, r]));
    for (const credit of rows.filter((r) => r.kind === 'CREDIT_NOTE')) {
      const credited = byId.get(credit.credited_invoice_id as string);
      expect(`${credited?.cdr_id}-CR`).toBe(credit.cdr_id);
    }
    expect(rows.some((r) => r.cdr_id.includes('ROLLED-BACK'))).toBe(false);
    // the failing chunk is refused before it takes a lock or a number (assembly comes first)
    expect(published.map((e) => e.invoiceNumber).sort()).toEqual(
      rows.map((r) => r.invoice_number).sort(),
    );
    const series = await pool.query(
      `SELECT emsp_party_id, last_number FROM cdr_billing.invoice_number_series
       WHERE emsp_party_id = ANY($1) ORDER BY emsp_party_id`,
      [parties],
    );
    expect(series.rows).toEqual(
      [
        { emsp_party_id: parties[0], last_number: rowsA.length },
        { emsp_party_id: parties[1], last_number: rowsB.length },
      ].sort((a, b) => a.emsp_party_id.localeCompare(b.emsp_party_id)),
    );
  });

  it('dead-letters a CDR that cannot be invoiced and still invoices the CDRs around it, without a gap', async () => {
    // Given a CDR whose token has no contract id between two good CDRs, sent together
    const party = newParty();
    const bad = cdrEvent(party, `CDR-${run}-NO-CONTRACT`);
    bad.cdr = { ...bad.cdr, cdr_token: { country_code: 'NL', party_id: party, uid: 'T' } };
    await send(
      envelopeOf(cdrEvent(party, `CDR-${run}-G1`)),
      envelopeOf(bad),
      envelopeOf(cdrEvent(party, `CDR-${run}-G2`)),
    );
    // Then the good ones are invoiced 1 and 2, the bad one lands on the dead-letter topic
    const rows = await waitFor(
      () => rowsOf(party),
      (r) => r.length >= 2,
      { timeoutMs: 60_000, what: 'two invoices' },
    );
    expect(rows.map((r) => [r.sequence, r.cdr_id]).sort()).toEqual([
      [1, expect.stringMatching(/-G[12]$/)],
      [2, expect.stringMatching(/-G[12]$/)],
    ]);
    const dead = await waitFor(
      async () =>
        (
          await kafka.readRaw(dlqTopic(Topics.EmspCdrReceived), {
            maxRecords: 10_000,
            timeoutMs: 5_000,
          })
        ).filter((r) => r.key === bad.cdrId),
      (records) => records.length >= 1,
      { timeoutMs: 60_000, what: 'the dead letter' },
    );
    expect(JSON.stringify(dead[0].headers)).toContain('INVOICE.INVALID_CDR');
    expect(await rowsOf(party)).toHaveLength(2);
  });

  it('refuses to update, delete or truncate an invoice, even for the service itself', async () => {
    const party = newParty();
    const dataSource = app.get(DataSource);
    await dataSource.transaction((manager) =>
      app.get(IssueInvoiceUseCase).execute({
        manager,
        items: [{ data: cdrEvent(party, `CDR-${run}-IMM`), publish: () => undefined }],
      }),
    );
    const attempts = [
      `UPDATE cdr_billing.invoices SET total_excl_vat = 0, total_vat = 0, total_incl_vat = 0 WHERE emsp_party_id = '${party}'`,
      `DELETE FROM cdr_billing.invoices WHERE emsp_party_id = '${party}'`,
      `TRUNCATE cdr_billing.invoices CASCADE`,
    ];
    for (const sql of attempts) {
      await expect(pool.query(sql)).rejects.toMatchObject({
        code: '23001',
        message: expect.stringContaining('Invoices are immutable'),
      });
    }
    expect(await rowsOf(party)).toHaveLength(1);
  });

  it('serves invoices over REST: filters, pagination, one by number, 404, 400 and 401', async () => {
    // Given two drivers of one party: three invoices for D1 (contract C1), one for D2 (contract C2)
    const party = newParty();
    const d1 = `D1-${run}`;
    const d2 = `D2-${run}`;
    const c1 = `NL-${party}-C1-${run}`;
    await send(
      envelopeOf(cdrEvent(party, `CDR-${run}-R1`, { driverId: d1, contractId: c1 })),
      envelopeOf(cdrEvent(party, `CDR-${run}-R2`, { driverId: d1, contractId: c1, excl: 20 })),
      envelopeOf(cdrEvent(party, `CDR-${run}-R3`, { driverId: d1, contractId: c1 })),
      envelopeOf(cdrEvent(party, `CDR-${run}-R4`, { driverId: d2, excl: 3.5 })),
    );
    await waitFor(
      () => rowsOf(party),
      (r) => r.length >= 4,
      { timeoutMs: 60_000, what: 'four invoices' },
    );

    // When / Then: list by driver, paginated
    const page1 = await json(`/api/v1/invoices?driver_id=${d1}&limit=2`);
    expect(page1).toMatchObject({ total: 3, offset: 0, limit: 2 });
    expect(page1.data).toHaveLength(2);
    const page2 = await json(`/api/v1/invoices?driver_id=${d1}&limit=2&offset=2`);
    expect(page2.data).toHaveLength(1);
    const numbers = [...page1.data, ...page2.data].map((i: { number: string }) => i.number);
    expect(new Set(numbers).size).toBe(3);
    // by contract id, by party, by date range
    expect((await json(`/api/v1/invoices?contract_id=${c1}`)).total).toBe(3);
    const byParty = await json(`/api/v1/invoices?emsp_country_code=NL&emsp_party_id=${party}`);
    expect(byParty.total).toBe(4);
    const future = new Date(Date.now() + 3_600_000).toISOString();
    expect((await json(`/api/v1/invoices?emsp_party_id=${party}&date_from=${future}`)).total).toBe(
      0,
    );
    expect((await json(`/api/v1/invoices?emsp_party_id=${party}&date_to=${future}`)).total).toBe(4);

    // one by number, with its lines, token and CDR
    const d2Invoice = byParty.data.find((i: { driverId: string }) => i.driverId === d2);
    const one = await api(`/api/v1/invoices/${d2Invoice.number}`);
    expect(one.status).toBe(200);
    expect(await one.json()).toMatchObject({
      number: d2Invoice.number,
      kind: 'INVOICE',
      emspCountryCode: 'NL',
      emspPartyId: party,
      driverId: d2,
      token: { uid: `TOK-${run}` },
      cdr: { id: `CDR-${run}-R4`, cpoCountryCode: 'DE', cpoPartyId: 'CPO' },
      currency: 'EUR',
      totalExclVat: 3.5,
      totalVat: 0.74,
      totalInclVat: 4.24,
      lines: [
        expect.objectContaining({ dimension: 'FLAT' }),
        expect.objectContaining({ dimension: 'ENERGY', quantity: 20, unit: 'kWh' }),
        expect.objectContaining({ dimension: 'TIME' }),
      ],
    });

    // errors
    const missing = await api(`/api/v1/invoices/${party}-1999-000001`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ code: 'INVOICE.NOT_FOUND' });
    expect((await api(`/api/v1/invoices?limit=0`)).status).toBe(400);
    expect((await api(`/api/v1/invoices?date_from=yesterday`)).status).toBe(400);
    expect((await api(`/api/v1/invoices`, null)).status).toBe(401);
    expect((await api(`/api/v1/invoices/${d2Invoice.number}`, 'wrong-key')).status).toBe(401);
  });
});
