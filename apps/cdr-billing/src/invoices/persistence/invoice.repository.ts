import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type {
  InvoiceDraft,
  InvoiceKind,
  InvoiceLine,
  InvoiceSource,
} from '../domain/invoice-assembly';

/** A stored (issued) invoice or credit note. */
export interface StoredInvoice extends InvoiceDraft {
  invoiceId: string;
  invoiceNumber: string;
  year: number;
  sequence: number;
  creditedInvoiceId: string | null;
  creditedInvoiceNumber: string | null;
  /** The credit note that cancels this invoice, if any. */
  creditedByInvoiceNumber: string | null;
  issuedAt: string;
}

export interface InvoiceQuery {
  driverId?: string;
  contractId?: string;
  emspCountryCode?: string;
  emspPartyId?: string;
  /** issued_at ≥ from (epoch ms) */
  from?: number;
  /** issued_at < to (epoch ms) */
  to?: number;
  offset: number;
  limit: number;
}

export interface CdrKey {
  cpoCountryCode: string;
  cpoPartyId: string;
  cdrId: string;
}

interface InvoiceRow {
  invoice_id: string;
  invoice_number: string;
  kind: InvoiceKind;
  emsp_country_code: string;
  emsp_party_id: string;
  year: number;
  sequence: number;
  cpo_country_code: string;
  cpo_party_id: string;
  cdr_id: string;
  credited_invoice_id: string | null;
  credited_invoice_number: string | null;
  credited_cdr_id: string | null;
  credited_by_number: string | null;
  driver_id: string | null;
  token_uid: string;
  contract_id: string;
  currency: string;
  total_excl_vat: string;
  total_vat: string;
  total_incl_vat: string;
  lines: InvoiceLine[];
  cdr_start_date_time: Date;
  cdr_end_date_time: Date;
  issued_at: Date;
  total?: string;
}

const SELECT_INVOICE = `
  SELECT i.*, o."invoice_number" AS credited_invoice_number, o."cdr_id" AS credited_cdr_id,
         k."invoice_number" AS credited_by_number`;
const FROM_INVOICE = `
  FROM "cdr_billing"."invoices" i
  LEFT JOIN "cdr_billing"."invoices" o ON o."invoice_id" = i."credited_invoice_id"
  LEFT JOIN "cdr_billing"."invoices" k ON k."credited_invoice_id" = i."invoice_id"`;

const toStored = (r: InvoiceRow): StoredInvoice => ({
  invoiceId: r.invoice_id,
  invoiceNumber: r.invoice_number,
  kind: r.kind,
  emspCountryCode: r.emsp_country_code,
  emspPartyId: r.emsp_party_id,
  year: r.year,
  sequence: r.sequence,
  cpoCountryCode: r.cpo_country_code,
  cpoPartyId: r.cpo_party_id,
  cdrId: r.cdr_id,
  creditedCdrId: r.credited_cdr_id,
  creditedInvoiceId: r.credited_invoice_id,
  creditedInvoiceNumber: r.credited_invoice_number,
  creditedByInvoiceNumber: r.credited_by_number,
  driverId: r.driver_id,
  tokenUid: r.token_uid,
  contractId: r.contract_id,
  currency: r.currency,
  totalExclVat: Number(r.total_excl_vat),
  totalVat: Number(r.total_vat),
  totalInclVat: Number(r.total_incl_vat),
  lines: r.lines,
  cdrStartDateTime: r.cdr_start_date_time.toISOString(),
  cdrEndDateTime: r.cdr_end_date_time.toISOString(),
  issuedAt: r.issued_at.toISOString(),
});

/** The only TypeORM user of invoices: number series, append-only invoices, waiting credit CDRs. */
@Injectable()
export class InvoiceRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Serialises everything done for one original CDR (its invoice, its credit notes, duplicates of
   * either) until the transaction ends. Credit CDRs lock the key of the CDR they credit.
   */
  async lockCdr(manager: EntityManager, key: CdrKey): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [
      `invoice-cdr:${key.cpoCountryCode}/${key.cpoPartyId}/${key.cdrId}`,
    ]);
  }

  async findByCdr(manager: EntityManager, key: CdrKey): Promise<StoredInvoice | undefined> {
    const rows: InvoiceRow[] = await manager.query(
      `${SELECT_INVOICE} ${FROM_INVOICE}
       WHERE i."cpo_country_code" = $1 AND i."cpo_party_id" = $2 AND i."cdr_id" = $3`,
      [key.cpoCountryCode, key.cpoPartyId, key.cdrId],
    );
    return rows[0] && toStored(rows[0]);
  }

  /**
   * Locks the counter rows of these series (created at 0 when new) in a fixed order, so that two
   * transactions issuing for several parties never wait for each other's rows in a cycle.
   */
  async lockSeries(
    manager: EntityManager,
    series: { emspCountryCode: string; emspPartyId: string; year: number }[],
  ): Promise<void> {
    const sorted = [...series].sort((a, b) =>
      `${a.emspCountryCode}/${a.emspPartyId}/${a.year}`.localeCompare(
        `${b.emspCountryCode}/${b.emspPartyId}/${b.year}`,
      ),
    );
    for (const s of sorted) {
      // DO UPDATE with the same value: the row is locked until the transaction ends
      await manager.query(
        `INSERT INTO "cdr_billing"."invoice_number_series" AS s
           ("emsp_country_code", "emsp_party_id", "year", "last_number")
         VALUES ($1, $2, $3, 0)
         ON CONFLICT ("emsp_country_code", "emsp_party_id", "year")
           DO UPDATE SET "last_number" = s."last_number"`,
        [s.emspCountryCode, s.emspPartyId, s.year],
      );
    }
  }

  /**
   * The next number of the party's series for that year. The counter row stays locked until the
   * transaction ends: the invoice insert commits with it or both roll back — no gaps, no reuse.
   */
  async allocateSequence(
    manager: EntityManager,
    emspCountryCode: string,
    emspPartyId: string,
    year: number,
  ): Promise<number> {
    const rows: { last_number: number }[] = await manager.query(
      `INSERT INTO "cdr_billing"."invoice_number_series" AS s
         ("emsp_country_code", "emsp_party_id", "year", "last_number")
       VALUES ($1, $2, $3, 1)
       ON CONFLICT ("emsp_country_code", "emsp_party_id", "year")
         DO UPDATE SET "last_number" = s."last_number" + 1
       RETURNING "last_number"`,
      [emspCountryCode, emspPartyId, year],
    );
    return rows[0].last_number;
  }

  async insert(
    manager: EntityManager,
    invoice: Omit<
      StoredInvoice,
      'creditedInvoiceNumber' | 'creditedByInvoiceNumber' | 'creditedCdrId'
    >,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO "cdr_billing"."invoices" (
         "invoice_id", "invoice_number", "kind", "emsp_country_code", "emsp_party_id", "year",
         "sequence", "cpo_country_code", "cpo_party_id", "cdr_id", "credited_invoice_id",
         "driver_id", "token_uid", "contract_id", "currency", "total_excl_vat", "total_vat",
         "total_incl_vat", "lines", "cdr_start_date_time", "cdr_end_date_time", "issued_at")
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18,
               $19, $20, $21, $22)`,
      [
        invoice.invoiceId,
        invoice.invoiceNumber,
        invoice.kind,
        invoice.emspCountryCode,
        invoice.emspPartyId,
        invoice.year,
        invoice.sequence,
        invoice.cpoCountryCode,
        invoice.cpoPartyId,
        invoice.cdrId,
        invoice.creditedInvoiceId,
        invoice.driverId,
        invoice.tokenUid,
        invoice.contractId,
        invoice.currency,
        invoice.totalExclVat,
        invoice.totalVat,
        invoice.totalInclVat,
        JSON.stringify(invoice.lines),
        invoice.cdrStartDateTime,
        invoice.cdrEndDateTime,
        invoice.issuedAt,
      ],
    );
  }

  /** Parks a credit CDR until the invoice of the CDR it credits exists (first copy wins). */
  async savePendingCredit(
    manager: EntityManager,
    key: CdrKey,
    creditedCdrId: string,
    source: InvoiceSource,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO "cdr_billing"."pending_credit_cdrs"
         ("cpo_country_code", "cpo_party_id", "cdr_id", "credited_cdr_id", "source")
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
      [key.cpoCountryCode, key.cpoPartyId, key.cdrId, creditedCdrId, JSON.stringify(source)],
    );
  }

  /** Removes and returns the credit CDRs waiting for this CDR's invoice. */
  async takePendingCredits(manager: EntityManager, credited: CdrKey): Promise<InvoiceSource[]> {
    const rows: { source: InvoiceSource }[] = await manager.query(
      // a SELECT over the DELETE: TypeORM answers a bare DELETE … RETURNING with [rows, count]
      `WITH taken AS (
         DELETE FROM "cdr_billing"."pending_credit_cdrs"
         WHERE "cpo_country_code" = $1 AND "cpo_party_id" = $2 AND "credited_cdr_id" = $3
         RETURNING "source", "received_at", "cdr_id")
       SELECT "source" FROM taken ORDER BY "received_at", "cdr_id"`,
      [credited.cpoCountryCode, credited.cpoPartyId, credited.cdrId],
    );
    return rows.map((r) => r.source);
  }

  async findByNumber(invoiceNumber: string, emspCountryCode?: string): Promise<StoredInvoice[]> {
    const rows: InvoiceRow[] = await this.dataSource.query(
      `${SELECT_INVOICE} ${FROM_INVOICE}
       WHERE i."invoice_number" = $1 AND ($2::text IS NULL OR i."emsp_country_code" = $2)
       ORDER BY i."emsp_country_code"`,
      [invoiceNumber, emspCountryCode ?? null],
    );
    return rows.map(toStored);
  }

  async find(q: InvoiceQuery): Promise<{ total: number; items: StoredInvoice[] }> {
    const where = `
      WHERE ($1::text IS NULL OR i."driver_id" = $1)
        AND ($2::text IS NULL OR i."contract_id" = $2)
        AND ($3::text IS NULL OR i."emsp_country_code" = $3)
        AND ($4::text IS NULL OR i."emsp_party_id" = $4)
        AND ($5::timestamptz IS NULL OR i."issued_at" >= $5)
        AND ($6::timestamptz IS NULL OR i."issued_at" < $6)`;
    const params = [
      q.driverId ?? null,
      q.contractId ?? null,
      q.emspCountryCode ?? null,
      q.emspPartyId ?? null,
      q.from === undefined ? null : new Date(q.from).toISOString(),
      q.to === undefined ? null : new Date(q.to).toISOString(),
    ];
    const rows: InvoiceRow[] = await this.dataSource.query(
      `${SELECT_INVOICE}, count(*) OVER () AS total ${FROM_INVOICE} ${where}
       ORDER BY i."issued_at" DESC, i."sequence" DESC, i."invoice_id"
       OFFSET $7 LIMIT $8`,
      [...params, q.offset, q.limit],
    );
    let total = Number(rows[0]?.total ?? 0);
    if (rows.length === 0 && q.offset > 0) {
      const counted: { n: string }[] = await this.dataSource.query(
        `SELECT count(*) AS n FROM "cdr_billing"."invoices" i ${where}`,
        params,
      );
      total = Number(counted[0].n);
    }
    return { total, items: rows.map(toStored) };
  }
}
